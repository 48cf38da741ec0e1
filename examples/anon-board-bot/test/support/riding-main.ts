// The ad-board bot as `src/main.ts` runs it, with two differences for `crash.test.ts`:
// - a lone delivery's record waits up to ten minutes for the next transaction of the board to
//   carry it (`rideWaitMs`; 100 ms by default), so a kill meant for that window lands in it;
// - the moment a delivery starts waiting is printed, `riding <entry> <effect>[ <message ids>]`
//   (one line per entry, written synchronously), so the test kills then, not after a guess.
// Run as `src/main.ts` is: node --conditions=dev-source --import tsx test/support/riding-main.ts
import { writeSync } from 'node:fs';
import { Dispatcher, type OutboxEntry } from '@anonboard/core';
import { runBotProcess } from '@examples/shared';
import { createBoardBot } from '../../src/bot.js';
import { loadConfig } from '../../src/config.js';
import { runSandbox } from '../../src/sandbox.js';

/** How long a delivered entry waits for a transaction to record it. */
const RIDE_WAIT_MS = 10 * 60_000;

// The dispatcher's private step that leaves a delivery's record to the next transaction: the
// riding window opens when it is called and closes when a transaction records the entry.
type Ride = (items: readonly { readonly entry: OutboxEntry }[], ...rest: unknown[]) => unknown;
const dispatcher = Dispatcher.prototype as unknown as { ride: Ride };
const ride = dispatcher.ride;
if (typeof ride !== 'function') {
  throw new Error('Dispatcher.prototype.ride is gone: crash.test.ts needs another probe');
}
dispatcher.ride = function (this: unknown, items, ...rest) {
  for (const { entry } of items) {
    const effect = entry.effect;
    const ids = effect.type === 'copy' ? ` ${effect.messageIds.join(',')}` : '';
    writeSync(1, `riding ${entry.id} ${effect.type}${ids}\n`);
  }
  return ride.call(this, items, ...rest);
};

runBotProcess({
  loadConfig,
  runSandbox,
  createBot: (config, options) =>
    createBoardBot(config, { ...options, dispatcher: { rideWaitMs: RIDE_WAIT_MS } }),
  runningLines: (app) => [`@${app.bot.botInfo.username} is running (riding ${RIDE_WAIT_MS} ms)`],
});
