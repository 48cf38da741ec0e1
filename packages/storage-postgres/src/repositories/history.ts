import type { ChatId, HistoryRecord, HistoryRepository, UserId } from '@anonboard/core';
import { type HistoryRow, historyColumns, historyParams, positional } from '@anonboard/core/sql';
import { read } from '../rows.js';
import type { TxScope } from './scope.js';
import { defineSql } from './statement.js';

const columns = 'chat_id, from_id, to_id, message_ids, summary, at';

/** The SQL of the relay history. */
export const historySql = defineSql('history', {
  add: `INSERT INTO history (${columns}) VALUES ($1, $2, $3, $4, $5, $6)`,
  // Both walk history_by_chat: the last $2 backwards, then put back in order.
  lastOfChat: `SELECT ${columns} FROM (
      SELECT seq, ${columns} FROM history WHERE chat_id = $1 ORDER BY seq DESC LIMIT $2
    ) AS last ORDER BY seq`,
  ofChat: `SELECT ${columns} FROM history WHERE chat_id = $1 ORDER BY seq LIMIT $2`,
  // Oldest first, in batches; SKIP LOCKED lets two instances purging at once take different rows.
  purgeBefore: `DELETE FROM history WHERE seq IN (
      SELECT seq FROM history WHERE at < $1 ORDER BY at LIMIT $2 FOR UPDATE SKIP LOCKED
    )`,
  deleteFrom: 'DELETE FROM history WHERE from_id = $1',
});

export class PostgresHistoryRepository implements HistoryRepository {
  constructor(private readonly db: TxScope) {}

  async add(record: HistoryRecord): Promise<void> {
    // Nothing reads the outcome: sent without waiting, it travels with the next statement.
    this.db.later(historySql.add, positional(historyColumns, historyParams(record)));
  }

  async lastOfChat(chatId: ChatId, limit: number): Promise<HistoryRecord[]> {
    return (
      await this.db.rows<HistoryRow>(historySql.lastOfChat, [chatId, Math.max(0, limit)])
    ).map(read.history);
  }

  async ofChat(chatId: ChatId, limit: number): Promise<HistoryRecord[]> {
    return (await this.db.rows<HistoryRow>(historySql.ofChat, [chatId, Math.max(0, limit)])).map(
      read.history,
    );
  }

  async purgeBefore(before: number, limit: number): Promise<number> {
    return this.db.run(historySql.purgeBefore, [before, Math.max(0, limit)]);
  }

  async deleteFrom(userId: UserId): Promise<number> {
    return this.db.run(historySql.deleteFrom, [userId]);
  }
}
