import type { ClientBase, QueryConfig, QueryResult, QueryResultRow } from 'pg';

/**
 * The statements of one transaction on its connection, in the order they were sent. On a
 * connection in node-postgres' pipeline mode (`pipeline: true`, as the storage makes its pool)
 * a statement goes out at once, before the answers to those ahead of it: a write whose answer
 * nothing needs ({@link later}) costs no round trip of its own, but travels with the next
 * statement that is awaited, or with the `COMMIT`. On another connection (a host's pool made
 * without it) the statements are sent one after another, as node-postgres requires there.
 *
 * A failed statement aborts the transaction, so every statement after it fails too (`current
 * transaction is aborted`) and a `COMMIT` after it rolls back: whoever awaits one of them gets
 * the first failure instead, which names the cause (and carries the SQLSTATE the retry reads).
 */
export class Pipeline {
  /** Statements sent whose answers nobody has awaited yet. */
  private pending: Promise<unknown>[] = [];
  /** The first failure among them. */
  private failure: { readonly error: unknown } | undefined;
  /** Without pipeline mode: the last statement sent, the next one waits for it. */
  private tail: Promise<unknown> = Promise.resolve();
  private readonly pipelined: boolean;
  /** The connection's socket while it holds back writes (see {@link holdWrites}). */
  private held: { uncork(): void } | undefined;
  /**
   * Statements gathered by kind (see {@link gather} and {@link gatherRead}), in the order each
   * kind was first gathered: what was gathered, and how to send it.
   */
  private gathered = new Map<object, { items: unknown[]; send(items: unknown[]): void }>();
  /** Whether gathered reads are to be sent at the end of this turn of the event loop. */
  private turnEnd = false;

  constructor(private readonly client: ClientBase) {
    this.pipelined = (client as { pipeline?: boolean }).pipeline === true;
  }

  /** Sends a statement whose answer nobody needs; its failure fails what is awaited next. */
  later(config: QueryConfig | string): void {
    const sent = this.send(config).catch((error: unknown) => {
      this.failure ??= { error };
    });
    this.pending.push(sent);
  }

  /**
   * Holds a write whose answer nobody needs until something else is sent (a statement, a
   * savepoint's end, the `COMMIT`, a {@link settle}): then the writes gathered of each kind leave
   * as that kind's statements (one for all of them, instead of one each), kinds in the order they
   * were first gathered, ahead of what is sent. Writes of different kinds may so change places
   * among themselves: gather only writes that commute with every other gathered kind (none reads
   * what another writes), like a batch's outcomes and its message links.
   */
  gather<T>(kind: Gathering<T>, item: T): void {
    this.hold(kind, item, (items) => {
      for (const config of kind.statements(items as T[])) this.later(config);
    });
  }

  /**
   * Asks a point read gathered with the others of its kind asked in the same turn of the event
   * loop: they leave as one statement (one for all of them) once the turn ends, or before
   * anything else is sent, whichever comes first, and each gets its own answer. Only for reads
   * that commute with every gathered kind of write (none reads what those write): a read and a
   * statement sent otherwise keep the order in which they were asked.
   */
  gatherRead<T, R>(kind: GatheredRead<T, R>, item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.hold(kind, { item, resolve, reject }, (asked) => {
        const reads = asked as { item: T; resolve(value: R): void; reject(error: unknown): void }[];
        const items = reads.map((r) => r.item);
        this.query(kind.statement(items)).then(
          (result) => {
            const answers = kind.answer(items, result.rows);
            for (const [n, r] of reads.entries()) r.resolve(answers[n] as R);
          },
          (error: unknown) => {
            for (const r of reads) r.reject(error);
          },
        );
      });
      if (!this.turnEnd) {
        this.turnEnd = true;
        setImmediate(() => {
          this.turnEnd = false;
          this.sendGathered();
        });
      }
    });
  }

  /** Sends a statement and returns its answer (or the first failure before it). */
  async query<R extends QueryResultRow>(config: QueryConfig | string): Promise<QueryResult<R>> {
    const sent = this.send<R>(config);
    let outcome: { readonly result: QueryResult<R> } | { readonly error: unknown };
    try {
      outcome = { result: await sent };
    } catch (error) {
      outcome = { error };
    }
    // Answered in order: once this statement is, so is everything sent before it.
    await this.settle();
    if ('error' in outcome) throw outcome.error;
    return outcome.result;
  }

  /**
   * Waits for every statement sent so far; throws the first failure among them (once: a
   * savepoint rolled back to may carry on after it).
   */
  async settle(): Promise<void> {
    this.sendGathered();
    const pending = this.pending;
    this.pending = [];
    await Promise.all(pending);
    const failure = this.failure;
    this.failure = undefined;
    if (failure !== undefined) throw failure.error;
  }

  // --- Internal helpers ---

  private send<R extends QueryResultRow>(config: QueryConfig | string): Promise<QueryResult<R>> {
    this.sendGathered();
    if (this.pipelined) {
      this.holdWrites();
      return this.client.query<R>(config as QueryConfig);
    }
    const sent = this.tail.then(() => this.client.query<R>(config as QueryConfig));
    this.tail = sent.catch(() => undefined);
    return sent;
  }

  /** Gathers `item` of `kind`, sent by `send` with the others (see {@link sendGathered}). */
  private hold(kind: object, item: unknown, send: (items: unknown[]) => void): void {
    const held = this.gathered.get(kind);
    if (held === undefined) this.gathered.set(kind, { items: [item], send });
    else held.items.push(item);
  }

  /** Sends what was gathered (see {@link gather}, {@link gatherRead}). */
  private sendGathered(): void {
    if (this.gathered.size === 0) return;
    const gathered = [...this.gathered.values()];
    this.gathered.clear();
    for (const { items, send } of gathered) send(items);
  }

  /**
   * Statements sent in one turn of the event loop leave in one write: node-postgres writes each
   * statement on its own (a system call, and on loopback the server's side of the packet too,
   * which took a quarter of the benchmark's CPU), so the socket is corked until the turn ends.
   * Reaches into node-postgres' connection for its socket; without one it does nothing.
   */
  private holdWrites(): void {
    if (this.held !== undefined) return;
    const stream = (this.client as { connection?: { stream?: Partial<Corkable> } }).connection
      ?.stream;
    if (typeof stream?.cork !== 'function' || typeof stream.uncork !== 'function') return;
    const socket = stream as Corkable;
    socket.cork();
    this.held = socket;
    setImmediate(() => {
      this.held = undefined;
      socket.uncork();
    });
  }
}

interface Corkable {
  cork(): void;
  uncork(): void;
}

/** A kind of write {@link Pipeline.gather} sends together: the statements for all of them. */
export interface Gathering<T> {
  statements(items: readonly T[]): readonly (QueryConfig | string)[];
}

/**
 * A kind of point read {@link Pipeline.gatherRead} sends together: one statement for all of
 * them, and each one's answer from its rows (in the order of `items`).
 */
export interface GatheredRead<T, R> {
  statement(items: readonly T[]): QueryConfig | string;
  answer(items: readonly T[], rows: readonly QueryResultRow[]): readonly R[];
}
