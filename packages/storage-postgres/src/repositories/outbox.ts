import type { Effect, OutboxEntry, OutboxRepository } from '@anonboard/core';
import type { OutboxRow } from '@anonboard/core/sql';
import { read } from '../rows.js';
import type { GatheredWrite, TxScope } from './scope.js';
import { defineSql } from './statement.js';

// The moves that change a lane's head (the entry leaving it, by `complete` or `fail`) run as a
// later statement than the one taking the lane's row lock: at READ COMMITTED each statement
// reads a fresh snapshot, so the new head is chosen among entries committed by anyone who held
// the lock before (an `add` of a concurrent relay included). The lane is the entry's own while
// it is live (the one `lockLaneOf` locked); a gone or dead entry held no lane lock and moves no
// head (an entry never comes back, and only a holder of its lane's lock ends it).
const advanceHead = `held AS (
    SELECT lane FROM outbox WHERE id = $1 AND NOT dead
  ), next AS (
    SELECT id, GREATEST(available_at, leased_until) AS due FROM outbox
    WHERE lane = (SELECT lane FROM held) AND NOT dead AND id <> $1 ORDER BY id LIMIT 1
  ), advanced AS (
    UPDATE outbox_lanes SET head_id = next.id, due_at = next.due FROM next
    WHERE outbox_lanes.lane = (SELECT lane FROM held) AND outbox_lanes.head_id = $1
  )
  DELETE FROM outbox_lanes
  WHERE lane = (SELECT lane FROM held) AND head_id = $1 AND NOT EXISTS (SELECT 1 FROM next)`;

/**
 * The SQL of the outbox. `outbox_lanes` holds one row per lane with live entries: its head (the
 * oldest live entry) and when the head is next claimable. A claim takes due lane heads from its
 * index with `FOR UPDATE SKIP LOCKED`, so dispatchers of several instances never wait for each
 * other, never lease one entry twice, and never scan the outbox.
 */
export const outboxSql = defineSql('outbox', {
  // Locks the lanes about to get entries ($1: distinct lanes, sorted so two writers lock in the
  // same order), creating missing ones. `WHERE false` locks an existing row without writing it.
  // Holding the lock until commit orders each lane's ids by commit: a later writer to the lane
  // takes its ids after this transaction ends.
  lockLanes: `INSERT INTO outbox_lanes (lane) SELECT unnest($1::text[])
    ON CONFLICT (lane) DO UPDATE SET head_id = outbox_lanes.head_id WHERE false`,
  // $1: a JSON array of { lane, effect } in order (ids follow it); a new lane's head is its first.
  add: `WITH added AS (
      INSERT INTO outbox (lane, effect, created_at, available_at)
      SELECT e->>'lane', e->'effect', $2::double precision, $2::double precision
      FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, n) ORDER BY n
      RETURNING id, lane
    )
    UPDATE outbox_lanes SET head_id = first.id, due_at = $2::double precision
    FROM (SELECT lane, min(id) AS id FROM added GROUP BY lane) AS first
    WHERE outbox_lanes.lane = first.lane AND outbox_lanes.head_id IS NULL`,
  // Due and unleased means GREATEST(available_at, leased_until) <= now, which is `due_at`. A
  // lane row that another claim holds is skipped; one it already leased and committed is
  // re-checked on its new version (due later) and left out.
  claim: `WITH heads AS (
      SELECT lane, head_id FROM outbox_lanes
      WHERE due_at <= $1 ORDER BY due_at, head_id LIMIT $3
      FOR UPDATE SKIP LOCKED
    ), leased AS (
      UPDATE outbox SET leased_until = $2, lease_owner = $4 FROM heads
      WHERE outbox.id = heads.head_id AND NOT outbox.dead
      RETURNING outbox.id, outbox.lane, outbox.effect, outbox.attempts, outbox.created_at,
        outbox.available_at
    ), moved AS (
      UPDATE outbox_lanes SET due_at = GREATEST(leased.available_at, $2) FROM leased
      WHERE outbox_lanes.lane = leased.lane
    )
    SELECT id, lane, effect, attempts, created_at FROM leased ORDER BY id`,
  // The row lock of the entry's lane (none when the entry is gone or dead).
  lockLaneOf: `SELECT lane FROM outbox_lanes
    WHERE lane = (SELECT lane FROM outbox WHERE id = $1 AND NOT dead) FOR UPDATE`,
  // The row locks of the lanes of live entries $1 (ids), in one order for every locker.
  lockLanesOf: `SELECT lane FROM outbox_lanes
    WHERE lane IN (SELECT lane FROM outbox WHERE id = ANY($1::bigint[]) AND NOT dead)
    ORDER BY lane COLLATE "C" FOR UPDATE`,
  // Entries $1 (ids) delivered: gone, and each lane's head moves past them (as advanceHead does
  // for one entry, for all of them at once).
  completeAll: `WITH gone AS (
      DELETE FROM outbox WHERE id = ANY($1::bigint[])
    ), held AS (
      SELECT id, lane FROM outbox WHERE id = ANY($1::bigint[]) AND NOT dead
    ), next AS (
      SELECT held.lane, n.id, n.due FROM held CROSS JOIN LATERAL (
        SELECT id, GREATEST(available_at, leased_until) AS due FROM outbox
        WHERE lane = held.lane AND NOT dead AND id <> ALL($1::bigint[]) ORDER BY id LIMIT 1
      ) AS n
    ), advanced AS (
      UPDATE outbox_lanes SET head_id = next.id, due_at = next.due
      FROM held JOIN next ON next.lane = held.lane
      WHERE outbox_lanes.lane = held.lane AND outbox_lanes.head_id = held.id
    )
    DELETE FROM outbox_lanes USING held
    WHERE outbox_lanes.lane = held.lane AND outbox_lanes.head_id = held.id
      AND NOT EXISTS (SELECT 1 FROM next WHERE next.lane = held.lane)`,
  fail: `WITH dead AS (
      UPDATE outbox SET attempts = attempts + 1, dead = true, leased_until = 0,
        lease_owner = NULL, error = $2
      WHERE id = $1
    ), ${advanceHead}`,
  // Only the entry's own due time changes: no lane lock needed (a concurrent head move waits for
  // this row, then sees the new times).
  retry: `WITH retried AS (
      UPDATE outbox SET attempts = attempts + 1, available_at = $2, leased_until = 0,
        lease_owner = NULL, error = $3
      WHERE id = $1 RETURNING lane, dead, available_at
    )
    UPDATE outbox_lanes SET due_at = GREATEST(retried.available_at, 0) FROM retried
    WHERE outbox_lanes.lane = retried.lane AND outbox_lanes.head_id = $1 AND NOT retried.dead`,
  // $1 ids, $2 owner, $3 until. A lane's due time follows its head's lease, as a claim sets it.
  renew: `WITH renewed AS (
      UPDATE outbox SET leased_until = $3
      WHERE id = ANY($1::bigint[]) AND lease_owner = $2 AND NOT dead
      RETURNING id, lane, available_at
    ), moved AS (
      UPDATE outbox_lanes SET due_at = GREATEST(renewed.available_at, $3) FROM renewed
      WHERE outbox_lanes.lane = renewed.lane AND outbox_lanes.head_id = renewed.id
    )
    SELECT count(*)::int AS n FROM renewed`,
  release: `WITH released AS (
      UPDATE outbox SET leased_until = 0, lease_owner = NULL
      WHERE lease_owner = $1 AND NOT dead
      RETURNING id, lane, available_at
    ), moved AS (
      UPDATE outbox_lanes SET due_at = released.available_at FROM released
      WHERE outbox_lanes.lane = released.lane AND outbox_lanes.head_id = released.id
    )
    SELECT count(*)::int AS n FROM released`,
  oldest: `SELECT min(created_at) AS at FROM outbox WHERE NOT dead`,
  list: `SELECT id, lane, effect, attempts, created_at FROM outbox
    WHERE id > $1 ORDER BY id LIMIT $2`,
  stats: `SELECT count(*) FILTER (WHERE NOT dead)::int AS pending,
      count(*) FILTER (WHERE dead)::int AS dead
    FROM outbox`,
});

