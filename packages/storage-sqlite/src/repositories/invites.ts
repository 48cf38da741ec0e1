import type { Invite, InviteRepository } from '@anonboard/core';
import type { Database } from 'better-sqlite3';
import { type InviteRow, inviteFromRow, inviteParams } from '../rows.js';
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
  // Reads the (created_at, status) index alone; statuses without invites have no row.
  countByStatus: `SELECT status, count(*) AS count FROM invites WHERE created_at >= ?
    GROUP BY status`,
  listPendingCreatedBefore: `SELECT ${columns} FROM invites
    WHERE status = 'pending' AND created_at < ? ORDER BY created_at, rowid LIMIT ?`,
} as const;

type InviteParams = ReturnType<typeof inviteParams>;

export interface InviteStatements {
  readonly insert: Statement<[InviteParams]>;
  readonly get: Statement<[string], InviteRow>;
  readonly findBySenderAndAd: Statement<[string, string], InviteRow>;
  readonly update: Statement<[InviteParams & { expected: string }]>;
  readonly sentSince: Statement<[string, number], { count: number; oldest: number | null }>;
  readonly listPendingBetween: Statement<[{ a: string; b: string }], InviteRow>;
  readonly countByStatus: Statement<[number], { status: string; count: number }>;
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
    return row && inviteFromRow(row);
  }

  async findBySenderAndAd(senderId: string, adId: string): Promise<Invite | undefined> {
    this.scope.check();
    const row = this.s.findBySenderAndAd.get(senderId, adId);
    return row && inviteFromRow(row);
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
    return this.s.listPendingBetween.all({ a, b }).map(inviteFromRow);
  }

  async countByStatus(since: number): Promise<Partial<Record<Invite['status'], number>>> {
    this.scope.check();
    const counts: Partial<Record<Invite['status'], number>> = {};
    for (const row of this.s.countByStatus.all(since)) {
      counts[row.status as Invite['status']] = row.count;
    }
    return counts;
  }

  async listPendingCreatedBefore(before: number, limit: number): Promise<Invite[]> {
    this.scope.check();
    return this.s.listPendingCreatedBefore.all(before, limit).map(inviteFromRow);
  }
}
