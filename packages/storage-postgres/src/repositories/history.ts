import type { ChatId, HistoryRecord, HistoryRepository, UserId } from '@anonboard/core';
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

interface HistoryRow {
  readonly chat_id: string;
  readonly from_id: string;
  readonly to_id: string;
  readonly message_ids: number[];
  readonly summary: string;
  readonly at: number;
}

function recordFromRow(row: HistoryRow): HistoryRecord {
  return {
    chatId: row.chat_id as ChatId,
    from: row.from_id as UserId,
    to: row.to_id as UserId,
    messageIds: row.message_ids,
    summary: row.summary,
    at: row.at,
  };
}

export class PostgresHistoryRepository implements HistoryRepository {
  constructor(private readonly db: TxScope) {}

  async add(record: HistoryRecord): Promise<void> {
    // Nothing reads the outcome: sent without waiting, it travels with the next statement.
    this.db.later(historySql.add, [
      record.chatId,
      record.from,
      record.to,
      JSON.stringify(record.messageIds),
      record.summary,
      record.at,
    ]);
  }

  async lastOfChat(chatId: ChatId, limit: number): Promise<HistoryRecord[]> {
    return (
      await this.db.rows<HistoryRow>(historySql.lastOfChat, [chatId, Math.max(0, limit)])
    ).map(recordFromRow);
  }

  async ofChat(chatId: ChatId, limit: number): Promise<HistoryRecord[]> {
    return (await this.db.rows<HistoryRow>(historySql.ofChat, [chatId, Math.max(0, limit)])).map(
      recordFromRow,
    );
  }

  async purgeBefore(before: number, limit: number): Promise<number> {
    return this.db.run(historySql.purgeBefore, [before, Math.max(0, limit)]);
  }

  async deleteFrom(userId: UserId): Promise<number> {
    return this.db.run(historySql.deleteFrom, [userId]);
  }
}
