import type { HistoryRecord, HistoryRepository } from '@anonboard/core';
import { type HistoryRow, historyParams } from '@anonboard/core/sql';
import type { Database } from 'better-sqlite3';
import { read } from '../rows.js';
import type { TxScope } from './scope.js';
import type { Statement } from './statement.js';

const columns = 'chat_id, from_id, to_id, message_ids, summary, at';

/** The SQL of the relay history, in insertion order (exported for query-plan tests). */
export const historySql = {
  add: `INSERT INTO history (${columns})
    VALUES (@chat_id, @from_id, @to_id, @message_ids, @summary, @at)`,
  // The newest `limit` walking the chat's index backwards, then put oldest first.
  lastOfChat: `SELECT ${columns} FROM (
      SELECT seq, ${columns} FROM history WHERE chat_id = ? ORDER BY seq DESC LIMIT ?
    ) ORDER BY seq`,
  ofChat: `SELECT ${columns} FROM history WHERE chat_id = ? ORDER BY seq LIMIT ?`,
  // Oldest first, at most `limit` per call, so a large backlog goes in bounded transactions.
  purgeBefore: `DELETE FROM history WHERE seq IN (
      SELECT seq FROM history WHERE at < ? ORDER BY at LIMIT ?
    )`,
  deleteFrom: 'DELETE FROM history WHERE from_id = ?',
} as const;

type HistoryParams = ReturnType<typeof historyParams>;

export interface HistoryStatements {
  readonly add: Statement<[HistoryParams]>;
  readonly lastOfChat: Statement<[string, number], HistoryRow>;
  readonly ofChat: Statement<[string, number], HistoryRow>;
  readonly purgeBefore: Statement<[number, number]>;
  readonly deleteFrom: Statement<[string]>;
}

export function prepareHistory(db: Database): HistoryStatements {
  return {
    add: db.prepare<[HistoryParams]>(historySql.add),
    lastOfChat: db.prepare<[string, number], HistoryRow>(historySql.lastOfChat),
    ofChat: db.prepare<[string, number], HistoryRow>(historySql.ofChat),
    purgeBefore: db.prepare<[number, number]>(historySql.purgeBefore),
    deleteFrom: db.prepare<[string]>(historySql.deleteFrom),
  };
}

export class SqliteHistoryRepository implements HistoryRepository {
  constructor(
    private readonly s: HistoryStatements,
    private readonly scope: TxScope,
  ) {}

  async add(record: HistoryRecord): Promise<void> {
    this.scope.check();
    this.s.add.run(historyParams(record));
  }

  async lastOfChat(chatId: string, limit: number): Promise<HistoryRecord[]> {
    this.scope.check();
    return this.s.lastOfChat.all(chatId, limit).map(read.history);
  }

  async ofChat(chatId: string, limit: number): Promise<HistoryRecord[]> {
    this.scope.check();
    return this.s.ofChat.all(chatId, limit).map(read.history);
  }

  async purgeBefore(before: number, limit: number): Promise<number> {
    this.scope.check();
    return this.s.purgeBefore.run(before, limit).changes;
  }

  async deleteFrom(userId: string): Promise<number> {
    this.scope.check();
    return this.s.deleteFrom.run(userId).changes;
  }
}
