import { Api, Bot, type Context, GrammyError } from 'grammy';
import { afterEach } from 'vitest';
import { type Emulator, type EmulatorOptions, startEmulator } from '../src/index.js';

const running: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const stop of running.splice(0).reverse()) await stop();
});

/** A fresh emulator, closed after the test. */
export async function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emu = await startEmulator(options);
  running.push(() => emu.close());
  return emu;
}

/** grammY's raw API client pointed at the emulator. */
export function api(emu: Emulator): Api {
  return new Api(emu.token, { apiRoot: emu.apiRoot });
}

/** A grammY bot set up by `setup`, long polling the emulator until the test ends. */
export async function pollingBot(emu: Emulator, setup: (bot: Bot) => void): Promise<Bot<Context>> {
  const bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
  setup(bot);
  bot.catch((error) => {
    throw error.error;
  });
  await new Promise<void>((resolve, reject) => {
    bot.start({ timeout: 10, onStart: () => resolve() }).catch(reject);
  });
  running.push(() => bot.stop());
  return bot;
}

/** The Bot API error a call failed with (fails the test when it succeeded or failed otherwise). */
export async function failure(promise: Promise<unknown>): Promise<GrammyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GrammyError))
    throw new Error(`expected a GrammyError, got ${String(error)}`);
  return error;
}
