import { randomBytes } from 'node:crypto';
import type { Logger } from '@anonboard/core';
import type { ClientBase, Notification, Pool } from 'pg';
import { messageOf } from './errors.js';
import { quoteIdentifier } from './options.js';
import { fnv1a } from './repositories/statement.js';

/** Tuning of {@link OutboxSignal}; the defaults suit production, tests shorten them. */
export interface OutboxSignalTiming {
  /** At most one NOTIFY per this many ms from one storage; later commits share the next one. */
  readonly notifyGapMs: number;
  /** First pause before connecting the listener again after a drop; it doubles per failure. */
  readonly reconnectMs: number;
  /** Longest pause between attempts to connect the listener again. */
  readonly maxReconnectMs: number;
}

const defaultTiming: OutboxSignalTiming = {
  notifyGapMs: 10,
  reconnectMs: 250,
  maxReconnectMs: 10_000,
};

interface Watcher {
  readonly wake: () => void;
  readonly logger: Logger | undefined;
}

/** A client as a `Pool` makes them: its `Client` class on its own options. */
type ClientClass = new (
  options: unknown,
) => ClientBase & {
  end(): Promise<void>;
  on(event: 'notification', listener: (message: Notification) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
};

/**
 * Wake-ups between instances sharing one database, through `LISTEN`/`NOTIFY` on a channel of the
 * storage's schema. After a transaction that added outbox entries commits, the storage sends a
 * `NOTIFY` (one per `notifyGapMs` at most: commits meanwhile share the next, which is always sent
 * after them). A storage whose dispatcher watches keeps one connection of its own outside the
 * pool listening, and wakes its watchers on every notification of another storage (its own
 * writes already wake its own dispatcher). The listener reconnects after a drop, saying so
 * through the watchers' loggers, and wakes them once it is back (entries may have been written
 * meanwhile).
 *
 * The `NOTIFY` is its own small transaction after the commit, not part of the writer's: the
 * server serialises the commits of every transaction that notifies (an exclusive lock on the
 * notification queue, held until the commit is flushed), which would make concurrent relays wait
 * for each other's fsync. It commits with `synchronous_commit` off: it writes nothing worth a
 * flush.
 */
export class OutboxSignal {
  /** The channel, a quoted identifier of at most 63 bytes. */
  readonly channel: string;
  /** Identifies this storage's notifications, so its own listener ignores them. */
  private readonly id = randomBytes(9).toString('base64url');
  private readonly timing: OutboxSignalTiming;
  private readonly watchers = new Set<Watcher>();
  private readonly notifyText: string;
  private lastNotifyAt = Number.NEGATIVE_INFINITY;
  private notifyTimer: NodeJS.Timeout | undefined;
  private notifying: Promise<unknown> = Promise.resolve();
  private listener: InstanceType<ClientClass> | undefined;
  private listening: Promise<void> | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private closed = false;

  constructor(
    private readonly pool: Pool,
    schema: string,
    timing: Partial<OutboxSignalTiming> = {},
  ) {
    const name = `anonboard_outbox.${schema}`;
    this.channel = name.length <= 63 ? name : `anonboard_outbox.${fnv1a(schema)}`;
    this.timing = { ...defaultTiming, ...timing };
    const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;
    this.notifyText = [
      'BEGIN',
      'SET LOCAL synchronous_commit TO off',
      `SELECT pg_notify(${literal(this.channel)}, ${literal(this.id)})`,
      'COMMIT',
    ].join('; ');
  }

  /** A transaction that added outbox entries committed: other instances are told soon. */
  committed(): void {
    if (this.closed || this.notifyTimer !== undefined) return;
    const wait = this.lastNotifyAt + this.timing.notifyGapMs - performance.now();
    this.notifyTimer = setTimeout(() => this.notify(), Math.max(0, wait));
  }

  /** Calls `wake` on every notification of another storage until the returned function is called. */
  watch(wake: () => void, logger: Logger | undefined): () => void {
    const watcher: Watcher = { wake, logger };
    this.watchers.add(watcher);
    if (this.watchers.size === 1 && !this.closed) this.listen();
    return () => {
      if (!this.watchers.delete(watcher) || this.watchers.size > 0) return;
      this.stopListening();
    };
  }

  /** Stops listening and waits for a notification being sent. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.notifyTimer);
    this.notifyTimer = undefined;
    this.watchers.clear();
    this.stopListening();
    await this.notifying;
    await this.listening;
  }

  // --- Internal helpers ---

  private notify(): void {
    this.notifyTimer = undefined;
    this.lastNotifyAt = performance.now();
    // Best effort: when it fails the other instances find the entries at their next poll.
    const sent = this.pool.query(this.notifyText).catch(() => undefined);
    this.notifying = Promise.all([this.notifying, sent]);
  }

  private listen(): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const Client = (this.pool as unknown as { Client: ClientClass }).Client;
    const client = new Client({ ...this.pool.options, keepAlive: true });
    this.listener = client;
    let dropped = false;
    const drop = (error: unknown) => {
      if (dropped) return;
      dropped = true;
      if (this.listener !== client) return; // stopped on purpose
      this.listener = undefined;
      void client.end().catch(() => undefined);
      this.retry(error);
    };
    client.on('error', drop);
    client.on('end', () => drop(new Error('the connection ended')));
    client.on('notification', (message) => {
      if (message.channel === this.channel && message.payload !== this.id) this.wakeAll();
    });
    this.listening = (async () => {
      try {
        await client.connect();
        if (this.listener !== client) return; // stopped while connecting
        await client.query(`LISTEN ${quoteIdentifier(this.channel)}`);
      } catch (error) {
        drop(error);
        return;
      }
      if (this.failures > 0 && this.listener === client) {
        this.failures = 0;
        this.log('info', 'outbox wake-ups from other instances are back');
        // Whatever was written while it was away has been waiting for a poll.
        this.wakeAll();
      }
    })();
  }

  private retry(error: unknown): void {
    if (this.closed || this.watchers.size === 0) return;
    const retryInMs = Math.min(
      this.timing.maxReconnectMs,
      this.timing.reconnectMs * 2 ** Math.min(this.failures, 20),
    );
    this.failures++;
    this.log(
      'warn',
      'the connection that hears other instances’ outbox writes failed: reconnecting (the dispatcher polls meanwhile)',
      { error: messageOf(error), attempt: this.failures, retryInMs },
    );
    this.reconnectTimer = setTimeout(() => this.listen(), retryInMs);
  }

  private stopListening(): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const client = this.listener;
    this.listener = undefined;
    this.failures = 0;
    if (client !== undefined) {
      this.listening = Promise.all([this.listening, client.end()]).then(
        () => undefined,
        () => undefined,
      );
    }
  }

  private wakeAll(): void {
    for (const { wake } of [...this.watchers]) {
      try {
        wake();
      } catch {
        // A watcher's failure is its own; the others still hear.
      }
    }
  }

  private log(level: 'info' | 'warn', message: string, fields: Record<string, unknown> = {}) {
    const loggers = new Set<Logger>();
    for (const { logger } of this.watchers) if (logger !== undefined) loggers.add(logger);
    for (const logger of loggers) logger[level](message, { component: 'storage', ...fields });
  }
}
