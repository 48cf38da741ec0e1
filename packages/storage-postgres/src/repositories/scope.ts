import type { QueryResultRow } from 'pg';
import { PostgresStorageError } from '../errors.js';
import type { GatheredRead, Gathering, Pipeline } from './pipeline.js';
import type { Sql } from './statement.js';

/**
 * The transaction a set of repositories belongs to: its connection, and whether it is still
 * open. Repositories check it on every call, so one kept past the end of its transaction fails
 * loudly instead of running outside any transaction (or inside someone else's).
 */
export class TxScope {
  private open = true;

  constructor(
    private readonly statements: Pipeline,
    private readonly prepared: boolean,
    /** Shared by the transaction and its savepoints. */
    private readonly marks: { outbox: boolean } = { outbox: false },
    /** The pipeline's gathering of each kind of gathered write (shared like `marks`). */
    private readonly gatherings = new Map<object, object>(),
  ) {}

  get isOpen(): boolean {
    return this.open;
  }

  /** Whether the transaction (or a savepoint of it) added outbox entries. */
  get addedToOutbox(): boolean {
    return this.marks.outbox;
  }

  /** Outbox entries were added: other instances are told once the transaction commits. */
  markOutbox(): void {
    this.marks.outbox = true;
  }

  /** Throws when the transaction has ended. */
  check(): void {
    if (!this.open) {
      throw new PostgresStorageError(
        'transaction_finished',
        'a repository was used after its transaction ended: use `tx` only inside `transaction(fn)`',
      );
    }
  }

  end(): void {
    this.open = false;
  }

  /** A scope on the same connection for a savepoint inside this transaction. */
  child(): TxScope {
    this.check();
    return new TxScope(this.statements, this.prepared, this.marks, this.gatherings);
  }

  /** Runs `sql` and returns its rows. */
  async rows<R extends QueryResultRow>(sql: Sql, values: readonly unknown[] = []): Promise<R[]> {
    this.check();
    const result = await this.statements.query<R>(this.config(sql, values));
    return result.rows;
  }

  /** Runs `sql` and returns its first row, if any. */
  async row<R extends QueryResultRow>(
    sql: Sql,
    values: readonly unknown[] = [],
  ): Promise<R | undefined> {
    return (await this.rows<R>(sql, values))[0];
  }

  /** Runs `sql` and returns how many rows it changed. */
  async run(sql: Sql, values: readonly unknown[] = []): Promise<number> {
    this.check();
    const result = await this.statements.query(this.config(sql, values));
    return result.rowCount ?? 0;
  }

  /**
   * Sends a write whose outcome nobody reads, without waiting for it: it travels with the next
   * statement (see {@link Pipeline}). Only for writes that are not expected to fail, since a
   * failure is reported by whatever is awaited next (the commit at the latest), which then
   * fails the whole transaction.
   */
  later(sql: Sql, values: readonly unknown[] = []): void {
    this.check();
    this.statements.later(this.config(sql, values));
  }

  /**
   * Like {@link later}, for writes sent together with the others of their kind: `kind` makes the
   * statements for all of them once something else is sent (see {@link Pipeline.gather}; only for
   * writes that commute with every other gathered kind). `kind` must be one object per kind.
   */
  gather<T>(kind: GatheredWrite<T>, item: T): void {
    this.check();
    let gathering = this.gatherings.get(kind) as Gathering<T> | undefined;
    if (gathering === undefined) {
      gathering = {
        statements: (items) =>
          kind.statements(items as readonly T[]).map(([sql, values]) => this.config(sql, values)),
      };
      this.gatherings.set(kind, gathering);
    }
    this.statements.gather(gathering, item);
  }

  /**
   * A point read asked with the others of its kind in this turn: one statement for all of them
   * (see {@link Pipeline.gatherRead}; only for reads of what no gathered write changes).
   */
  gatherRead<T, R>(kind: GatheredPointRead<T, R>, item: T): Promise<R> {
    this.check();
    let gathering = this.gatherings.get(kind) as GatheredRead<T, R> | undefined;
    if (gathering === undefined) {
      gathering = {
        statement: (items) => {
          const [sql, values] = kind.statement(items);
          return this.config(sql, values);
        },
        answer: (items, rows) => kind.answer(items, rows),
      };
      this.gatherings.set(kind, gathering);
    }
    return this.statements.gatherRead(gathering, item);
  }

  /** Waits for the writes sent with {@link later}; throws the first failure among them. */
  settle(): Promise<void> {
    this.check();
    return this.statements.settle();
  }

  /** Runs plain SQL text without parameters (savepoints). */
  async exec(text: string): Promise<void> {
    this.check();
    await this.statements.query(text);
  }

  // --- Internal helpers ---

  private config(sql: Sql, values: readonly unknown[]) {
    const params = [...values];
    return this.prepared
      ? { name: sql.name, text: sql.text, values: params }
      : { text: sql.text, values: params };
  }
}

/** A kind of write sent together (see {@link TxScope.gather}): its statements for all of them. */
export interface GatheredWrite<T> {
  statements(items: readonly T[]): readonly (readonly [Sql, readonly unknown[]])[];
}

/** A kind of point read asked together (see {@link TxScope.gatherRead}). */
export interface GatheredPointRead<T, R> {
  /** The statement answering all of `items`. */
  statement(items: readonly T[]): readonly [Sql, readonly unknown[]];
  /** Each item's answer from the statement's rows, in the order of `items`. */
  answer(items: readonly T[], rows: readonly QueryResultRow[]): readonly R[];
}

/**
 * Rows asked by id in the same turn (a dispatcher's batch: each delivery's people, each copy's
 * chat), read by `getAll` (`id = ANY($1)`) at once; one alone by `get`.
 */
export function byIdRead<Row extends { readonly id: string }>(
  get: Sql,
  getAll: Sql,
): GatheredPointRead<string, Row | undefined> {
  return {
    statement: (ids) => (ids.length === 1 ? [get, ids] : [getAll, [[...new Set(ids)]]]),
    answer: (ids, rows) => {
      const found = new Map((rows as readonly Row[]).map((row) => [row.id, row]));
      return ids.map((id) => found.get(id));
    },
  };
}
