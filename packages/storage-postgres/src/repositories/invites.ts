import type { AdId, Invite, InviteRepository } from '@anonboard/core';
import { type InviteRow, inviteColumns, inviteParams, positional } from '@anonboard/core/sql';
import { read } from '../rows.js';
import type { TxScope } from './scope.js';
import { defineSql } from './statement.js';

const columns =
  'id, ad_id, ad_title, sender_id, recipient_id, content, status, decided_at, chat_id, created_at';
const DAY_MS = 86_400_000;

/** The SQL of the invite repository. */
export const invitesSql = defineSql('invites', {
  // One first message per (sender, ad): the UNIQUE constraint decides, not a prior read. A
  // concurrent insert of the same pair waits for the other transaction, then inserts nothing.
  insert: `INSERT INTO invites (${columns})
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
    ON CONFLICT (sender_id, ad_id) DO NOTHING`,
  get: `SELECT ${columns} FROM invites WHERE id = $1`,
  findBySenderAndAd: `SELECT ${columns} FROM invites WHERE sender_id = $1 AND ad_id = $2`,
  update: `UPDATE invites SET ad_id = $2, ad_title = $3, sender_id = $4, recipient_id = $5,
      content = $6, status = $7, decided_at = $8, chat_id = $9, created_at = $10
    WHERE id = $1 AND status = $11`,
  // Takes the sender's row lock before counting (see `sentSince`).
  lockSender: 'SELECT 1 FROM users WHERE id = $1 FOR UPDATE',
  sentSince: `SELECT count(*)::int AS count, min(created_at) AS oldest FROM invites
    WHERE sender_id = $1 AND created_at >= $2`,
  listPendingBetween: `SELECT ${columns} FROM invites
      WHERE sender_id = $1 AND recipient_id = $2 AND status = 'pending'
    UNION ALL
    SELECT ${columns} FROM invites
      WHERE sender_id = $2 AND recipient_id = $1 AND status = 'pending'`,
  countByStatus: `SELECT status, count(*)::int AS count FROM invites
    WHERE created_at >= $1 GROUP BY status`,
  // Days since the epoch (UTC days: ms times have no time zone), formatted by the caller.
  // COLLATE "C": the same order whatever the database's collation.
  countByDay: `SELECT floor(created_at / ${DAY_MS})::bigint AS day, status, count(*)::int AS count
    FROM invites WHERE created_at >= $1
    GROUP BY 1, 2 ORDER BY day, status COLLATE "C"`,
  // The $2 ads with the most invites (ties by id), each with its counts per status.
  countByAd: `WITH per AS (
      SELECT ad_id, status, count(*)::int AS count FROM invites
      WHERE created_at >= $1 GROUP BY ad_id, status
    ), top AS (
      SELECT ad_id, sum(count) AS total FROM per
      GROUP BY ad_id ORDER BY total DESC, ad_id COLLATE "C" LIMIT $2
    )
    SELECT per.ad_id, per.status, per.count FROM per JOIN top USING (ad_id)
    ORDER BY top.total DESC, per.ad_id COLLATE "C", per.status COLLATE "C"`,
  scrubFrom: `UPDATE invites SET content = '{"kind": "text", "text": ""}'::jsonb
    WHERE sender_id = $1`,
  // One ordered, bounded walk per role (invites_pending_by_pair, invites_pending_by_recipient).
  listPendingFor: `SELECT ${columns} FROM (
      (SELECT seq, ${columns} FROM invites
        WHERE sender_id = $1 AND status = 'pending' ORDER BY created_at, seq LIMIT $2)
      UNION ALL
      (SELECT seq, ${columns} FROM invites
        WHERE recipient_id = $1 AND status = 'pending' AND sender_id <> $1
        ORDER BY created_at, seq LIMIT $2)
    ) AS mine ORDER BY created_at, seq LIMIT $2`,
  listPendingCreatedBefore: `SELECT ${columns} FROM invites
    WHERE status = 'pending' AND created_at < $1 ORDER BY created_at, seq LIMIT $2`,
});

