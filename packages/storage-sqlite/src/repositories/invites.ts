import type { AdId, Invite, InviteContent, InviteRepository } from '@anonboard/core';
import { type InviteRow, inviteParams } from '@anonboard/core/sql';
import type { Database } from 'better-sqlite3';
import { read } from '../rows.js';
import type { TxScope } from './scope.js';
import type { Statement } from './statement.js';

const columns =
  'id, ad_id, ad_title, sender_id, recipient_id, content, status, decided_at, chat_id, created_at';

/** The SQL of the invite repository (exported for query-plan tests). */
export const invitesSql = {
  // One first message per (sender, ad): the UNIQUE constraint decides, not a prior read.
  insert: `INSERT INTO invites (${columns})
    VALUES (@id, @ad_id, @ad_title, @sender_id, @recipient_id, @content, @status, @decided_at,
      @chat_id, @created_at)
    ON CONFLICT (sender_id, ad_id) DO NOTHING`,
  get: `SELECT ${columns} FROM invites WHERE id = ?`,
  findBySenderAndAd: `SELECT ${columns} FROM invites WHERE sender_id = ? AND ad_id = ?`,
  update: `UPDATE invites SET ad_id = @ad_id, ad_title = @ad_title, sender_id = @sender_id,
      recipient_id = @recipient_id, content = @content, status = @status,
      decided_at = @decided_at, chat_id = @chat_id, created_at = @created_at
    WHERE id = @id AND status = @expected`,
  sentSince: `SELECT count(*) AS count, min(created_at) AS oldest FROM invites
    WHERE sender_id = ? AND created_at >= ?`,
  listPendingBetween: `SELECT ${columns} FROM invites
      WHERE sender_id = @a AND recipient_id = @b AND status = 'pending'
    UNION ALL
    SELECT ${columns} FROM invites
      WHERE sender_id = @b AND recipient_id = @a AND status = 'pending'`,
  // These three read the (created_at, status, ad_id) index alone; groups without invites
  // have no row.
  countByStatus: `SELECT status, count(*) AS count FROM invites WHERE created_at >= ?
    GROUP BY status`,
  countByDay: `SELECT strftime('%Y-%m-%d', created_at / 1000.0, 'unixepoch') AS day, status,
      count(*) AS count
    FROM invites WHERE created_at >= ?
    GROUP BY day, status ORDER BY day, status`,
  // One pass over the window: counts per (ad, status), each ad ranked by its total (most first,
  // then by id), the first `limit` ads kept.
  countByAd: `SELECT ad_id, status, count FROM (
      SELECT ad_id, status, count,
        dense_rank() OVER (ORDER BY total DESC, ad_id) AS place
      FROM (
        SELECT ad_id, status, count, sum(count) OVER (PARTITION BY ad_id) AS total
        FROM (
          SELECT ad_id, status, count(*) AS count FROM invites WHERE created_at >= @since
          GROUP BY ad_id, status
        )
      )
    )
    WHERE place <= @limit ORDER BY place, status`,
  scrubFrom: 'UPDATE invites SET content = ? WHERE sender_id = ?',
  // Two walks of partial indexes (sent, received), each stopping at `limit`, merged.
  listPendingFor: `SELECT ${columns} FROM (
      SELECT * FROM (
        SELECT rowid AS rid, ${columns} FROM invites
        WHERE sender_id = @user AND status = 'pending' ORDER BY created_at, rowid LIMIT @limit
      )
      UNION ALL
      SELECT * FROM (
        SELECT rowid AS rid, ${columns} FROM invites
        WHERE recipient_id = @user AND status = 'pending' AND sender_id <> @user
        ORDER BY created_at, rowid LIMIT @limit
      )
    ) ORDER BY created_at, rid LIMIT @limit`,
  listPendingCreatedBefore: `SELECT ${columns} FROM invites
    WHERE status = 'pending' AND created_at < ? ORDER BY created_at, rowid LIMIT ?`,
} as const;

type InviteParams = ReturnType<typeof inviteParams>;
type Status = Invite['status'];

/** What a forgotten sender's first messages become. */
const blank = JSON.stringify({ kind: 'text', text: '' } satisfies InviteContent);

export interface InviteStatements {
  readonly insert: Statement<[InviteParams]>;
  readonly get: Statement<[string], InviteRow>;
  readonly findBySenderAndAd: Statement<[string, string], InviteRow>;
  readonly update: Statement<[InviteParams & { expected: string }]>;
  readonly sentSince: Statement<[string, number], { count: number; oldest: number | null }>;
  readonly listPendingBetween: Statement<[{ a: string; b: string }], InviteRow>;
  readonly countByStatus: Statement<[number], { status: string; count: number }>;
  readonly countByDay: Statement<[number], { day: string; status: string; count: number }>;
  readonly countByAd: Statement<
    [{ since: number; limit: number }],
    { ad_id: string; status: string; count: number }
  >;
  readonly scrubFrom: Statement<[string, string]>;
  readonly listPendingFor: Statement<[{ user: string; limit: number }], InviteRow>;
  readonly listPendingCreatedBefore: Statement<[number, number], InviteRow>;
}

