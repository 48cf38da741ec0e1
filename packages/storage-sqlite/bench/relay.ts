// Relay throughput of a board on MemoryStorage and on SqliteStorage (WAL, default synchronous).
// Not a test: prints one JSON line per figure.
//
//   npx -y pnpm@10 exec tsx --conditions=dev-source packages/storage-sqlite/bench/relay.ts \
//     [--chats 200] [--messages 20000] [--drain-every 50] [--synchronous NORMAL]

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type AdDirectory,
  type AdListing,
  createBoard,
  MemoryStorage,
  type Storage,
  type UserId,
} from '@anonboard/core';
import { ManualClock, RecordingTransport, SequentialIds } from '@anonboard/core/testing';
import { openSqliteStorage, type SqliteSynchronous } from '../src/index.js';

const { values } = parseArgs({
  // `pnpm run bench -- --chats 10` passes the `--` through.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    chats: { type: 'string', default: '200' },
    messages: { type: 'string', default: '20000' },
    'drain-every': { type: 'string', default: '50' },
    synchronous: { type: 'string', default: 'NORMAL' },
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

/** Builds `chats` accepted chats, then relays `messages` messages round-robin over them. */
async function run(
  storage: Storage,
  { chats, messages }: { chats: number; messages: number },
): Promise<Result> {
  // Ads resolved from a map: the same cheap directory for both storages.
  const ads = new Map<string, AdListing>();
  const adDirectory: AdDirectory = { find: async (id) => ads.get(id) };
  const board = createBoard({
    storage,
    transport: new RecordingTransport(),
    clock: new ManualClock(),
    ids: new SequentialIds(),
    adDirectory,
    // The clock stands still: one sender's relays all fall in one rate-limit window.
    policy: {
      invitesPerDay: chats + 1,
      rateLimits: { relay: { max: messages, windowMs: 60_000 } },
    },
  });
  const dispatcher = board.dispatcher;
  if (dispatcher === undefined) throw new Error('no dispatcher');
  const senders: UserId[] = [];
  for (let i = 0; i < chats; i++) {
    const author = await board.identify({ platformId: `a${i}` });
    const reader = await board.identify({ platformId: `r${i}` });
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
  await dispatcher.drain();

  const latencies = new Float64Array(messages);
  const started = performance.now();
  for (let m = 0; m < messages; m++) {
    const user = senders[m % chats] as UserId;
    const t = performance.now();
    await board.receive({ user, messageIds: [m + 1], key: `update:${m}` });
    latencies[m] = performance.now() - t;
    if ((m + 1) % drainEvery === 0) await dispatcher.drain();
  }
  await dispatcher.drain();
  const seconds = (performance.now() - started) / 1000;
  latencies.sort();
  const at = (q: number) => latencies[Math.min(messages - 1, Math.floor(q * messages))] ?? 0;
  return { relaysPerSecond: messages / seconds, p50: at(0.5), p99: at(0.99) };
}

/** Median time of claim(32) with 100k entries pending over 10k lanes (each claim then completed). */
async function claimLatency(storage: Storage): Promise<number> {
  try {
    const effect = { type: 'notify', to: 'u' as UserId, text: 'relay.noChat' } as const;
    await storage.transaction((tx) =>
      tx.outbox.add(
        Array.from({ length: 100_000 }, (_, n) => ({ lane: `user:${n % 10_000}`, effect })),
        0,
      ),
    );
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

const dir = mkdtempSync(join(tmpdir(), 'anonboard-bench-'));
let files = 0;
const sqlite = () =>
  openSqliteStorage({
    path: join(dir, `bench-${++files}.sqlite`),
    synchronous: values.synchronous as SqliteSynchronous,
  });
/** One run of `storage` at `size`, closing it after. */
async function measure(storage: Storage, size: typeof sizes): Promise<Result> {
  try {
    return await run(storage, size);
  } finally {
    await storage.close();
  }
}

try {
  // Warm both code paths up (JIT) before measuring.
  const warmup = { chats: 20, messages: 1000 };
  await measure(new MemoryStorage(), warmup);
  await measure(sqlite(), warmup);
  const memory = await measure(new MemoryStorage(), sizes);
  const onSqlite = await measure(sqlite(), sizes);
  for (const [name, r] of [
    ['memory', memory],
    ['sqlite', onSqlite],
  ] as const) {
    print(`relay.${name}`, r.relaysPerSecond, 'relays/s');
    print(`relay.${name}.p50`, r.p50, 'ms');
    print(`relay.${name}.p99`, r.p99, 'ms');
  }
  print('relay.memory_over_sqlite', memory.relaysPerSecond / onSqlite.relaysPerSecond, 'ratio');
  print('outbox.claim.sqlite.p50', await claimLatency(sqlite()), 'ms');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
