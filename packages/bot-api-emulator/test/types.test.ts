import type { Message as GrammyMessage, Update as GrammyUpdate } from 'grammy/types';
import { describe, expectTypeOf, it } from 'vitest';
import type { Emulator, Message, SimulatedUser, Update } from '../src/index.js';

describe('public types', () => {
  it("are assignable to grammY's Telegram types", () => {
    expectTypeOf<Message>().toExtend<GrammyMessage>();
    expectTypeOf<Update>().toExtend<GrammyUpdate>();
  });

  it('return promises of messages from user actions', () => {
    expectTypeOf<SimulatedUser['send']>().returns.toEqualTypeOf<Promise<Message>>();
    expectTypeOf<SimulatedUser['press']>().returns.toEqualTypeOf<Promise<string>>();
    expectTypeOf<Emulator['waitFor']>().toBeFunction();
  });
});