export class PostgresOutboxRepository implements OutboxRepository {
  constructor(private readonly db: TxScope) {}

  async add(entries: readonly { lane: string; effect: Effect }[], at: number): Promise<void> {
    if (entries.length === 0) {
      this.db.check();
      return;
    }
    const lanes = [...new Set(entries.map((e) => e.lane))].sort(byCodeUnits);
    // Sent without waiting (they travel with the commit), in this order: the locks, then the ids.
    this.db.later(outboxSql.lockLanes, [lanes]);
    const payload = entries.map(({ lane, effect }) => ({ lane, effect }));
    this.db.later(outboxSql.add, [JSON.stringify(payload), at]);
    this.db.markOutbox();
  }

  async claim(now: number, limit: number, leaseMs: number, owner?: string): Promise<OutboxEntry[]> {
    if (limit <= 0) {
      this.db.check();
      return [];
    }
    const rows = await this.db.rows<OutboxRow>(outboxSql.claim, [
      now,
      now + leaseMs,
      limit,
      owner ?? null,
    ]);
    return rows.map(read.outboxEntry);
  }

  // The writes of a delivery's outcome are sent without waiting (see TxScope.later): the lock,
  // then the move, as two statements in this order. A batch's completions are gathered: two
  // statements for all of them.
  async complete(id: number): Promise<void> {
    this.db.gather(completions, id);
  }

  async retry(id: number, availableAt: number, error: string): Promise<void> {
    this.db.later(outboxSql.retry, [id, availableAt, error]);
  }

  async fail(id: number, error: string): Promise<void> {
    this.db.later(outboxSql.lockLaneOf, [id]);
    this.db.later(outboxSql.fail, [id, error]);
  }

  async renew(ids: readonly number[], owner: string, until: number): Promise<number> {
    if (ids.length === 0) {
      this.db.check();
      return 0;
    }
    return (await this.db.row<{ n: number }>(outboxSql.renew, [ids, owner, until]))?.n ?? 0;
  }

  async release(owner: string): Promise<number> {
    return (await this.db.row<{ n: number }>(outboxSql.release, [owner]))?.n ?? 0;
  }

  async list(afterId: number, limit: number): Promise<OutboxEntry[]> {
    const rows = await this.db.rows<OutboxRow>(outboxSql.list, [afterId, Math.max(0, limit)]);
    return rows.map(read.outboxEntry);
  }

  async oldestPendingAt(): Promise<number | null> {
    return (await this.db.row<{ at: number | null }>(outboxSql.oldest))?.at ?? null;
  }

  async stats(): Promise<{ pending: number; dead: number }> {
    const row = await this.db.row<{ pending: number; dead: number }>(outboxSql.stats);
    return { pending: row?.pending ?? 0, dead: row?.dead ?? 0 };
  }
}

/**
 * Completions of a transaction, sent together: their lanes' locks in one statement, then the
 * entries gone and the heads moved in the next (each statement with its own snapshot, as one
 * entry's two). They commute with the other gathered writes (message links).
 */
const completions: GatheredWrite<number> = {
  statements: (ids) => [
    [outboxSql.lockLanesOf, [ids]],
    [outboxSql.completeAll, [ids]],
  ],
};

/** A total order every instance agrees on (unlike `localeCompare`). */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
