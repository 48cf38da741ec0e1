import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger, Repositories, Storage } from '@anonboard/core';
import type { Pool, PoolClient } from 'pg';
import { messageOf, PostgresStorageError, sqlState } from './errors.js';
import { type PostgresIsolation, quoteIdentifier } from './options.js';
import { OutboxSignal, type OutboxSignalTiming } from './outbox-signal.js';
import { createRepositories } from './repositories/index.js';
import { Pipeline } from './repositories/pipeline.js';
import { TxScope } from './repositories/scope.js';

/** One running transaction (or savepoint inside one), as seen by calls made from inside it. */
interface Frame {
  readonly scope: TxScope;
  readonly depth: number;
  /** Nested transactions started from inside this one, run one at a time. */
  tail: Promise<unknown>;
}

/**
 * What {@link PostgresStorage} is made of; `openPostgresStorage` builds it after validating the
 * options, connecting and migrating. Build one by hand only over a schema already migrated.
 *
 * ```ts
 * const storage = new PostgresStorage({
 *   pool, ownsPool: false, schema: 'anonboard', isolation: 'read committed', maxRetries: 8,
 *   preparedStatements: true, synchronousCommit: true, migration: { from: 3, to: 3 },
 * });
 * ```
 */
export interface PostgresStorageParts {
  readonly pool: Pool;
  /** Whether `close()` ends the pool (true when the storage made it). */
  readonly ownsPool: boolean;
  readonly schema: string;
  readonly isolation: PostgresIsolation;
  readonly maxRetries: number;
  readonly preparedStatements: boolean;
  readonly synchronousCommit: boolean;
  readonly migration: { readonly from: number; readonly to: number };
  /** Timing of the wake-ups between instances (tests shorten it). */
  readonly signalTiming?: Partial<OutboxSignalTiming>;
}

const settled = () => undefined;
/** SQLSTATEs after which the whole transaction may simply run again. */
const RETRYABLE = new Set(['40001', '40P01']);

/**
 * The {@link Storage} port on PostgreSQL through a node-postgres `Pool`, for one or many bot
 * instances sharing a database. Every invariant of the port is kept by the server (unique
 * constraints, conditional updates, row locks, `SKIP LOCKED` outbox claims), never by this
 * process, so instances need no coordination of their own. Made by `openPostgresStorage`.
 *
 * Each `transaction(fn)` checks out a connection, runs `BEGIN` at the configured isolation with
 * the schema as `search_path`, runs `fn`, and commits (or rolls back and rethrows). On a
 * serialization failure or a deadlock it runs `fn` again, up to `maxRetries` times: keep `fn`
 * free of effects outside the storage. A `transaction` called from inside another one of the
 * same storage joins it as a savepoint.
 *
 * ```ts
 * const storage = await openPostgresStorage({ connectionString: process.env.DATABASE_URL });
 * const user = await storage.transaction((tx) => tx.users.getByPlatformId('1001'));
 * await storage.close();
 * ```
 */
export class PostgresStorage implements Storage {
  /** The schema holding the tables. */
  readonly schema: string;
  /** The schema versions before and after this storage opened (equal when nothing was migrated). */
  readonly migration: { readonly from: number; readonly to: number };
  private readonly pool: Pool;
  private readonly ownsPool: boolean;
  private readonly maxRetries: number;
  private readonly preparedStatements: boolean;
  private readonly begin: string;
  private readonly frames = new AsyncLocalStorage<Frame>();
  private readonly running = new Set<Promise<unknown>>();
  private readonly signal: OutboxSignal;
  private closing: Promise<void> | undefined;

  /** Use `openPostgresStorage`, which validates options, connects and migrates first. */
  constructor(parts: PostgresStorageParts) {
    this.pool = parts.pool;
    this.ownsPool = parts.ownsPool;
    this.schema = parts.schema;
    this.migration = parts.migration;
    this.maxRetries = parts.maxRetries;
    this.preparedStatements = parts.preparedStatements;
    this.signal = new OutboxSignal(parts.pool, parts.schema, parts.signalTiming);
    // One round trip: `SET LOCAL` ends with the transaction, so a shared pool's connections are
    // left as they were. pg_temp last: a temporary table never shadows one of ours.
    this.begin = [
      `BEGIN ISOLATION LEVEL ${parts.isolation.toUpperCase()}`,
      `SET LOCAL search_path TO ${quoteIdentifier(parts.schema)}, pg_catalog, pg_temp`,
      ...(parts.synchronousCommit ? [] : ['SET LOCAL synchronous_commit TO off']),
    ].join('; ');
  }

  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T> {
    const parent = this.frames.getStore();
    if (parent?.scope.isOpen) {
      const run = parent.tail.then(() => this.runNested(parent, fn));
      parent.tail = run.catch(settled);
      return run;
    }
    if (this.closing !== undefined) return Promise.reject(this.closedError());
    const run = this.runWithRetries(fn);
    const tracked = run.catch(settled);
    this.running.add(tracked);
    void tracked.then(() => this.running.delete(tracked));
    return run;
  }

