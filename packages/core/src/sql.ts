/**
 * `@anonboard/core/sql`: the row codec of a SQL storage, for storage authors. Which column holds
 * which field of a record, and which columns a status leaves NULL, is written here once;
 * `@anonboard/storage-sqlite` and `@anonboard/storage-postgres` both use it, and each supplies
 * only its driver's {@link SqlDialect} (how booleans and JSON come back). The column names are
 * those of the two storages' schemas.
 *
 * @example
 * ```ts
 * import { adParams, positional, adColumns, sqlRows } from '@anonboard/core/sql';
 * const read = sqlRows({ bool: (c) => c === true, json: (c) => c });
 * await client.query(insertAd, positional(adColumns, adParams(ad)));
 * const ad = read.ad((await client.query(selectAd, [id])).rows[0]);
 * ```
 *
 * @module @anonboard/core/sql
 */
export {
  type AdRow,
  adColumns,
  adParams,
  type ChatRow,
  chatColumns,
  chatParams,
  fold,
  type InviteRow,
  inviteColumns,
  inviteParams,
  type OutboxRow,
  type TokenRow,
  type UserRow,
} from './storage/sql/board-rows.js';
export { positional, type SqlDialect } from './storage/sql/dialect.js';
export {
  type AuditRow,
  type ScoreRow,
  type SettingsRow,
  type SourceRow,
  type SubscriptionRow,
  scoreFlagsFrom,
  scoreFlagsParam,
  settingsColumns,
  settingsParams,
  sourceColumns,
  sourceParams,
  subscriptionColumns,
  subscriptionParams,
} from './storage/sql/feed-rows.js';
export { type SqlRows, sqlRows } from './storage/sql/readers.js';
export {
  type CooldownRow,
  type HistoryRow,
  historyColumns,
  historyParams,
} from './storage/sql/safety-rows.js';
