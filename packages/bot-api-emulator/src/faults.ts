import {
  type ApiError,
  EmulatorError,
  forbiddenBlocked,
  serverError,
  tooManyRequests,
} from './errors.js';

/**
 * A failure to inject into the next calls that target a chat.
 *
 * - `forbidden`: 403 "Forbidden: bot was blocked by the user"
 * - `rateLimited`: 429 with `parameters.retry_after` (`retryAfter`, default 1 second)
 * - `serverError`: 500 "Internal Server Error"
 * - `drop`: the socket is destroyed without an answer (a network error for the client)
 * - `stall`: the call succeeds (a message is delivered, the user sees it) but the answer is held
 *   back for `stallMs` (default: until the client goes away), as when the bot's process dies or
 *   its network breaks right after Telegram accepted a message
 *
 * ```ts
 * emu.fail(alice, { kind: 'rateLimited', times: 2, retryAfter: 3, methods: ['sendMessage'] });
 * ```
 */
export interface Fault {
  readonly kind: 'forbidden' | 'rateLimited' | 'serverError' | 'drop' | 'stall';
  /** How many matching calls fail; default 1. */
  readonly times?: number;
  /** `retry_after` seconds for `rateLimited`; default 1. */
  readonly retryAfter?: number;
  /** How long `stall` holds the answer back, in ms; default until the client goes away. */
  readonly stallMs?: number;
  /**
   * Only these methods fail. Without it, every method that targets the chat does (`chat_id`,
   * or the chat of a callback query); polling and webhook methods are never hit by accident.
   */
  readonly methods?: readonly string[];
}

/** What to do with a call hit by a fault. */
export type FaultOutcome =
  | { readonly kind: 'drop' }
  | { readonly kind: 'stall'; readonly ms: number }
  | { readonly kind: 'error'; readonly error: ApiError };

interface ArmedFault {
  readonly chat: number | '*';
  readonly fault: Fault;
  readonly methods: ReadonlySet<string> | undefined;
  remaining: number;
}

/** Faults armed with `emu.fail`, consumed in the order they were added. */
export class FaultRegistry {
  private armed: ArmedFault[] = [];

  add(chat: number | '*', fault: Fault): void {
    const times = fault.times ?? 1;
    if (!Number.isInteger(times) || times < 1) {
      throw new EmulatorError(
        `fail(): times must be a positive integer, got ${String(fault.times)}`,
      );
    }
    const retryAfter = fault.retryAfter ?? 1;
    if (!Number.isInteger(retryAfter) || retryAfter < 1) {
      throw new EmulatorError(
        `fail(): retryAfter is whole seconds like Telegram's, got ${String(fault.retryAfter)}`,
      );
    }
    const stallMs = fault.stallMs ?? Number.POSITIVE_INFINITY;
    if (!(stallMs >= 0)) {
      throw new EmulatorError(
        `fail(): stallMs must be a number of ms >= 0, got ${String(fault.stallMs)}`,
      );
    }
    const methods = fault.methods && new Set(fault.methods.map((name) => name.toLowerCase()));
    this.armed.push({ chat, fault, methods, remaining: times });
  }

  /** Consumes the first fault matching the call, if any. */
  take(method: string, chatId: number | undefined): FaultOutcome | undefined {
    const name = method.toLowerCase();
    const hit = this.armed.find(
      (armed) =>
        (armed.methods === undefined ? chatId !== undefined : armed.methods.has(name)) &&
        (armed.chat === '*' || armed.chat === chatId),
    );
    if (hit === undefined) return undefined;
    hit.remaining -= 1;
    if (hit.remaining === 0) this.armed = this.armed.filter((armed) => armed !== hit);
    switch (hit.fault.kind) {
      case 'drop':
        return { kind: 'drop' };
      case 'stall':
        return { kind: 'stall', ms: hit.fault.stallMs ?? Number.POSITIVE_INFINITY };
      case 'forbidden':
        return { kind: 'error', error: forbiddenBlocked() };
      case 'rateLimited':
        return { kind: 'error', error: tooManyRequests(hit.fault.retryAfter ?? 1) };
      case 'serverError':
        return { kind: 'error', error: serverError() };
      default:
        return hit.fault.kind satisfies never;
    }
  }

  /** Faults not yet consumed. */
  get pending(): number {
    return this.armed.reduce((sum, armed) => sum + armed.remaining, 0);
  }
}
