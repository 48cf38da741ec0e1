// Relay throughput of a board on PostgresStorage: one instance, then two instances (two pools,
// two dispatchers) sharing the database. Not a test: prints one JSON line per figure. Makes its
// own database on the server of TEST_DATABASE_URL (or --url) and drops it after; without a
// server it prints a one-line note and exits.
//
//   npx -y pnpm@10 exec tsx --conditions=dev-source packages/storage-postgres/bench/relay.ts \
//     [--url postgres://postgres@127.0.0.1:5432/postgres] [--chats 200] [--messages 5000] \
//     [--drain-every 50]

import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import {
  type AdDirectory,
  type AdListing,
  type Board,
  createBoard,
  type Ids,
  type Storage,
  type UserId,
} from '@anonboard/core';
import { ManualClock, RecordingTransport } from '@anonboard/core/testing';
import pg from 'pg';
import { openPostgresStorage, type PostgresStorage } from '../src/index.js';

const { values } = parseArgs({
  // `pnpm run bench -- --chats 10` passes the `--` through.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    url: {
      type: 'string',
      default: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
    chats: { type: 'string', default: '200' },
    messages: { type: 'string', default: '5000' },
    'drain-every': { type: 'string', default: '50' },
  },
});
const sizes = { chats: Number(values.chats), messages: Number(values.messages) };
const drainEvery = Number(values['drain-every']);
for (const [flag, n] of Object.entries({ ...sizes, 'drain-every': drainEvery })) {
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${flag} must be a whole number >= 1`);
}

interface Result {
  relaysPerSecond: number;
  p50: number;
  p99: number;
}

interface Side {
  board: Board;
  senders: UserId[];
}

/** A board on `storage` whose ads resolve from `ads` (shared by the instances of one run). */
function boardOn(storage: Storage, ads: Map<string, AdListing>, chats: number, tag: string): Board {
  const adDirectory: AdDirectory = { find: async (id) => ads.get(id) };
  // Sequential, and distinct between the instances sharing the database.
  let n = 0;
  const ids: Ids = { next: (kind) => `${tag}${kind}${++n}` };
  return createBoard({
    storage,
    transport: new RecordingTransport(),
    clock: new ManualClock(),
    ids,
    adDirectory,
    // Relays still take their rate limit (its cost is part of each relay), never refused.
    policy: { invitesPerDay: chats + 1, rateLimits: { relay: { max: 1e9, windowMs: 60_000 } } },
  });
}

/** Builds `chats` accepted chats on `board`; returns who sends in each. */
async function seed(board: Board, ads: Map<string, AdListing>, chats: number, tag: string) {
  const senders: UserId[] = [];
  for (let i = 0; i < chats; i++) {
    const author = await board.identify({ platformId: `${tag}a${i}` });
    const reader = await board.identify({ platformId: `${tag}r${i}` });
    const ad = await board.publishAd({ author: author.id, title: `Ad ${i}` });
    ads.set(ad.id, { id: ad.id, authorId: author.id, title: ad.title, status: 'open' });
    const invite = await board.sendInvite({
      sender: reader.id,
      adId: ad.id,
      content: { kind: 'text', text: 'hello' },
    });
    await board.acceptInvite({ user: author.id, inviteId: invite.id });
    senders.push(i % 2 === 0 ? reader.id : author.id);
  }
  await board.dispatcher?.drain();
  return senders;
}

/** Relays `messages` messages round-robin over each side's chats, all sides at once. */
async function relay(sides: Side[], messages: number, tag: string): Promise<Result> {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    sides.map(async ({ board, senders }, s) => {
      const dispatcher = board.dispatcher;
      if (dispatcher === undefined) throw new Error('no dispatcher');
      const share = Math.floor(messages / sides.length);
      for (let m = 0; m < share; m++) {
        const user = senders[m % senders.length] as UserId;
        const t = performance.now();
        await board.receive({ user, messageIds: [m + 1], key: `${tag}:${s}:${m}` });
        latencies.push(performance.now() - t);
        if ((m + 1) % drainEvery === 0) await dispatcher.drain();
      }
      await dispatcher.drain();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { relaysPerSecond: latencies.length / seconds, p50: at(0.5), p99: at(0.99) };
}

/** One run with `instances` storages (pools) on one fresh schema. */
async function measure(
  url: string,
  instances: number,
  size: typeof sizes,
  tag: string,
  synchronousCommit = true,
): Promise<Result> {
  const schema = `bench_${tag}`;
  const storages: PostgresStorage[] = [];
  try {
    for (let n = 0; n < instances; n++) {
      storages.push(
        await openPostgresStorage({ connectionString: url, schema, synchronousCommit }),
      );
    }
    const ads = new Map<string, AdListing>();
    const per = Math.max(1, Math.floor(size.chats / instances));
    const sides: Side[] = [];
    for (const [n, storage] of storages.entries()) {
      const board = boardOn(storage, ads, per, `${tag}${n}-`);
      sides.push({ board, senders: await seed(board, ads, per, `${tag}${n}-`) });
    }
    return await relay(sides, size.messages, tag);
  } finally {
    await Promise.all(storages.map((s) => s.close()));
  }
}

/** Median time of claim(32) with 100k entries pending over 10k lanes (each claim then completed). */
async function claimLatency(url: string): Promise<number> {
  const storage = await openPostgresStorage({ connectionString: url, schema: 'bench_claim' });
  try {
    const effect = { type: 'notify', to: 'u' as UserId, text: 'relay.noChat' } as const;
    for (let chunk = 0; chunk < 10; chunk++) {
      await storage.transaction((tx) =>
        tx.outbox.add(
          Array.from({ length: 10_000 }, (_, n) => ({ lane: `user:${n % 10_000}`, effect })),
          0,
        ),
      );
    }
    const times: number[] = [];
    for (let round = 0; round < 200; round++) {
      const t = performance.now();
      const batch = await storage.transaction((tx) => tx.outbox.claim(round, 32, 60_000));
      times.push(performance.now() - t);
      await storage.transaction(async (tx) => {
        for (const entry of batch) await tx.outbox.complete(entry.id);
      });
    }
    times.sort((a, b) => a - b);
    return times[times.length >> 1] ?? 0;
  } finally {
    await storage.close();
  }
}

function print(name: string, value: number, unit: string): void {
  console.log(JSON.stringify({ name, value: Number(value.toFixed(3)), unit }));
}

/** Runs `fn` with a connection to the maintenance database, or undefined when none answers. */
async function maintenance<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const database = `anonboard_bench_${randomBytes(4).toString('hex')}`;
try {
  await maintenance(values.url, (c) => c.query(`CREATE DATABASE ${database}`));
} catch (error) {
  const reason = error instanceof Error ? error.message : String(error);
  console.log(
    `[anonboard] [postgres] benchmark skipped: no PostgreSQL server at ${values.url} (${reason})`,
  );
  process.exit(0);
}
const target = new URL(values.url);
target.pathname = `/${database}`;
const url = target.toString();
try {
  // Warm the code paths up (JIT, server caches) before measuring.
  await measure(url, 1, { chats: 20, messages: 500 }, 'warmup');
  const one = await measure(url, 1, sizes, 'one');
  const two = await measure(url, 2, sizes, 'two');
  const relaxed = await measure(url, 1, sizes, 'relaxed', false);
  for (const [name, r] of [
    ['relay.postgres', one],
    ['relay.postgres.two_instances', two],
    ['relay.postgres.synchronous_commit_off', relaxed],
  ] as const) {
    print(name, r.relaysPerSecond, 'relays/s');
    print(`${name}.p50`, r.p50, 'ms');
    print(`${name}.p99`, r.p99, 'ms');
  }
  print('outbox.claim.postgres.p50', await claimLatency(url), 'ms');
} finally {
  await maintenance(values.url, (c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
}
