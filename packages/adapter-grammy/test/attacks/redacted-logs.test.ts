import { inspect } from 'node:util';
import { startEmulator } from '@anonboard/bot-api-emulator';
import { createBoard, createFeed, MemoryStorage } from '@anonboard/core';
import { RecordingLogger } from '@anonboard/core/testing';
import { Api, Bot } from 'grammy';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AnonboardUpdateError,
  anonboard,
  anonboardFeed,
  createTransport,
} from '../../src/index.js';
import { startHarness } from '../support/harness.js';
import { people } from '../support/people.js';

// Issue #14, item 7: a failed update used to reach the logs whole: grammY's error carries the
// request (the chat id, the text sent), and grammY's default handler or pino prints every field.
// Now the plugins hand the host a redacted error, and info+ lines carry no id and no text.

/** A title only the failed request carries: the bot's reply quotes it. */
const SECRET = 'Тайный велосипед 4417';

/** Everything a logger could print of `value`, nested fields and causes included. */
function printed(value: unknown): string {
  return inspect(value, { depth: 20, breakLength: Number.POSITIVE_INFINITY });
}

const restore: Array<() => void> = [];
afterEach(() => {
  for (const undo of restore.splice(0)) undo();
});

describe('a failed update is logged without ids or texts', () => {
  it('the host’s bot.catch gets a redacted error; info+ log lines carry no id and no text', async () => {
    const logger = new RecordingLogger();
    const h = await startHarness({ board: { logger } });
    const { emu } = h;
    const { alice } = people(emu);
    emu.fail(alice, { kind: 'serverError', methods: ['sendMessage'] });
    await alice.command('newad', SECRET);
    await emu.waitFor(() => h.current.errors.length === 1);

    const failed = emu.calls.find(
      (c) => c.method === 'sendMessage' && String(c.params.text).includes(SECRET),
    );
    expect(failed?.params.chat_id).toBe(alice.id); // the request did carry both

    const error = h.current.errors[0]?.error;
    expect(error).toBeInstanceOf(AnonboardUpdateError);
    expect((error as AnonboardUpdateError).summary).toMatchObject({
      code: '500',
      method: 'sendMessage',
    });
    for (const text of [printed(error), JSON.stringify(error), String(error)]) {
      expect(text).toContain('sendMessage');
      expect(text).not.toContain(String(alice.id));
      expect(text).not.toContain('4417');
    }
    const loud = logger.lines.filter((l) => l.level !== 'debug');
    expect(printed(loud)).not.toContain(String(alice.id));
    expect(printed(loud)).not.toContain('4417');
    // The whole error is there for an operator who turns debug on, and only at debug.
    const debug = logger.at('debug').find((l) => l.message.startsWith('an update failed'));
    expect(printed(debug)).toContain(String(alice.id));
    // Kept for a host that logs it knowingly.
    expect(printed((error as AnonboardUpdateError).original)).toContain('4417');
  });

  /** Runs `plugin` on a bot with no `bot.catch`; what grammY's default handler printed. */
  async function defaultHandlerOutput(
    plugin: (api: Api) => Parameters<Bot['use']>[0],
    act: (alice: ReturnType<typeof people>['alice']) => Promise<unknown>,
  ): Promise<{ printed: string; aliceId: number }> {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      lines.push(args.map((a) => (typeof a === 'string' ? a : printed(a))).join(' '));
    });
    restore.push(() => spy.mockRestore());
    const emu = await startEmulator();
    restore.push(() => void emu.close());
    const { alice } = people(emu);
    const bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
    bot.use(plugin(new Api(emu.token, { apiRoot: emu.apiRoot })));
    await bot.init();
    const stopped = bot.start({ timeout: 1 }).catch((error: unknown) => error);
    emu.fail(alice, { kind: 'serverError', methods: ['sendMessage'] });
    await act(alice);
    // grammY's default handler prints the error, then stops polling and rethrows it (with the
    // update: what the host's `bot.start().catch` does with that is the host's choice).
    await stopped;
    return { printed: lines.join('\n'), aliceId: alice.id };
  }

  it('with no bot.catch, grammY’s default handler prints no id and no text either (board)', async () => {
    const out = await defaultHandlerOutput(
      (api) =>
        anonboard({
          board: createBoard({ storage: new MemoryStorage(), transport: createTransport(api) }),
          standalone: true,
        }),
      (alice) => alice.command('newad', SECRET),
    );
    expect(out.printed).toContain('sendMessage');
    expect(out.printed).not.toContain(String(out.aliceId));
    expect(out.printed).not.toContain('4417');
  });

  it('with no bot.catch, grammY’s default handler prints no id and no text either (feed)', async () => {
    const out = await defaultHandlerOutput(
      (api) =>
        anonboardFeed({
          feed: createFeed({ storage: new MemoryStorage(), transport: createTransport(api) }),
          standalone: true,
        }),
      (alice) => alice.command('keywords', 'велосипед4417'),
    );
    expect(out.printed).toContain('sendMessage');
    expect(out.printed).not.toContain(String(out.aliceId));
    expect(out.printed).not.toContain('4417');
  });
});
