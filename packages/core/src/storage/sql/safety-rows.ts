import type { ChatId, UserId } from '../../ids.js';
import type { Cooldown, HistoryRecord } from '../../ports/safety-storage.js';
import type { SqlDialect } from './dialect.js';

// The safety rows (rate-limit cooldowns, the relay history) and their mapping to core's records.

/** A row of the rate-limit cooldowns. */
export interface CooldownRow {
  readonly level: number;
  readonly until: number;
  readonly last_violation: number;
}

export function cooldownFromRow(row: CooldownRow): Cooldown {
  return { level: row.level, until: row.until, lastViolation: row.last_violation };
}

/** A row of `history`. */
export interface HistoryRow {
  readonly chat_id: string;
  readonly from_id: string;
  readonly to_id: string;
  /** JSON of the message ids, as the driver returns it. */
  readonly message_ids: unknown;
  readonly summary: string;
  readonly at: number;
}

export function historyFromRow(row: HistoryRow, d: SqlDialect): HistoryRecord {
  return {
    chatId: row.chat_id as ChatId,
    from: row.from_id as UserId,
    to: row.to_id as UserId,
    messageIds: d.json(row.message_ids) as number[],
    summary: row.summary,
    at: row.at,
  };
}

/** The columns a history record is written to, in the order `positional` puts its parameters. */
export const historyColumns = [
  'chat_id',
  'from_id',
  'to_id',
  'message_ids',
  'summary',
  'at',
] as const;

/** The parameters of a history row; the message ids are written as JSON. */
export function historyParams(record: HistoryRecord) {
  return {
    chat_id: record.chatId,
    from_id: record.from,
    to_id: record.to,
    message_ids: JSON.stringify(record.messageIds),
    summary: record.summary,
    at: record.at,
  } satisfies Record<(typeof historyColumns)[number], unknown>;
}
