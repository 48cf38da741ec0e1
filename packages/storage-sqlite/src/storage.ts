import { AsyncLocalStorage } from 'node:async_hooks';
import { resolve } from 'node:path';
import type { Repositories, Storage } from '@anonboard/core';
import type Database from 'better-sqlite3';
import { SqliteStorageError } from './errors.js';
import { migrations } from './migrations.js';
import { openDatabase } from './open.js';
import { resolveOptions, type SqliteStorageOptions } from './options.js';
import { createRepositories, prepareStatements, type Statements } from './repositories/index.js';
import { TxScope } from './repositories/scope.js';

/** One running transaction (or savepoint inside one), as seen by calls made from inside it. */
interface Frame {
  readonly scope: TxScope;
  readonly depth: number;
  /** Nested transactions started from inside this one, run one at a time. */
  tail: Promise<unknown>;
}

const settled = () => undefined;
/** Waits between attempts to take a busy write lock, as SQLite's own busy handler does. */
const BUSY_DELAYS_MS = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100];

function newFrame(depth: number): Frame {
  return { scope: new TxScope(), depth, tail: Promise.resolve() };
}

function isBusy(error: unknown): boolean {
  return error instanceof Error && 'code' in error && String(error.code).startsWith('SQLITE_BUSY');
}

/**
 * The {@link Storage} port on a SQLite file through better-sqlite3: WAL mode, versioned
 * migrations, and every invariant of the port kept by the database itself (unique constraints,
 * conditional updates), so several processes may share one file.
 *
 * better-sqlite3 is synchronous and the port is asynchronous: transactions of one storage take
 * turns on its connection (`BEGIN IMMEDIATE` … `COMMIT`, `ROLLBACK` when `fn` throws). Between
 * processes, SQLite's write lock serialises them. A `transaction` called from inside another
 * one of the same storage joins it as a savepoint instead of waiting for it forever.
 *
 * ```ts
 * const storage = new SqliteStorage({ path: './data/anonboard.sqlite' });
 * const user = await storage.transaction((tx) => tx.users.getByPlatformId('1001'));
 * await storage.close();
 * ```
 */
export class SqliteStorage implements Storage {
  /** The database file. */
  readonly path: string;
  private readonly busyTimeoutMs: number;
  private readonly db: Database.Database;
  /** Whether `close()` closes the connection (false for one the host shared). */
  private readonly ownsDatabase: boolean;
  private readonly statements: Statements;
  private readonly control: {
    readonly begin: Database.Statement;
    readonly commit: Database.Statement;
    readonly rollback: Database.Statement;
  };
  private readonly frames = new AsyncLocalStorage<Frame>();
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(options: SqliteStorageOptions) {
    const resolved = resolveOptions(options);
    this.path = resolved.path;
    this.busyTimeoutMs = resolved.busyTimeoutMs;
    this.db = openDatabase(resolved, migrations);
    this.ownsDatabase = resolved.database === undefined;
    this.statements = prepareStatements(this.db);
    this.control = {
      // IMMEDIATE takes the write lock up front: two processes never deadlock upgrading a read
      // lock. A read-only connection cannot take it, and needs no more than a snapshot.
      begin: this.db.prepare(resolved.readonly ? 'BEGIN DEFERRED' : 'BEGIN IMMEDIATE'),
      commit: this.db.prepare('COMMIT'),
      rollback: this.db.prepare('ROLLBACK'),
    };
  }

  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(this.closedError());
    const parent = this.frames.getStore();
    if (parent?.scope.isOpen) {
      const run = parent.tail.then(() => this.runNested(parent, fn));
      parent.tail = run.catch(settled);
      return run;
    }
    const run = this.tail.then(() => this.run(fn));
    this.tail = run.catch(settled);
    return run;
  }

  /**
   * Waits for the transactions already started, then closes the connection (one the host shared
   * stays open: the host closes it). Idempotent.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.tail;
    if (this.ownsDatabase) this.db.close();
  }

  /**
   * Copies the database, consistent as of one moment, to `destination` (a new or overwritten
   * file; its directory must exist). Runs between transactions of this storage; other
   * processes may keep writing.
   *
   * ```ts
   * await storage.backup(`./backups/anonboard-${new Date().toISOString().slice(0, 10)}.sqlite`);
   * ```
   */
  backup(destination: string): Promise<void> {
    if (this.closed) return Promise.reject(this.closedError());
    if (resolve(destination) === resolve(this.path)) {
      return Promise.reject(
        new SqliteStorageError('invalid_options', 'cannot back up a database onto itself', {
          path: this.path,
        }),
      );
    }
    const run = this.tail.then(async () => {
      // All pages in one step, so no write can slip between steps and restart the copy.
      await this.db.backup(destination, { progress: () => 0x7fffffff });
    });
    this.tail = run.catch(settled);
    return run;
  }

  // --- Internal helpers ---

  private async run<T>(fn: (tx: Repositories) => Promise<T>): Promise<T> {
    if (!this.tryBegin()) await this.beginWhenFree();
    const frame = newFrame(0);
    try {
      const result = await this.inFrame(frame, fn);
      this.control.commit.run();
      return result;
    } catch (error) {
      // SQLite may have rolled back already (e.g. after SQLITE_FULL); ROLLBACK then would throw.
      if (this.db.inTransaction) this.control.rollback.run();
      throw error;
    } finally {
      frame.scope.end();
    }
  }

  private async runNested<T>(parent: Frame, fn: (tx: Repositories) => Promise<T>): Promise<T> {
    parent.scope.check();
    const frame = newFrame(parent.depth + 1);
    const name = `anonboard_${frame.depth}`;
    this.db.exec(`SAVEPOINT ${name}`);
    try {
      const result = await this.inFrame(frame, fn);
      this.db.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
      throw error;
    } finally {
      frame.scope.end();
    }
  }

  /** Runs `fn` as `frame`; transactions it starts finish inside it, whether it succeeds or not. */
  private async inFrame<T>(frame: Frame, fn: (tx: Repositories) => Promise<T>): Promise<T> {
    try {
      return await this.frames.run(frame, () =>
        fn(createRepositories(this.statements, frame.scope)),
      );
    } finally {
      await frame.tail;
    }
  }

  /** Starts the transaction; false when another connection holds the write lock. */
  private tryBegin(): boolean {
    try {
      this.control.begin.run();
      return true;
    } catch (error) {
      if (isBusy(error)) return false;
      throw error;
    }
  }

  /** Retries `BEGIN` without blocking the event loop, for up to `busyTimeoutMs`. */
  private async beginWhenFree(): Promise<void> {
    const deadline = Date.now() + this.busyTimeoutMs;
    for (let attempt = 0; Date.now() < deadline; attempt++) {
      const delay = BUSY_DELAYS_MS[Math.min(attempt, BUSY_DELAYS_MS.length - 1)] ?? 100;
      await new Promise((resolve) => setTimeout(resolve, Math.min(delay, deadline - Date.now())));
      if (this.tryBegin()) return;
    }
    throw new SqliteStorageError(
      'busy',
      `another connection held the write lock of ${this.path} for over ${this.busyTimeoutMs} ms`,
      { path: this.path },
    );
  }

  private closedError(): SqliteStorageError {
    return new SqliteStorageError('closed', 'storage is closed', { path: this.path });
  }
}
