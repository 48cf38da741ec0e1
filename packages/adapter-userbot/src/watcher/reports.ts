// What the watcher tells its caller: kept apart so every unit can report without importing the
// watcher itself.
import type { IngestOutcome } from '@anonboard/core';

/**
 * What became of a message (live or caught up) or an edit.
 *
 * ```ts
 * const onIngest = (r: IngestReport) => r.kind === 'message' && metrics.count(r.outcome);
 * ```
 */
export type IngestReport =
  | {
      readonly kind: 'message';
      readonly via: 'live' | 'catch-up';
      readonly sourceRef: string;
      readonly messageId: number;
      readonly outcome: IngestOutcome;
    }
  | {
      readonly kind: 'edit';
      readonly sourceRef: string;
      readonly messageId: number;
      /** True when a waiting item took the new text. */
      readonly changed: boolean;
    }
  | {
      readonly kind: 'failed';
      readonly sourceRef: string;
      readonly messageId: number;
      readonly error: unknown;
    };

/**
 * What a catch-up did.
 *
 * ```ts
 * const { messages, failed } = await watcher.catchUp();
 * ```
 */
export interface CatchUpReport {
  /** Sources checked (those with a known last message). */
  readonly sources: number;
  /** Missed messages ingested. */
  readonly messages: number;
  /** Refs of sources whose catch-up failed (each logged one line). */
  readonly failed: readonly string[];
}

/** Where reports go (`options.onIngest`, or nowhere). */
export type Report = (entry: IngestReport) => void;
