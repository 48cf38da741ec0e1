import { setTimeout as sleep } from 'node:timers/promises';
import { EmulatorError } from './errors.js';
import type { Runtime } from './runtime.js';

/**
 * Options of `waitFor`.
 *
 * ```ts
 * await emu.waitFor(() => alice.received.length === 2, { timeout: 2000, message: 'two replies' });
 * ```
 */
export interface WaitOptions {
  /** Milliseconds before giving up; default 5000. */
  readonly timeout?: number;
  /** Milliseconds between checks; default 10. */
  readonly interval?: number;
  /** Said in the timeout error, to tell what was awaited. */
  readonly message?: string;
}

/** Polls `condition` until it is truthy or stops throwing; see `Emulator.waitFor`. */
export async function waitFor<T>(
  rt: Runtime,
  condition: () => T | Promise<T>,
  options: WaitOptions,
): Promise<NonNullable<T>> {
  const timeout = options.timeout ?? 5000;
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value !== undefined && value !== null && value !== false && value !== 0 && value !== '') {
        return value;
      }
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) break;
    await sleep(options.interval ?? 10);
  }
  const what = options.message === undefined ? '' : `: ${options.message}`;
  const failed = lastError instanceof Error ? `; last error: ${lastError.message}` : '';
  const recent = rt.calls
    .slice(-3)
    .map(
      (call) => `${call.method} ${call.status}${call.description ? ` (${call.description})` : ''}`,
    )
    .join(', ');
  throw new EmulatorError(
    `waitFor timed out after ${timeout} ms${what}${failed}; ${rt.updates.size} update(s) not acknowledged by the bot; last calls: ${recent || 'none'}`,
    { cause: lastError },
  );
}

/** Waits until every update is acknowledged and no webhook delivery is in flight. */
export async function idle(rt: Runtime, timeout: number): Promise<void> {
  const deadline = Date.now() + timeout;
  while (rt.updates.size > 0 || rt.webhook.busy) {
    if (Date.now() > deadline) {
      throw new EmulatorError(
        `idle() timed out after ${timeout} ms: ${rt.updates.size} update(s) not acknowledged; is the bot polling (bot.start()) or is a webhook set?`,
      );
    }
    await sleep(5);
  }
}
