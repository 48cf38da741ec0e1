import { AsyncLocalStorage } from 'node:async_hooks';
import { resolve } from 'node:path';
import type { Repositories, Storage } from '@anonboard/core';
import type Database from 'better-sqlite3';
import { SqliteStorageError } from './errors.js';
import { type Holder, takeHolderLock } from './holder.js';
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

/** A transaction waiting for its turn: it runs inside a group that commits once for all. */
interface Unit {
  readonly fn: (tx: Repositories) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/** Transactions that share one `BEGIN` … `COMMIT` (a group commit). */
interface Group {
  readonly units: Unit[];
  /** When its `BEGIN` succeeded; units may join until {@link GROUP_MAX_MS} after it. */
  startedAt: number | undefined;
  /** False once it commits (or fails): later units start the next group. */
  open: boolean;
}

/**
 * Bounds of a group commit. Units join only while a group waits for its turn or runs, so a lone
 * transaction never waits for company; the bounds keep the first unit's wait for its commit short.
 */
const GROUP_MAX_UNITS = 64;
const GROUP_MAX_MS = 4;

const settled = () => undefined;
/** Waits between attempts to take a busy write lock, as SQLite's own busy handler does. */
const BUSY_DELAYS_MS = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100];

function newFrame(depth: number): Frame {
  return { scope: new TxScope(), depth, tail: Promise.resolve() };
}

