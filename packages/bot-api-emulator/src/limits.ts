import { EmulatorError } from './errors.js';

/**
 * Flood limits, off unless configured. Calls that create messages (`send*` except
 * `sendChatAction`, `copy*`, `forward*`) over a limit answer 429 with `retry_after`, counted in a
 * sliding one-second window.
 *
 * ```ts
 * const emu = await startEmulator({ limits: { perSecond: 30, perChatPerSecond: 1 } });
 * ```
 */
export interface RateLimits {
  /** Messages per second across all chats (Telegram allows about 30). */
  readonly perSecond?: number;
  /** Messages per second into one chat (Telegram allows about 1). */
  readonly perChatPerSecond?: number;
}

const WINDOW_MS = 1000;

/** Whether a method counts against the flood limits. */
export function isRateLimited(method: string): boolean {
  const name = method.toLowerCase();
  if (name === 'sendchataction') return false;
  return name.startsWith('send') || name.startsWith('copy') || name.startsWith('forward');
}

/** Sliding-window counters for the global and per-chat limits. */
export class RateLimiter {
  private readonly global: number[] = [];
  private readonly perChat = new Map<number, number[]>();

  constructor(
    private readonly limits: RateLimits,
    private readonly now: () => number,
  ) {
    for (const [name, value] of Object.entries(limits)) {
      if (value !== undefined && (typeof value !== 'number' || !(value > 0))) {
        throw new EmulatorError(`limits.${name} must be a positive number, got ${String(value)}`);
      }
    }
  }

  /** Admits a call (and counts it), or returns the `retry_after` seconds to answer with. */
  admit(chatId: number | undefined): number | undefined {
    const now = this.now();
    prune(this.global, now);
    const chatWindow = chatId === undefined ? undefined : this.windowOf(chatId);
    if (chatWindow !== undefined) prune(chatWindow, now);
    const oldest =
      oldestIfFull(this.global, this.limits.perSecond) ??
      (chatWindow && oldestIfFull(chatWindow, this.limits.perChatPerSecond));
    if (oldest !== undefined) return Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000));
    this.global.push(now);
    chatWindow?.push(now);
    return undefined;
  }

  private windowOf(chatId: number): number[] {
    let window = this.perChat.get(chatId);
    if (window === undefined) {
      window = [];
      this.perChat.set(chatId, window);
    }
    return window;
  }
}

function oldestIfFull(window: readonly number[], limit: number | undefined): number | undefined {
  return limit !== undefined && window.length >= limit ? window[0] : undefined;
}

function prune(window: number[], now: number): void {
  while (window.length > 0 && (window[0] ?? now) <= now - WINDOW_MS) window.shift();
}
