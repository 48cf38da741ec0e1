import type { Effect } from '../effects.js';

/** What became of one delivery attempt of an outbox entry. */
export type DeliveryResult =
  /** Delivered (or nothing was left to deliver: a blocked pair, a banned sender). */
  | 'ok'
  /** The platform asked to wait (Telegram's 429); retried after the wait. */
  | 'rate_limited'
  /** The recipient blocked the bot or is gone (Telegram's 403); their chats end. */
  | 'unreachable'
  /** A server error (5xx) or the network; retried with backoff. */
  | 'transient'
  /** Given up: refused for good (a 400), or transient too many times. Kept as dead. */
  | 'dead';

/** How a call of the scorer went. */
export type ScoreOutcome = 'ok' | 'error' | 'timeout' | 'invalid';

/**
 * Something that happened, for metrics: plain data with no person in it (no ids of any kind), so
 * counting by every field is safe. Emitted after the change it describes has committed.
 *
 * ```ts
 * const event: TelemetryEvent = { type: 'delivery', effect: 'copy', result: 'ok', latencyMs: 420 };
 * ```
 */
export type TelemetryEvent =
  /** An update the bot handled (`kind`: `message`, `callback_query`, …). */
  | {
      readonly type: 'update';
      readonly kind: string;
      readonly outcome: 'ok' | 'error';
      readonly durationMs: number;
    }
  /** A message copied into an anonymous chat (queued for delivery). */
  | { readonly type: 'relay' }
  /**
   * A first message to an ad's author: `sent`, `dropped` (a blocked pair: the sender is answered
   * as anyone else, the author gets nothing), or the code of the refusal (`rate_limited`, …).
   */
  | { readonly type: 'first_message'; readonly outcome: string }
  /**
   * One delivery attempt of the outbox; `latencyMs` (from the entry's creation to its delivery)
   * only when `ok`.
   */
  | {
      readonly type: 'delivery';
      readonly effect: Effect['type'];
      readonly result: DeliveryResult;
      readonly latencyMs?: number;
    }
  /** One call of the scorer (cached scores are not calls). */
  | {
      readonly type: 'score';
      readonly scorer: string;
      readonly outcome: ScoreOutcome;
      readonly durationMs: number;
    }
  /** A moderation item left the queue (`resolved`: a report); `waitedMs` since it entered it. */
  | {
      readonly type: 'decision';
      readonly decision: 'approved' | 'rejected' | 'expired' | 'resolved';
      readonly waitedMs: number;
    };

/**
 * Hears every {@link TelemetryEvent}; turn them into metrics (prom-client, OpenTelemetry, StatsD).
 * It runs inline: keep it fast and never let it throw (what it throws is dropped).
 *
 * ```ts
 * const deliveries = new Counter({ name: 'deliveries_total', help: '…', labelNames: ['result'] });
 * const telemetry: Telemetry = (event) => {
 *   if (event.type === 'delivery') deliveries.inc({ result: event.result });
 * };
 * const board = createBoard({ storage, transport, telemetry });
 * ```
 */
export type Telemetry = (event: TelemetryEvent) => void;
