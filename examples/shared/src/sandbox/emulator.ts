import {
  type Emulator,
  type EmulatorOptions,
  type SimulatedUser,
  startEmulator,
} from '@anonboard/bot-api-emulator';

/** A sandbox's emulator and the people who talk to the bot there, by their lower-case names. */
export interface SandboxCast {
  readonly emu: Emulator;
  readonly people: ReadonlyMap<string, SimulatedUser>;
}

/**
 * Starts a Bot API emulator on 127.0.0.1 for a sandbox, with the four people every sandbox has:
 * alice (ru), bob (ru), carol (en) and dave (ru, without a username).
 *
 * ```ts
 * const { emu, people } = await startSandboxEmulator({ username: 'my_sandbox_bot', first_name: 'Mine' });
 * ```
 */
export async function startSandboxEmulator(bot: EmulatorOptions['bot']): Promise<SandboxCast> {
  const emu = await startEmulator({
    token: '123456:SANDBOX',
    ...(bot === undefined ? {} : { bot }),
  });
  const people = new Map<string, SimulatedUser>([
    ['alice', emu.user({ first_name: 'Alice', username: 'alice', language_code: 'ru' })],
    ['bob', emu.user({ first_name: 'Bob', username: 'bob', language_code: 'ru' })],
    ['carol', emu.user({ first_name: 'Carol', username: 'carol', language_code: 'en' })],
    ['dave', emu.user({ first_name: 'Dave', language_code: 'ru' })],
  ]);
  return { emu, people };
}
