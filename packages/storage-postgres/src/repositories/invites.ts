import type { Invite, InviteRepository } from '@anonboard/core';
import { type InviteRow, inviteFromRow, inviteParams } from '../rows.js';
import type { TxScope } from './scope.js';
import { defineSql } from './statement.js';

const columns =
  'id, ad_id, ad_title, sender_id, recipient_id, content, status, decided_at, chat_id, created_at';

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
  listPendingCreatedBefore: `SELECT ${columns} FROM invites
    WHERE status = 'pending' AND created_at < $1 ORDER BY created_at, seq LIMIT $2`,
});

export class PostgresInviteRepository implements InviteRepository {
  constructor(private readonly db: TxScope) {}

  async insert(invite: Invite): Promise<boolean> {
    return (await this.db.run(invitesSql.insert, inviteParams(invite))) === 1;
  }

  async get(id: string): Promise<Invite | undefined> {
    const row = await this.db.row<InviteRow>(invitesSql.get, [id]);
    return row && inviteFromRow(row);
  }

  async findBySenderAndAd(senderId: string, adId: string): Promise<Invite | undefined> {
    const row = await this.db.row<InviteRow>(invitesSql.findBySenderAndAd, [senderId, adId]);
    return row && inviteFromRow(row);
  }

  async update(next: Invite, expected: Invite['status']): Promise<boolean> {
    return (await this.db.run(invitesSql.update, [...inviteParams(next), expected])) === 1;
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
    return (await this.db.rows<InviteRow>(invitesSql.listPendingBetween, [a, b])).map(
      inviteFromRow,
    );
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

  async listPendingCreatedBefore(before: number, limit: number): Promise<Invite[]> {
    return (
      await this.db.rows<InviteRow>(invitesSql.listPendingCreatedBefore, [
        before,
        Math.max(0, limit),
      ])
    ).map(inviteFromRow);
  }
}