  /**
   * Wakes `wake` soon after another instance on this database (another storage on the schema)
   * commits outbox entries: `LISTEN` on a connection of its own (made like the pool's, outside
   * it), and a `NOTIFY` after each commit that added entries (one per 10 ms at most, always after
   * the commits it stands for). The connection is made at the first watch and ended when the
   * last watcher stops; after a drop it reconnects, logging through `logger` (a warning per
   * failed attempt, a line when it is back). Core's dispatcher watches while it runs.
   */
  watchOutbox(wake: () => void, options: { readonly logger?: Logger } = {}): () => void {
    return this.signal.watch(wake, options.logger);
  }

  /**
   * Waits for the transactions already started, then ends the pool when the storage made it (a
   * pool passed in stays open: it belongs to the host), and the connection that listens for other
   * instances' outbox writes. Idempotent.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      while (this.running.size > 0) await Promise.all(this.running);
      await this.signal.close();
      if (this.ownsPool) await this.pool.end();
    })();
    return this.closing;
  }

  // --- Internal helpers ---

  private async runWithRetries<T>(fn: (tx: Repositories) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.runOnce(fn);
      } catch (error) {
        const state = sqlState(error);
        if (state === undefined || !RETRYABLE.has(state)) throw error;
        if (attempt >= this.maxRetries) {
          throw new PostgresStorageError(
            'conflict',
            `a transaction failed ${attempt + 1} times on ${state === '40P01' ? 'a deadlock' : 'a serialization failure'} with concurrent ones: ${messageOf(error)}`,
            { schema: this.schema, cause: error },
          );
        }
        // Jittered exponential backoff, so the transactions that collided do not collide again.
        const ceiling = Math.min(100, 2 ** attempt * 2);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
      }
    }
  }

  private async runOnce<T>(fn: (tx: Repositories) => Promise<T>): Promise<T> {
    const client = await this.connect();
    const statements = new Pipeline(client);
    const scope = new TxScope(statements, this.preparedStatements);
    let broken: Error | undefined;
    try {
      // No round trip of its own: BEGIN travels with the first statement, and the writes that
      // nothing reads travel with the COMMIT (see Pipeline).
      statements.later(this.begin);
      const result = await this.inFrame({ scope, depth: 0, tail: Promise.resolve() }, fn);
      await statements.query('COMMIT');
      if (scope.addedToOutbox) this.signal.committed();
      return result;
    } catch (error) {
      try {
        await statements.settle().catch(settled);
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // The connection is unusable: drop it from the pool instead of reusing it.
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      }
      throw error;
    } finally {
      scope.end();
      client.release(broken);
    }
  }

  private async runNested<T>(parent: Frame, fn: (tx: Repositories) => Promise<T>): Promise<T> {
    const frame: Frame = {
      scope: parent.scope.child(),
      depth: parent.depth + 1,
      tail: Promise.resolve(),
    };
    const name = `anonboard_${frame.depth}`;
    await parent.scope.exec(`SAVEPOINT ${name}`);
    try {
      const result = await this.inFrame(frame, fn);
      await parent.scope.exec(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      // Undoes only the inner writes; when even that fails, the outer transaction fails too.
      await parent.scope
        .exec(`ROLLBACK TO SAVEPOINT ${name}; RELEASE SAVEPOINT ${name}`)
        .catch(settled);
      throw error;
    } finally {
      frame.scope.end();
    }
  }

  /** Runs `fn` as `frame`; transactions it starts finish inside it, whether it succeeds or not. */
  private async inFrame<T>(frame: Frame, fn: (tx: Repositories) => Promise<T>): Promise<T> {
    try {
      return await this.frames.run(frame, () => fn(createRepositories(frame.scope)));
    } finally {
      await frame.tail;
    }
  }

  private async connect(): Promise<PoolClient> {
    try {
      return await this.pool.connect();
    } catch (cause) {
      throw new PostgresStorageError(
        'cannot_connect',
        `cannot get a connection: ${messageOf(cause)}`,
        {
          schema: this.schema,
          cause,
        },
      );
    }
  }

  private closedError(): PostgresStorageError {
    return new PostgresStorageError('closed', 'storage is closed', { schema: this.schema });
  }
}
