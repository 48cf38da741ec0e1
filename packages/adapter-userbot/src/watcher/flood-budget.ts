// The watcher honours FloodWait within its budget, but stop() must not sit out a 300 s wait: a
// wait ends when the watcher stops, and the request then fails `stopped`.
import { UserbotError } from '../errors.js';
import { defaultFloodPolicy, type FloodPolicy } from '../flood.js';
import type { UserbotLogger } from '../logger.js';

/** The {@link FloodPolicy} of a watcher that stops on `signal`. */
export function floodBudget(
  options: {
    readonly maxFloodWaitSeconds?: number | undefined;
    readonly sleep?: ((ms: number) => Promise<void>) | undefined;
    readonly logger: UserbotLogger;
  },
  signal: AbortSignal,
): FloodPolicy {
  const sleep = options.sleep ?? defaultFloodPolicy.sleep;
  const stopped = new Promise<void>((resolve) =>
    signal.addEventListener('abort', () => resolve(), { once: true }),
  );
  return {
    ...defaultFloodPolicy,
    maxFloodWaitSeconds: options.maxFloodWaitSeconds ?? defaultFloodPolicy.maxFloodWaitSeconds,
    logger: options.logger,
    sleep: async (ms) => {
      await Promise.race([sleep(ms), stopped]);
      if (signal.aborted)
        throw new UserbotError('stopped', 'stopped while waiting out a FloodWait');
    },
  };
}
