import {
  createBoard,
  type Effect,
  type LogFields,
  type Logger,
  type UserId,
} from '@anonboard/core';
import { RecordingTransport } from '@anonboard/core/testing';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgresStorage, type PostgresStorage } from '../src/index.js';
import { database, db } from './database.js';

const notice = (to: string): Effect => ({ type: 'notify', to: to as UserId, text: 'relay.noChat' });
const add = (storage: PostgresStorage, lane = 'user:u1') =>
  storage.transaction((tx) => tx.outbox.add([{ lane, effect: notice('u1') }], Date.now()));

/** Log lines, as an operator would see them. */
class RecordingLogger implements Logger {
  readonly lines: { level: string; message: string; fields: LogFields }[] = [];
  debug = (message: string, fields: LogFields = {}) => this.record('debug', message, fields);
  info = (message: string, fields: LogFields = {}) => this.record('info', message, fields);
  warn = (message: string, fields: LogFields = {}) => this.record('warn', message, fields);
  error = (message: string, fields: LogFields = {}) => this.record('error', message, fields);
  private record(level: string, message: string, fields: LogFields) {
    this.lines.push({ level, message, fields });
  }
}

const opened: PostgresStorage[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

/** Storages on one schema, as instances of one bot with pools of their own. */
async function instances(n: number): Promise<PostgresStorage[]> {
  const schema = database().schema();
  const storages = await Promise.all(
    Array.from({ length: n }, () =>
      openPostgresStorage({ connectionString: database().url, schema, max: 3 }),
    ),
  );
  opened.push(...storages);
  return storages;
}

/** Backend ids of the connections listening on this file's database. */
async function listeners(): Promise<number[]> {
  const client = new pg.Client({ connectionString: database().url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
       WHERE datname = current_database() AND query LIKE 'LISTEN %' AND state = 'idle'`,
    );
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

/** Waits until `n` connections listen (a write before that may go unheard). */
async function listening(n: number): Promise<number[]> {
  let pids: number[] = [];
  await expect
    .poll(
      async () => {
        pids = await listeners();
        return pids.length;
      },
      { timeout: 10_000 },
    )
    .toBe(n);
  return pids;
}

describe.skipIf(db === undefined)('wake-ups between instances (LISTEN/NOTIFY)', () => {
  it('a watcher hears the other instance’s committed outbox writes, not its own nor rolled-back ones', async () => {
    const [a, b] = (await instances(2)) as [PostgresStorage, PostgresStorage];
    let woken = 0;
    const unwatch = a.watchOutbox(() => woken++);
    await listening(1);
    await add(b);
    await expect.poll(() => woken, { timeout: 10_000 }).toBe(1);

    // Its own writes wake its own dispatcher already; a rolled-back write wakes nobody.
    await add(a);
    await expect(
      b.transaction(async (tx) => {
        await tx.outbox.add([{ lane: 'user:u2', effect: notice('u2') }], Date.now());
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    // A write after those is heard: had either of them woken it, the count would be past 2.
    await add(b, 'user:u3');
    await expect.poll(() => woken, { timeout: 10_000 }).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(woken).toBe(2);

    unwatch();
    await listening(0);
  });

  it('a dispatcher that waits for its hourly poll delivers what another instance wrote', async () => {
    const [a, b] = (await instances(2)) as [PostgresStorage, PostgresStorage];
    const transport = new RecordingTransport();
    const hourly = { dispatcher: { pollIntervalMs: 3_600_000 } };
    const one = createBoard({ storage: a, transport, ...hourly });
    const two = createBoard({ storage: b, transport: new RecordingTransport(), ...hourly });
    one.dispatcher?.start();
    await listening(1);
    const bob = await two.identify({ platformId: '1001' });
    await two.receive({ user: bob.id, messageIds: [1] }); // "you have no chats": one notice
    await expect.poll(() => transport.sent.length, { timeout: 10_000 }).toBe(1);
    await one.dispatcher?.stop();
    await listening(0);
  });

  it('after its connection drops it says so, reconnects, and hears again', async () => {
    const [a, b] = (await instances(2)) as [PostgresStorage, PostgresStorage];
    const logger = new RecordingLogger();
    let woken = 0;
    a.watchOutbox(() => woken++, { logger });
    const [pid] = await listening(1);
    const admin = new pg.Client({ connectionString: database().url });
    await admin.connect();
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    await admin.end();

    await expect
      .poll(() => logger.lines.find((l) => l.level === 'info'), { timeout: 15_000 })
      .toMatchObject({ message: 'outbox wake-ups from other instances are back' });
    expect(logger.lines[0]).toMatchObject({
      level: 'warn',
      message: expect.stringContaining('reconnecting'),
      fields: { component: 'storage', attempt: 1 },
    });
    // Back, it wakes its watcher once: entries written meanwhile waited for no poll.
    expect(woken).toBe(1);
    const [again] = await listening(1);
    expect(again).not.toBe(pid);
    await add(b);
    await expect.poll(() => woken, { timeout: 10_000 }).toBe(2);
  });

  it('close ends the listening connection', async () => {
    const [a] = (await instances(1)) as [PostgresStorage];
    a.watchOutbox(() => undefined);
    await listening(1);
    await a.close();
    expect(await listeners()).toEqual([]);
  });
});
