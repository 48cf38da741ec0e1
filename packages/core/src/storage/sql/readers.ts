import {
  type AdRow,
  adFromRow,
  type ChatRow,
  chatFromRow,
  type InviteRow,
  inviteFromRow,
  type OutboxRow,
  outboxEntryFromRow,
  type TokenRow,
  tokenFromRow,
  type UserRow,
  userFromRow,
} from './board-rows.js';
import type { SqlDialect } from './dialect.js';
import {
  type AuditRow,
  auditEntryFromRow,
  type ScoreRow,
  type SettingsRow,
  type SourceRow,
  type SubscriptionRow,
  scoreFromRow,
  settingsFromRow,
  sourceFromRow,
  subscriptionFromRow,
} from './feed-rows.js';
import {
  type CooldownRow,
  cooldownFromRow,
  type HistoryRow,
  historyFromRow,
} from './safety-rows.js';

/**
 * The record of each row kind, read through a driver's dialect: one reader per table, each
 * taking one row, so a result maps with `rows.map(read.invite)`.
 *
 * @example
 * ```ts
 * const read = sqlRows({ bool: (c) => c === 1, json: (c) => JSON.parse(c as string) });
 * const invites = db.prepare<[string], InviteRow>(sql).all(userId).map(read.invite);
 * ```
 */
export function sqlRows(dialect: SqlDialect) {
  return {
    user: (row: UserRow) => userFromRow(row, dialect),
    ad: (row: AdRow) => adFromRow(row),
    invite: (row: InviteRow) => inviteFromRow(row, dialect),
    chat: (row: ChatRow) => chatFromRow(row),
    token: (row: TokenRow) => tokenFromRow(row, dialect),
    outboxEntry: (row: OutboxRow) => outboxEntryFromRow(row, dialect),
    source: (row: SourceRow) => sourceFromRow(row),
    subscription: (row: SubscriptionRow) => subscriptionFromRow(row, dialect),
    settings: (row: SettingsRow) => settingsFromRow(row, dialect),
    score: (row: ScoreRow) => scoreFromRow(row, dialect),
    audit: (row: AuditRow) => auditEntryFromRow(row),
    cooldown: (row: CooldownRow) => cooldownFromRow(row),
    history: (row: HistoryRow) => historyFromRow(row, dialect),
  };
}

/** The readers {@link sqlRows} returns for a dialect. */
export type SqlRows = ReturnType<typeof sqlRows>;
