import type { Chat, ChatRepository } from '@anonboard/core';
import { type ChatRow, chatParams } from '@anonboard/core/sql';
import type { Database } from 'better-sqlite3';
import { read } from '../rows.js';
import { ReadCache, type Writes } from './read-cache.js';
import type { TxScope } from './scope.js';
import type { Statement } from './statement.js';

const columns =
  'id, invite_id, ad_id, label, author_id, reader_id, status, ended_at, ended_by, reason, opened_at';

/** The SQL of the chat repository (exported for query-plan tests). */
export const chatsSql = {
  // One chat per invite: the UNIQUE (invite_id) constraint decides.
  insert: `INSERT INTO chats (${columns})
    VALUES (@id, @invite_id, @ad_id, @label, @author_id, @reader_id, @status, @ended_at,
      @ended_by, @reason, @opened_at)
    ON CONFLICT (invite_id) DO NOTHING`,
  get: `SELECT ${columns} FROM chats WHERE id = ?`,
  update: `UPDATE chats SET invite_id = @invite_id, ad_id = @ad_id, label = @label,
      author_id = @author_id, reader_id = @reader_id, status = @status, ended_at = @ended_at,
      ended_by = @ended_by, reason = @reason, opened_at = @opened_at
    WHERE id = @id AND status = @expected`,
  // Two index lookups (one partial index per role) instead of an OR that would scan.
  listActiveFor: `SELECT ${columns} FROM (
      SELECT seq, ${columns} FROM chats WHERE author_id = @user AND status = 'active'
      UNION ALL
      SELECT seq, ${columns} FROM chats
        WHERE reader_id = @user AND status = 'active' AND author_id <> @user
    ) ORDER BY opened_at, seq`,
  // The same shape over every chat, each walk stopping at `limit`.
  listFor: `SELECT ${columns} FROM (
      SELECT * FROM (
        SELECT seq, ${columns} FROM chats WHERE author_id = @user
        ORDER BY opened_at, seq LIMIT @limit
      )
      UNION ALL
      SELECT * FROM (
        SELECT seq, ${columns} FROM chats WHERE reader_id = @user AND author_id <> @user
        ORDER BY opened_at, seq LIMIT @limit
      )
    ) ORDER BY opened_at, seq LIMIT @limit`,
  // Three counts, each over its own index.
  tally: `SELECT
      (SELECT count(*) FROM chats WHERE opened_at >= @since) AS opened,
      (SELECT count(*) FROM chats WHERE status = 'ended' AND ended_at >= @since) AS ended,
      (SELECT count(*) FROM chats WHERE status = 'blocked' AND ended_at >= @since) AS blocked`,
} as const;

type ChatParams = ReturnType<typeof chatParams>;

export interface ChatStatements {
  readonly insert: Statement<[ChatParams]>;
  readonly get: Statement<[string], ChatRow>;
  readonly update: Statement<[ChatParams & { expected: string }]>;
  readonly listActiveFor: Statement<[{ user: string }], ChatRow>;
  readonly listFor: Statement<[{ user: string; limit: number }], ChatRow>;
  readonly tally: Statement<[{ since: number }], ChatTally>;
  /** Writes to `chats` on this connection (see {@link ReadCache}). */
  readonly writes: Writes;
}

interface ChatTally {
  readonly opened: number;
  readonly ended: number;
  readonly blocked: number;
}

export function prepareChats(db: Database): ChatStatements {
  return {
    insert: db.prepare<[ChatParams]>(chatsSql.insert),
    get: db.prepare<[string], ChatRow>(chatsSql.get),
    update: db.prepare<[ChatParams & { expected: string }]>(chatsSql.update),
    listActiveFor: db.prepare<[{ user: string }], ChatRow>(chatsSql.listActiveFor),
    listFor: db.prepare<[{ user: string; limit: number }], ChatRow>(chatsSql.listFor),
    tally: db.prepare<[{ since: number }], ChatTally>(chatsSql.tally),
    writes: { count: 0 },
  };
}

export class SqliteChatRepository implements ChatRepository {
  /** The chats this transaction read (a relay's chat is read again to deliver the copy). */
  private readonly seen: ReadCache<Chat>;

  constructor(
    private readonly s: ChatStatements,
    private readonly scope: TxScope,
  ) {
    this.seen = new ReadCache(s.writes);
  }

  async insert(chat: Chat): Promise<boolean> {
    this.scope.check();
    this.s.writes.count++;
    return this.s.insert.run(chatParams(chat)).changes === 1;
  }

  async get(id: string): Promise<Chat | undefined> {
    this.scope.check();
    const known = this.seen.get(id);
    if (known !== undefined) return known;
    const row = this.s.get.get(id);
    return row && this.seen.remember(id, read.chat(row));
  }

  async update(next: Chat, expected: Chat['status']): Promise<boolean> {
    this.scope.check();
    this.s.writes.count++;
    return this.s.update.run({ ...chatParams(next), expected }).changes === 1;
  }

  async listActiveFor(userId: string): Promise<Chat[]> {
    this.scope.check();
    return this.s.listActiveFor.all({ user: userId }).map((row) => this.remember(row));
  }

  async listFor(userId: string, limit: number): Promise<Chat[]> {
    this.scope.check();
    return this.s.listFor.all({ user: userId, limit }).map((row) => this.remember(row));
  }

  private remember(row: ChatRow): Chat {
    const chat = read.chat(row);
    return this.seen.remember(chat.id, chat);
  }

  async tally(since: number): Promise<ChatTally> {
    this.scope.check();
    const row = this.s.tally.get({ since });
    return { opened: row?.opened ?? 0, ended: row?.ended ?? 0, blocked: row?.blocked ?? 0 };
  }
}
