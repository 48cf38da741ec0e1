import type { MediaFile } from '../effects.js';
/** A button under a message: its label and the opaque action token it carries. */
export interface TransportButton {
  readonly text: string;
  /** Opaque token (≤ 64 bytes with any adapter prefix); never a platform user id. */
  readonly token: string;
}

/** Rows of buttons. */
export type ButtonRows = readonly (readonly TransportButton[])[];

/**
 * How core talks to people. An adapter implements it over a platform (grammY: `bot.api`).
 * Addresses (`to`, `from`) are the platform addresses stored in the user table.
 * Implementations throw {@link TransportError} so the dispatcher knows whether to retry.
 */
export interface Transport {
  /** Sends plain text (no markup parsing) with optional buttons. */
  sendText(message: {
    to: string;
    text: string;
    buttons?: ButtonRows;
    replyTo?: number;
  }): Promise<{ messageId: number }>;
  /**
   * Copies the sender's message (or album: several ids) to `to` without revealing its origin.
   * Never forwards. Buttons apply to single messages only.
   */
  copy(message: {
    to: string;
    from: string;
    messageIds: readonly number[];
    replyTo?: number;
    buttons?: ButtonRows;
  }): Promise<{ messageIds: number[] }>;
  /** Replaces the text (or caption) of a message the bot sent earlier. */
  edit(message: {
    to: string;
    messageId: number;
    text: string;
    part: 'text' | 'caption';
    /** When given, replaces the buttons too (an empty list removes them). */
    buttons?: ButtonRows;
  }): Promise<void>;
  /**
   * Sends media by the platform's file ids: one file as one message, several as one album; the
   * caption (within the platform's caption limit) goes with the first. Never forwards.
   */
  sendMedia(message: {
    to: string;
    files: readonly MediaFile[];
    caption?: string;
  }): Promise<{ messageIds: number[] }>;
  /**
   * Publishes a post to a channel: the text alone, or media (a file or an album) with the text as
   * its caption (core keeps it within the platform's caption limit).
   */
  publish(post: {
    channel: string;
    text: string;
    media?: { files: readonly MediaFile[] };
  }): Promise<{ messageId: number }>;
  /**
   * Approves a post suggested in a channel's direct messages (Telegram: `approveSuggestedPost`):
   * the platform publishes it and tells its author. `sendAt` (ms) schedules it. Optional: without
   * it, such approvals are refused (and the item waits again).
   */
  approveSuggestion?(post: { chat: string; messageId: number; sendAt?: number }): Promise<void>;
  /**
   * Declines a post suggested in a channel's direct messages (Telegram: `declineSuggestedPost`),
   * with a comment its author sees. Optional, like {@link Transport.approveSuggestion}.
   */
  declineSuggestion?(post: { chat: string; messageId: number; comment?: string }): Promise<void>;
}

/** Why a delivery failed, which decides what the dispatcher does next. */
export type TransportFailure =
  /** The recipient blocked the bot or is gone: never retried; their chats end. */
  | { kind: 'unreachable' }
  /** Slow down: retried after `retryAfterMs`. */
  | { kind: 'rate_limited'; retryAfterMs: number }
  /** Network trouble or a server error: retried with backoff. */
  | { kind: 'transient' }
  /** The platform refused this request for good (bad request): dead-lettered. */
  | { kind: 'rejected'; reason: string };

/**
 * A failed delivery, typed by what should happen next.
 *
 * ```ts
 * throw new TransportError({ kind: 'rate_limited', retryAfterMs: 3000 }, 'Too Many Requests');
 * ```
 */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  readonly failure: TransportFailure;
  constructor(failure: TransportFailure, message: string, options?: { cause?: unknown }) {
    super(`[anonboard] [transport] ${message}`, options);
    this.failure = failure;
  }
}
