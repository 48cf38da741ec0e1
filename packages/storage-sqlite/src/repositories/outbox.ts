import type { Effect, OutboxEntry, OutboxRepository } from '@anonboard/core';
import type { OutboxRow } from '@anonboard/core/sql';
import type { Database } from 'better-sqlite3';
import { read } from '../rows.js';
import type { TxScope } from './scope.js';
import type { Statement } from './statement.js';

/**
 * The SQL of the outbox (exported for query-plan tests). Triggers keep `outbox_lanes` (one row
 * per lane: its oldest live entry and when that entry is next due), so a claim reads the due
 * lane heads from an index and never scans the outbox.
 */
/** Up to this many due heads are leased by one UPDATE each, more by one UPDATE for all. */
const LEASE_ONE_BY_ONE = 16;

export const outboxSql = {
  add: `INSERT INTO outbox (lane, effect, created_at, available_at) VALUES (?, ?, ?, ?)`,
  // Due and unleased means max(available_at, leased_until) <= now, which is `due_at`. A claim
  // reads the due heads, then leases them: one by one when they are few (an UPDATE … WHERE id IN
  // (subquery) costs three times a lone UPDATE by id), in one statement when many.
  due: 'SELECT head_id FROM outbox_lanes WHERE due_at <= ? ORDER BY due_at, head_id LIMIT ?',
  leaseOne: `UPDATE outbox SET leased_until = @until, lease_owner = @owner WHERE id = @id
    RETURNING id, lane, effect, attempts, created_at`,
  // $ids: a JSON array of entry ids.
  leaseMany: `UPDATE outbox SET leased_until = @until, lease_owner = @owner
    WHERE id IN (SELECT value FROM json_each(@ids))
    RETURNING id, lane, effect, attempts, created_at`,
  complete: 'DELETE FROM outbox WHERE id = ?',
  retry: `UPDATE outbox SET attempts = attempts + 1, available_at = ?, leased_until = 0,
    lease_owner = NULL, error = ?
    WHERE id = ?`,
  fail: `UPDATE outbox SET attempts = attempts + 1, dead = 1, leased_until = 0, lease_owner = NULL,
    error = ? WHERE id = ?`,
  // $ids: a JSON array of entry ids (one statement whatever their number).
  renew: `UPDATE outbox SET leased_until = @until
    WHERE id IN (SELECT value FROM json_each(@ids)) AND lease_owner = @owner AND dead = 0`,
  // Once per opening: a scan of the leased entries is cheap next to a minute of stalled lanes.
  release: `UPDATE outbox SET leased_until = 0, lease_owner = NULL
    WHERE lease_owner = ? AND dead = 0`,
  pending: 'SELECT count(*) FROM outbox WHERE dead = 0',
  dead: 'SELECT count(*) FROM outbox WHERE dead = 1',
  oldest: 'SELECT min(created_at) FROM outbox WHERE dead = 0',
  list: `SELECT id, lane, effect, attempts, created_at FROM outbox
    WHERE id > ? ORDER BY id LIMIT ?`,
} as const;

export interface OutboxStatements {
  readonly add: Statement<[string, string, number, number]>;
  readonly due: Statement<[number, number], number>;
  readonly leaseOne: Statement<[{ until: number; owner: string | null; id: number }], OutboxRow>;
  readonly leaseMany: Statement<[{ until: number; owner: string | null; ids: string }], OutboxRow>;
  readonly complete: Statement<[number]>;
  readonly retry: Statement<[number, string, number]>;
  readonly fail: Statement<[string, number]>;
  readonly renew: Statement<[{ ids: string; owner: string; until: number }]>;
  readonly release: Statement<[string]>;
  readonly pending: Statement<[], number>;
  readonly dead: Statement<[], number>;
  readonly oldest: Statement<[], number | null>;
  readonly list: Statement<[number, number], OutboxRow>;
}

export function prepareOutbox(db: Database): OutboxStatements {
  return {
    add: db.prepare<[string, string, number, number]>(outboxSql.add),
    due: db.prepare<[number, number], number>(outboxSql.due).pluck(),
    leaseOne: db.prepare<[{ until: number; owner: string | null; id: number }], OutboxRow>(
      outboxSql.leaseOne,
    ),
    leaseMany: db.prepare<[{ until: number; owner: string | null; ids: string }], OutboxRow>(
      outboxSql.leaseMany,
    ),
    complete: db.prepare<[number]>(outboxSql.complete),
    retry: db.prepare<[number, string, number]>(outboxSql.retry),
    fail: db.prepare<[string, number]>(outboxSql.fail),
    renew: db.prepare<[{ ids: string; owner: string; until: number }]>(outboxSql.renew),
    release: db.prepare<[string]>(outboxSql.release),
    pending: db.prepare<[], number>(outboxSql.pending).pluck(),
    dead: db.prepare<[], number>(outboxSql.dead).pluck(),
    oldest: db.prepare<[], number | null>(outboxSql.oldest).pluck(),
    list: db.prepare<[number, number], OutboxRow>(outboxSql.list),
  };
}

export class SqliteOutboxRepository implements OutboxRepository {
  constructor(
    private readonly s: OutboxStatements,
    private readonly scope: TxScope,
  ) {}

  async add(entries: readonly { lane: string; effect: Effect }[], at: number): Promise<void> {
    this.scope.check();
    for (const { lane, effect } of entries) {
      this.s.add.run(lane, JSON.stringify(effect), at, at);
    }
  }

  async claim(now: number, limit: number, leaseMs: number, owner?: string): Promise<OutboxEntry[]> {
    this.scope.check();
    if (limit <= 0) return [];
    const ids = this.s.due.all(now, limit);
    if (ids.length === 0) return [];
    const lease = { until: now + leaseMs, owner: owner ?? null };
    const rows =
      ids.length <= LEASE_ONE_BY_ONE
        ? ids.map((id) => this.s.leaseOne.get({ ...lease, id }) as OutboxRow)
        : this.s.leaseMany.all({ ...lease, ids: JSON.stringify(ids) });
    // Neither the index order of the heads nor RETURNING is the age order: oldest first.
    return rows.map(read.outboxEntry).sort((x, y) => x.id - y.id);
  }

  async complete(id: number): Promise<void> {
    this.scope.check();
    this.s.complete.run(id);
  }

  async retry(id: number, availableAt: number, error: string): Promise<void> {
    this.scope.check();
    this.s.retry.run(availableAt, error, id);
  }

  async fail(id: number, error: string): Promise<void> {
    this.scope.check();
    this.s.fail.run(error, id);
  }

  async renew(ids: readonly number[], owner: string, until: number): Promise<number> {
    this.scope.check();
    if (ids.length === 0) return 0;
    return this.s.renew.run({ ids: JSON.stringify(ids), owner, until }).changes;
  }

  async release(owner: string): Promise<number> {
    this.scope.check();
    return this.s.release.run(owner).changes;
  }

  async stats(): Promise<{ pending: number; dead: number }> {
    this.scope.check();
    return { pending: this.s.pending.get() ?? 0, dead: this.s.dead.get() ?? 0 };
  }

  async list(afterId: number, limit: number): Promise<OutboxEntry[]> {
    this.scope.check();
    return this.s.list.all(afterId, limit).map(read.outboxEntry);
  }

  async oldestPendingAt(): Promise<number | null> {
    this.scope.check();
    return this.s.oldest.get() ?? null;
  }
}