export function prepareInvites(db: Database): InviteStatements {
  return {
    insert: db.prepare<[InviteParams]>(invitesSql.insert),
    get: db.prepare<[string], InviteRow>(invitesSql.get),
    findBySenderAndAd: db.prepare<[string, string], InviteRow>(invitesSql.findBySenderAndAd),
    update: db.prepare<[InviteParams & { expected: string }]>(invitesSql.update),
    sentSince: db.prepare<[string, number], { count: number; oldest: number | null }>(
      invitesSql.sentSince,
    ),
    listPendingBetween: db.prepare<[{ a: string; b: string }], InviteRow>(
      invitesSql.listPendingBetween,
    ),
    countByStatus: db.prepare<[number], { status: string; count: number }>(
      invitesSql.countByStatus,
    ),
    countByDay: db.prepare<[number], { day: string; status: string; count: number }>(
      invitesSql.countByDay,
    ),
    countByAd: db.prepare<
      [{ since: number; limit: number }],
      { ad_id: string; status: string; count: number }
    >(invitesSql.countByAd),
    scrubFrom: db.prepare<[string, string]>(invitesSql.scrubFrom),
    listPendingFor: db.prepare<[{ user: string; limit: number }], InviteRow>(
      invitesSql.listPendingFor,
    ),
    listPendingCreatedBefore: db.prepare<[number, number], InviteRow>(
      invitesSql.listPendingCreatedBefore,
    ),
  };
}

export class SqliteInviteRepository implements InviteRepository {
  constructor(
    private readonly s: InviteStatements,
    private readonly scope: TxScope,
  ) {}

  async insert(invite: Invite): Promise<boolean> {
    this.scope.check();
    return this.s.insert.run(inviteParams(invite)).changes === 1;
  }

  async get(id: string): Promise<Invite | undefined> {
    this.scope.check();
    const row = this.s.get.get(id);
    return row && read.invite(row);
  }

  async findBySenderAndAd(senderId: string, adId: string): Promise<Invite | undefined> {
    this.scope.check();
    const row = this.s.findBySenderAndAd.get(senderId, adId);
    return row && read.invite(row);
  }

  async update(next: Invite, expected: Invite['status']): Promise<boolean> {
    this.scope.check();
    return this.s.update.run({ ...inviteParams(next), expected }).changes === 1;
  }

  async sentSince(
    senderId: string,
    since: number,
  ): Promise<{ count: number; oldest: number | null }> {
    this.scope.check();
    const row = this.s.sentSince.get(senderId, since);
    return { count: row?.count ?? 0, oldest: row?.oldest ?? null };
  }

  async listPendingBetween(a: string, b: string): Promise<Invite[]> {
    this.scope.check();
    return this.s.listPendingBetween.all({ a, b }).map(read.invite);
  }

  async countByStatus(since: number): Promise<Partial<Record<Status, number>>> {
    this.scope.check();
    const counts: Partial<Record<Status, number>> = {};
    for (const row of this.s.countByStatus.all(since)) {
      counts[row.status as Status] = row.count;
    }
    return counts;
  }

  async countByDay(since: number): Promise<{ day: string; status: Status; count: number }[]> {
    this.scope.check();
    return this.s.countByDay
      .all(since)
      .map((row) => ({ day: row.day, status: row.status as Status, count: row.count }));
  }

  async countByAd(
    since: number,
    limit: number,
  ): Promise<{ adId: AdId; status: Status; count: number }[]> {
    this.scope.check();
    return this.s.countByAd.all({ since, limit }).map((row) => ({
      adId: row.ad_id as AdId,
      status: row.status as Status,
      count: row.count,
    }));
  }

  async scrubFrom(senderId: string): Promise<number> {
    this.scope.check();
    return this.s.scrubFrom.run(blank, senderId).changes;
  }

  async listPendingFor(userId: string, limit: number): Promise<Invite[]> {
    this.scope.check();
    return this.s.listPendingFor.all({ user: userId, limit }).map(read.invite);
  }

  async listPendingCreatedBefore(before: number, limit: number): Promise<Invite[]> {
    this.scope.check();
    return this.s.listPendingCreatedBefore.all(before, limit).map(read.invite);
  }
}
