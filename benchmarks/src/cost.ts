// 5. Cost vs data: relays/s and p99 of `receive` with 1M chats and 10M history rows stored vs
// 10k chats and 100k rows (ten rows per chat either way), on SQLite and PostgreSQL; senders
// spread over the whole dataset, one update at a time. Goal: both within 1.2×.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBoard, type Storage } from '@anonboard/core';
import { openPostgresStorage } from '@anonboard/storage-postgres';
import { openSqliteStorage, type SqliteDatabaseOptions } from '@anonboard/storage-sqlite';
import { benchPolicy, CountingTransport, loadChats, relayLoad, spreadSenders } from './fixtures.js';
import { masked, onServer, serverUrl, tempPostgres } from './postgres.js';
import { percentile, report, sizes } from './report.js';

const { small, large, perChat, messages, postgresMessages } = sizes({
  small: 10_000,
  large: 1_000_000,
  perChat: 10,
  messages: 5000,
  // A PostgreSQL relay costs a server's work (a few round trips, a commit): fewer messages
  // keep the run short.
  postgresMessages: 2000,
});

/** A storage holding `chats` chats (loadChats' ids) and `perChat` history rows for each. */
interface Dataset {
  readonly storage: Storage;
  dispose(): Promise<void>;
}

/** Relays/s and latencies on `dataset`, one update at a time. */
async function measure(name: string, chats: number, count: number, dataset: Dataset) {
  try {
    const board = createBoard({
      policy: benchPolicy,
      storage: dataset.storage,
      transport: new CountingTransport(),
    });
    const senders = spreadSenders(chats, 2000);
    await relayLoad(board, senders, Math.min(1000, count)); // warm-up
    const { perSecond, latencies } = await relayLoad(board, senders, count);
    const p99 = percentile(latencies, 99);
    report({ name: `cost.${name}.chats_${chats}`, value: perSecond, unit: 'relays/s' });
    report({
      name: `cost.${name}.chats_${chats}.p50`,
      value: percentile(latencies, 50),
      unit: 'ms',
    });
    report({ name: `cost.${name}.chats_${chats}.p99`, value: p99, unit: 'ms' });
    return { perSecond, p99 };
  } finally {
    await dataset.dispose();
  }
}

function compare(name: string, few: { perSecond: number; p99: number }, many: typeof few) {
  const rate = few.perSecond / many.perSecond;
  report({
    name: `cost.${name}.rate_ratio`,
    value: rate,
    unit: 'ratio',
    compares: `${name}: relays/s with ${small} chats ÷ with ${large} chats (${perChat} history rows each)`,
    goal: '≤ 1.2',
    met: rate <= 1.2,
  });
  report({
    name: `cost.${name}.p99_ratio`,
    value: many.p99 / few.p99,
    unit: 'ratio',
    compares: `${name}: relay p99 with ${large} chats ÷ with ${small} chats`,
    goal: '≤ 1.2',
    met: many.p99 / few.p99 <= 1.2,
  });
}

// --- SQLite ---

interface SqliteDb {
  exec(sql: string): unknown;
  prepare(sql: string): { all(...params: unknown[]): unknown[] };
  close(): void;
}
// better-sqlite3 comes with @anonboard/storage-sqlite; the benchmarks do not depend on it.
const SqliteDatabase = createRequire(
  new URL('../../packages/storage-sqlite/package.json', import.meta.url),
)('better-sqlite3') as new (
  path: string,
) => SqliteDb;