export class PostgresInviteRepository implements InviteRepository {
  constructor(private readonly db: TxScope) {}

  async insert(invite: Invite): Promise<boolean> {
    return (
      (await this.db.run(invitesSql.insert, positional(inviteColumns, inviteParams(invite)))) === 1
    );
  }

  async get(id: string): Promise<Invite | undefined> {
    const row = await this.db.row<InviteRow>(invitesSql.get, [id]);
    return row && read.invite(row);
  }

  async findBySenderAndAd(senderId: string, adId: string): Promise<Invite | undefined> {
    const row = await this.db.row<InviteRow>(invitesSql.findBySenderAndAd, [senderId, adId]);
    return row && read.invite(row);
  }

  async update(next: Invite, expected: Invite['status']): Promise<boolean> {
    return (
      (await this.db.run(invitesSql.update, [
        ...positional(inviteColumns, inviteParams(next)),
        expected,
      ])) === 1
    );
  }

  /**
   * Services count a sender's invites to enforce a daily limit, then insert one: a
   * read-then-write. Locking the sender's `users` row first (until the transaction ends) makes
   * two such transactions of one sender take turns, and the count, a later statement with a
   * fresh snapshot, sees the other's invite, so the limit holds even at READ COMMITTED.
   */
  async sentSince(
    senderId: string,
    since: number,
  ): Promise<{ count: number; oldest: number | null }> {
    await this.db.run(invitesSql.lockSender, [senderId]);
    const row = await this.db.row<{ count: number; oldest: number | null }>(invitesSql.sentSince, [
      senderId,
      since,
    ]);
    return { count: row?.count ?? 0, oldest: row?.oldest ?? null };
  }

  async listPendingBetween(a: string, b: string): Promise<Invite[]> {
    return (await this.db.rows<InviteRow>(invitesSql.listPendingBetween, [a, b])).map(read.invite);
  }

  async countByStatus(since: number): Promise<Partial<Record<Invite['status'], number>>> {
    const rows = await this.db.rows<{ status: Invite['status']; count: number }>(
      invitesSql.countByStatus,
      [since],
    );
    const counts: Partial<Record<Invite['status'], number>> = {};
    for (const { status, count } of rows) counts[status] = count;
    return counts;
  }

  async countByDay(
    since: number,
  ): Promise<{ day: string; status: Invite['status']; count: number }[]> {
    // bigint: a string from node-postgres.
    const rows = await this.db.rows<{ day: string; status: Invite['status']; count: number }>(
      invitesSql.countByDay,
      [since],
    );
    return rows.map(({ day, status, count }) => ({
      day: new Date(Number(day) * DAY_MS).toISOString().slice(0, 10),
      status,
      count,
    }));
  }

  async countByAd(
    since: number,
    limit: number,
  ): Promise<{ adId: AdId; status: Invite['status']; count: number }[]> {
    const rows = await this.db.rows<{ ad_id: string; status: Invite['status']; count: number }>(
      invitesSql.countByAd,
      [since, Math.max(0, limit)],
    );
    return rows.map(({ ad_id, status, count }) => ({ adId: ad_id as AdId, status, count }));
  }

  async scrubFrom(senderId: string): Promise<number> {
    return this.db.run(invitesSql.scrubFrom, [senderId]);
  }

  async listPendingFor(userId: string, limit: number): Promise<Invite[]> {
    return (
      await this.db.rows<InviteRow>(invitesSql.listPendingFor, [userId, Math.max(0, limit)])
    ).map(read.invite);
  }

  async listPendingCreatedBefore(before: number, limit: number): Promise<Invite[]> {
    return (
      await this.db.rows<InviteRow>(invitesSql.listPendingCreatedBefore, [
        before,
        Math.max(0, limit),
      ])
    ).map(read.invite);
  }
}
