import type { Chat, ChatRepository } from '@anonboard/core';
import { type ChatRow, chatColumns, chatParams, positional } from '@anonboard/core/sql';
import { read } from '../rows.js';
import { byIdRead, type TxScope } from './scope.js';
import { defineSql } from './statement.js';

const columns =
  'id, invite_id, ad_id, label, author_id, reader_id, status, ended_at, ended_by, reason, opened_at';

/** The SQL of the chat repository. */
export const chatsSql = defineSql('chats', {
  // One chat per invite: the UNIQUE (invite_id) constraint decides, across instances too.
  insert: `INSERT INTO chats (${columns})
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
    ON CONFLICT (invite_id) DO NOTHING`,
  get: `SELECT ${columns} FROM chats WHERE id = $1`,
  // Several chats asked at once ($1: their ids).
  getAll: `SELECT ${columns} FROM chats WHERE id = ANY($1::text[])`,
  update: `UPDATE chats SET invite_id = $2, ad_id = $3, label = $4, author_id = $5,
      reader_id = $6, status = $7, ended_at = $8, ended_by = $9, reason = $10, opened_at = $11
    WHERE id = $1 AND status = $12`,
  // Two partial-index lookups (one per role) instead of an OR.
  listActiveFor: `SELECT ${columns} FROM (
      SELECT seq, ${columns} FROM chats WHERE author_id = $1 AND status = 'active'
      UNION ALL
      SELECT seq, ${columns} FROM chats
        WHERE reader_id = $1 AND status = 'active' AND author_id <> $1
    ) AS mine ORDER BY opened_at, seq`,
  // The same for every status, through chats_by_author and chats_by_reader: one ordered,
  // bounded walk per role.
  listFor: `SELECT ${columns} FROM (
      (SELECT seq, ${columns} FROM chats WHERE author_id = $1 ORDER BY opened_at, seq LIMIT $2)
      UNION ALL
      (SELECT seq, ${columns} FROM chats WHERE reader_id = $1 AND author_id <> $1
        ORDER BY opened_at, seq LIMIT $2)
    ) AS mine ORDER BY opened_at, seq LIMIT $2`,
  tally: `SELECT count(*) FILTER (WHERE opened_at >= $1)::int AS opened,
      count(*) FILTER (WHERE status = 'ended' AND ended_at >= $1)::int AS ended,
      count(*) FILTER (WHERE status = 'blocked' AND ended_at >= $1)::int AS blocked
    FROM chats WHERE opened_at >= $1 OR ended_at >= $1`,
});

/** Chats asked by id in the same turn are read by one statement (see {@link byIdRead}). */
const byId = byIdRead<ChatRow>(chatsSql.get, chatsSql.getAll);

export class PostgresChatRepository implements ChatRepository {
  constructor(private readonly db: TxScope) {}

  async insert(chat: Chat): Promise<boolean> {
    return (await this.db.run(chatsSql.insert, positional(chatColumns, chatParams(chat)))) === 1;
  }

  async get(id: string): Promise<Chat | undefined> {
    const row = await this.db.gatherRead(byId, id);
    return row && read.chat(row);
  }

  async update(next: Chat, expected: Chat['status']): Promise<boolean> {
    return (
      (await this.db.run(chatsSql.update, [
        ...positional(chatColumns, chatParams(next)),
        expected,
      ])) === 1
    );
  }

  async listActiveFor(userId: string): Promise<Chat[]> {
    return (await this.db.rows<ChatRow>(chatsSql.listActiveFor, [userId])).map(read.chat);
  }

  async listFor(userId: string, limit: number): Promise<Chat[]> {
    return (await this.db.rows<ChatRow>(chatsSql.listFor, [userId, Math.max(0, limit)])).map(
      read.chat,
    );
  }

  async tally(since: number): Promise<{ opened: number; ended: number; blocked: number }> {
    const row = await this.db.row<{ opened: number; ended: number; blocked: number }>(
      chatsSql.tally,
      [since],
    );
    return { opened: row?.opened ?? 0, ended: row?.ended ?? 0, blocked: row?.blocked ?? 0 };
  }
}