/** `:memory:`, or a shared connection's empty name: nothing outlives the process. */
function isInMemory(path: string): boolean {
  return path === ':memory:' || path === '';
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
 * Transactions that arrive while another one runs (updates handled concurrently, the outbox's
 * rounds) commit together: each runs in a savepoint of one `BEGIN` … `COMMIT`, so each is still
 * atomic on its own (a failing one rolls back alone), and each promise settles only after the
 * commit that holds it (a group commit: one commit's page writes serve up to 64 transactions).
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
  /**
   * The outbox lease owner of this opening when it holds the file (see the README's "Crash
   * recovery"); undefined for a read-only or in-memory storage, or while another holds the file.
   */
  readonly leaseOwner: string | undefined;
  /**
   * How many outbox deliveries the previous holder of the file left leased when it died (they are
   * due again at once: each was perhaps delivered once already). 0 when it stopped cleanly.
   */
  readonly releasedLeases: number;
  private readonly holder: Holder | undefined;
  private readonly busyTimeoutMs: number;
  private readonly db: Database.Database;
  /** Whether `close()` closes the connection (false for one the host shared). */
  private readonly ownsDatabase: boolean;
  private readonly statements: Statements;
  private readonly control: {
    readonly begin: Database.Statement;
    readonly commit: Database.Statement;
    readonly rollback: Database.Statement;
    readonly savepoint: Database.Statement;
    readonly release: Database.Statement;
    readonly rollbackTo: Database.Statement;
  };
  private readonly frames = new AsyncLocalStorage<Frame>();
  private tail: Promise<unknown> = Promise.resolve();
  /** The group new transactions join, while it takes them. */
  private group: Group | undefined;
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
      savepoint: this.db.prepare('SAVEPOINT anonboard_unit'),
      release: this.db.prepare('RELEASE anonboard_unit'),
      rollbackTo: this.db.prepare('ROLLBACK TO anonboard_unit'),
    };
    const durable = !resolved.readonly && !isInMemory(this.path);
    try {
      this.holder = durable
        ? takeHolderLock(this.path, (previous) => this.releaseLeasesOf(previous))
        : undefined;
    } catch (error) {
      if (this.ownsDatabase) this.db.close();
      throw error;
    }
    this.leaseOwner = this.holder?.owner;
    this.releasedLeases = this.holder?.released ?? 0;
  }

  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(this.closedError());
    const parent = this.frames.getStore();
    if (parent?.scope.isOpen) {
      const run = parent.tail.then(() => this.runNested(parent, fn));
      parent.tail = run.catch(settled);
      return run;
    }
    return new Promise<T>((resolve, reject) => {
      this.enqueue({ fn, resolve: resolve as (value: unknown) => void, reject });
    });
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
    this.holder?.release();
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

  /**
   * After data was erased: checkpoints the WAL and truncates it, so no old page image (a
   * forgotten person's platform id, their texts) outlives the erasure in the `-wal` file; the
   * database file zeroes what is deleted (`secure_delete`). Best effort: with another process
   * reading, the WAL is truncated at a later checkpoint instead.
   */
  eraseTraces(): Promise<void> {
    if (this.closed || this.db.readonly) return Promise.resolve();
    const run = this.tail.then(() => {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    });
    this.tail = run.catch(settled);
    return run;
  }

  // --- Internal helpers ---

  /** At opening, synchronously: waits for another process's write lock as SQLite itself would. */
  private releaseLeasesOf(owner: string): number {
    this.db.pragma(`busy_timeout = ${this.busyTimeoutMs}`);
    try {
      return this.statements.outbox.release.run(owner).changes;
    } finally {
      this.db.pragma('busy_timeout = 0');
    }
  }

  /** Adds `unit` to the group that still takes units, or starts the next group. */
  private enqueue(unit: Unit): void {
    const group = this.group;
    if (group?.open && this.mayJoin(group)) {
      group.units.push(unit);
      return;
    }
    const next: Group = { units: [unit], startedAt: undefined, open: true };
    this.group = next;
    this.tail = this.tail.then(() => this.runGroup(next)).catch(settled);
  }

  private mayJoin(group: Group): boolean {
    if (group.units.length >= GROUP_MAX_UNITS) return false;
    return group.startedAt === undefined || performance.now() - group.startedAt < GROUP_MAX_MS;
  }

  /**
   * Runs the units of `group` one after another in one transaction and commits once. The first
   * unit of a transaction runs without a savepoint (a `ROLLBACK` undoes only it); the others run
   * in one each. Settles every unit's promise; never rejects itself.
   */
  private async runGroup(group: Group): Promise<void> {
    const done: Array<{ unit: Unit; value: unknown }> = [];
    for (let i = 0; i < group.units.length; i++) {
      const unit = group.units[i] as Unit;
      try {
        if (!this.db.inTransaction) {
          if (!this.tryBegin()) await this.beginWhenFree();
          group.startedAt ??= performance.now();
        }
        done.push({ unit, value: await this.runUnit(unit.fn, done.length === 0) });
      } catch (error) {
        unit.reject(error);
        // The transaction is gone when the unit ran alone in it (runUnit rolled it back) or when
        // SQLite rolled it back whole (e.g. SQLITE_FULL): the units that ran before are lost with
        // it, so their callers must hear it. The next unit begins anew.
        if (!this.db.inTransaction) {
          for (const lost of done.splice(0)) lost.unit.reject(error);
        }
      }
    }
    group.open = false;
    if (!this.db.inTransaction) return;
    try {
      this.control.commit.run();
    } catch (error) {
      if (this.db.inTransaction) this.control.rollback.run();
      for (const lost of done) lost.unit.reject(error);
      return;
    }
    for (const { unit, value } of done) unit.resolve(value);
  }

  /** One unit of a group: alone in its transaction (`first`) or in a savepoint of it. */
  private async runUnit<T>(fn: (tx: Repositories) => Promise<T>, first: boolean): Promise<T> {
    const frame = newFrame(0);
    if (!first) this.control.savepoint.run();
    try {
      const result = await this.inFrame(frame, fn);
      if (!first) this.control.release.run();
      return result;
    } catch (error) {
      // SQLite may have rolled back already (e.g. after SQLITE_FULL); ROLLBACK then would throw.
      if (this.db.inTransaction) {
        if (first) {
          this.control.rollback.run();
        } else {
          this.control.rollbackTo.run();
          this.control.release.run();
        }
      }
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
