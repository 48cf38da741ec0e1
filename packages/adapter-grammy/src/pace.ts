/**
 * How fast the transport may send. Telegram allows about 30 messages per second overall and
 * advises about one per second in one chat; past that it answers 429.
 *
 * ```ts
 * createTransport(api, { limits: { perSecond: 30, perChatPerSecond: 1 } });
 * ```
 */
export interface SendLimits {
  /** Sends in any second, all chats together; null for no limit. Default 30. */
  readonly perSecond?: number | null;
  /** Sends in any second to one chat; null (the default) for no limit. */
  readonly perChatPerSecond?: number | null;
}

/** Telegram's published limits: what `createTransport` paces to by default. */
export const telegramLimits: SendLimits = { perSecond: 30, perChatPerSecond: null };

// Sends are judged at our clock, the platform judges arrivals: a little slack absorbs jitter.
const WINDOW_MS = 1050;

/**
 * A pacer: `await pace(chat)` returns when a send to `chat` keeps both limits (a sliding
 * one-second window overall, and even spacing per chat). Checking and recording happen in one
 * synchronous step, so concurrent senders never overshoot together.
 */
export function createPacer(
  limits: SendLimits,
  clock: { now(): number; sleep(ms: number): Promise<void> } = {
    now: () => performance.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  },
): (chat: string) => Promise<void> {
  const perSecond = limits.perSecond ?? null;
  const chatGap = limits.perChatPerSecond == null ? 0 : WINDOW_MS / limits.perChatPerSecond;
  const sent: number[] = []; // the last `perSecond` send times, oldest first
  const chatReady = new Map<string, number>();
  if (perSecond === null && chatGap === 0) return async () => {};
  return async function pace(chat) {
    for (;;) {
      const now = clock.now();
      const ready = chatReady.get(chat) ?? 0;
      if (ready > now) {
        await clock.sleep(ready - now);
        continue;
      }
      const oldest = sent[0];
      if (
        perSecond !== null &&
        sent.length >= perSecond &&
        oldest !== undefined &&
        oldest > now - WINDOW_MS
      ) {
        await clock.sleep(oldest + WINDOW_MS - now);
        continue;
      }
      if (perSecond !== null) {
        sent.push(now);
        if (sent.length > perSecond) sent.shift();
      }
      if (chatGap > 0) {
        chatReady.set(chat, now + chatGap);
        if (chatReady.size > 10_000)
          for (const [c, t] of chatReady) if (t <= now) chatReady.delete(c);
      }
      return;
    }
  };
}