/** Chats through the repositories (the fast way on SQLite), history rows by one statement. */
async function sqliteDataset(chats: number): Promise<Dataset> {
  const dir = mkdtempSync(join(tmpdir(), 'anonboard-cost-'));
  const db = new SqliteDatabase(join(dir, 'cost.sqlite'));
  const storage = openSqliteStorage({
    database: db as unknown as SqliteDatabaseOptions['database'],
  });
  await loadChats(storage, chats);
  // The history's indexes are dropped and made again once the rows are in (sorting once is far
  // faster than inserting 10M rows into three indexes in random order): the migrations' own.
  const indexes = db
    .prepare(
      "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'history' AND sql IS NOT NULL",
    )
    .all() as { name: string; sql: string }[];
  db.exec('BEGIN');
  for (const { name } of indexes) db.exec(`DROP INDEX ${name}`);
  db.exec(`WITH RECURSIVE n(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM n WHERE x < ${chats * perChat - 1})
    INSERT INTO history (chat_id, from_id, to_id, message_ids, summary, at)
    SELECT 'c' || (x % ${chats}), 'a' || (x % ${chats}), 'r' || (x % ${chats}), '[1]', 'hello', x
    FROM n`);
  for (const { sql } of indexes) db.exec(sql);
  db.exec('COMMIT');
  return {
    storage,
    dispose: async () => {
      await storage.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// --- PostgreSQL ---

/**
 * The rows loadChats writes (people, ads, accepted invites, active chats) and the history, each
 * table in one INSERT … SELECT over generate_series: a million chats through the repositories
 * would be five million round trips. ANALYZE afterwards, as autovacuum would soon do.
 */
async function postgresDataset(chats: number): Promise<Dataset | undefined> {
  const database = await tempPostgres();
  if (database === undefined) return undefined;
  const storage = await openPostgresStorage({ connectionString: database.url });
  const last = chats - 1;
  await onServer(async (client) => {
    await client.query('SET search_path TO anonboard');
    await client.query(`INSERT INTO users (id, platform_id, locale, reachable, created_at)
      SELECT side || n, CASE side WHEN 'a' THEN '10' ELSE '20' END || n, 'ru', true, 0
      FROM generate_series(0, ${last}) n, (VALUES ('a'), ('r')) s(side)`);
    await client.query(`INSERT INTO ads (id, author_id, title, text, search, status, created_at)
      SELECT 'ad' || n, 'a' || n, 'Ad ' || n, '', 'ad ' || n || chr(31), 'open', n
      FROM generate_series(0, ${last}) n`);
    await client.query(`INSERT INTO invites (id, ad_id, ad_title, sender_id, recipient_id, content,
        status, decided_at, chat_id, created_at)
      SELECT 'i' || n, 'ad' || n, 'Ad ' || n, 'r' || n, 'a' || n,
        '{"kind":"text","text":"hello"}', 'accepted', n, 'c' || n, n
      FROM generate_series(0, ${last}) n`);
    await client.query(`INSERT INTO chats (id, invite_id, ad_id, label, author_id, reader_id,
        status, opened_at)
      SELECT 'c' || n, 'i' || n, 'ad' || n, 'Ad ' || n, 'a' || n, 'r' || n, 'active', n
      FROM generate_series(0, ${last}) n`);
    await client.query(`INSERT INTO history (chat_id, from_id, to_id, message_ids, summary, at)
      SELECT 'c' || (x % ${chats}), 'a' || (x % ${chats}), 'r' || (x % ${chats}), '[1]', 'hello', x
      FROM generate_series(0, ${chats * perChat - 1}) x`);
    await client.query('ANALYZE');
  }, database.url);
  return {
    storage,
    dispose: async () => {
      await storage.close();
      await database.dispose();
    },
  };
}

compare(
  'sqlite',
  await measure('sqlite', small, messages, await sqliteDataset(small)),
  await measure('sqlite', large, messages, await sqliteDataset(large)),
);

const fewOnPostgres = await postgresDataset(small);
if (fewOnPostgres === undefined) {
  console.log(
    `[anonboard] [bench] cost.postgres skipped: no PostgreSQL server at ${masked(serverUrl)} (set TEST_DATABASE_URL)`,
  );
} else {
  const few = await measure('postgres', small, postgresMessages, fewOnPostgres);
  const manyOnPostgres = await postgresDataset(large);
  if (manyOnPostgres !== undefined) {
    compare('postgres', few, await measure('postgres', large, postgresMessages, manyOnPostgres));
  }
}
