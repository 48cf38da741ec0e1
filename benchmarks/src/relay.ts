// 2. Core relay: relays/s and p50/p99 of `receive` on memory vs SQLite (WAL, default synchronous)
// vs PostgreSQL (a temporary database on the local server), outbox delivered by the dispatcher;
// updates one after another (grammY's polling) and 32 at once (a webhook server, the runner),
// where SQLite commits the transactions that arrive together at once (group commit).
// Goals: SQLite ≥ 0.5× memory; SQLite ≥ 15 000 relays/s with updates arriving together.
import { createBoard, MemoryStorage, type Storage } from '@anonboard/core';
import { openPostgresStorage } from '@anonboard/storage-postgres';
import { benchPolicy, CountingTransport, loadChats, relayLoad, tempSqlite } from './fixtures.js';
import { masked, overSocket, serverUrl, tempPostgres } from './postgres.js';
import { percentile, report, sizes } from './report.js';

const { chats, messages } = sizes({ chats: 500, messages: 30_000 });
// A PostgreSQL relay costs a server's work (a few round trips, a commit): fewer messages
// keep the run short.
const postgresMessages = Math.min(messages, 5_000);

/** Updates handled at once in the second run of each storage. */
const inFlight = 32;

/** Relays/s one update at a time, then with {@link inFlight} at once. */
async function measure(name: string, storage: Storage, count = messages) {
  const senders = await loadChats(storage, chats);
  const board = createBoard({
    policy: benchPolicy,
    storage,
    transport: new CountingTransport(),
    dispatcher: { batchSize: 64 },
  });
  await relayLoad(board, senders, Math.min(2000, Math.ceil(count / 10))); // warm-up
  const run = async (figure: string, options: { inFlight: number }) => {
    // Updates in flight: the dispatcher runs beside them, as in a bot (drains between updates
    // that keep arriving would chase each write with a claim of its own).
    const running = options.inFlight > 1;
    if (running) board.dispatcher?.start();
    const { perSecond, latencies } = await relayLoad(board, senders, count, {
      ...options,
      drainEvery: running ? Number.MAX_SAFE_INTEGER : 64,
    });
    await board.dispatcher?.stop();
    report({ name: figure, value: perSecond, unit: 'relays/s' });
    report({ name: `${figure}.p50`, value: percentile(latencies, 50), unit: 'ms' });
    report({ name: `${figure}.p99`, value: percentile(latencies, 99), unit: 'ms' });
    return perSecond;
  };
  return {
    alone: await run(`relay.${name}`, { inFlight: 1 }),
    together: await run(`relay.${name}.in_flight_${inFlight}`, { inFlight }),
  };
}

const memory = await measure('memory', new MemoryStorage());
const sqlite = tempSqlite();
const onSqlite = await measure('sqlite', sqlite.storage);
await sqlite.dispose();
report({
  name: 'relay.sqlite_vs_memory',
  value: onSqlite.alone / memory.alone,
  unit: 'ratio',
  compares: 'SQLite relays/s ÷ memory relays/s, one update at a time',
  goal: '≥ 0.5',
  met: onSqlite.alone / memory.alone >= 0.5,
});
report({
  name: 'relay.sqlite_goal',
  value: onSqlite.together,
  unit: 'relays/s',
  compares: `SQLite relays/s, ${inFlight} updates at once (group commit)`,
  goal: '≥ 15 000',
  met: onSqlite.together >= 15_000,
});

const postgres = await tempPostgres();
if (postgres === undefined) {
  console.log(
    `[anonboard] [bench] relay.postgres skipped: no PostgreSQL server at ${masked(serverUrl)} (set TEST_DATABASE_URL)`,
  );
} else {
  try {
    // Over the server's Unix socket when it is on this machine (what the storage's README
    // recommends there); ANONBOARD_BENCH_PG_TCP=1 measures loopback TCP instead.
    const connection = overSocket(postgres.url);
    console.log(
      `[anonboard] [bench] relay.postgres over ${connection.socket ? 'the Unix socket' : 'TCP'}`,
    );
    const storage = await openPostgresStorage({ connectionString: connection.url });
    try {
      await measure('postgres', storage, postgresMessages);
    } finally {
      await storage.close();
    }
  } finally {
    await postgres.dispose();
  }
}
