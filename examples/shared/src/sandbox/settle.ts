import { setTimeout as sleep } from 'node:timers/promises';
import type { Emulator } from '@anonboard/bot-api-emulator';

/**
 * Rounds in a row without a Bot API call (besides getUpdates) that mean the bot is done: one is
 * not enough, since a background dispatcher may hold a leased delivery (paced) that draining the
 * outbox does not wait for.
 */
const QUIET_ROUNDS = 2;

/**
 * Waits until the bot handled every update and delivered everything it had to say. `flush`
 * hands over what the bot holds back (pending albums) and drains its outbox. At most 100 rounds,
 * so a bot that never falls silent cannot hang the sandbox.
 *
 * ```ts
 * await waitUntilQuiet(emu, async () => {
 *   await app.plugin.flushAlbums();
 *   await app.board.dispatcher?.drain();
 * });
 * ```
 */
export async function waitUntilQuiet(emu: Emulator, flush: () => Promise<void>): Promise<void> {
  const busy = () => emu.calls.filter((c) => c.method !== 'getUpdates').length;
  let quiet = 0;
  for (let round = 0; round < 100 && quiet < QUIET_ROUNDS; round++) {
    const before = busy();
    await emu.idle({ timeout: 10_000 });
    await flush();
    await sleep(20);
    quiet = busy() === before ? quiet + 1 : 0;
  }
}
