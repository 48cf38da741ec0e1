// 5. Cost vs data: relays/s and p99 of `receive` with 1M chats and 10M history rows stored vs
// 10k chats and 100k rows (ten rows per chat either way), on SQLite and PostgreSQL; senders
// spread over the whole dataset, one update at a time. Goal: both within 1.2×.
//
// Both datasets of a storage are built first, then measured in `passes` rounds, each a pass on
// either (10k then 1M, then 1M then 10k, …) so that whatever else the machine does falls on both
// alike. Each dataset's figure is the median of its passes; each ratio the median of the rounds'
// ratios (two passes seconds apart see the same machine, while the load drifts over minutes). One
// pass's p99 rests on ~1% of its relays, and a burst of other work during one pass moves it far:
// the median of several does not follow one such pass.
// On SQLite, where all of a relay's work is this process's, each pass also counts the process's
// CPU time per relay (what other processes' load hardly moves), its read calls per relay (each a
// page SQLite's page cache did not hold, read again from the OS's file cache) and what it read
// from the disk (pages the OS's cache had dropped: each such relay waits for the disk).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBoard, type Storage } from '@anonboard/core';
import { openPostgresStorage } from '@anonboard/storage-postgres';
import { openSqliteStorage, type SqliteDatabaseOptions } from '@anonboard/storage-sqlite';
import { benchPolicy, CountingTransport, loadChats, relayLoad, spreadSenders } from './fixtures.js';
import { masked, onServer, serverUrl, tempPostgres } from './postgres.js';
import { percentile, report, sizes } from './report.js';

const { small, large, perChat, passes, messages, postgresMessages } = sizes({
  small: 10_000,
  large: 1_000_000,
  perChat: 10,
  passes: 9,
  // Per pass.
  messages: 2000,
  // A PostgreSQL relay costs a server's work (a few round trips, a commit): fewer messages
  // keep the run short.
  postgresMessages: 1000,
});

/** A storage holding `chats` chats (loadChats' ids) and `perChat` history rows for each. */
interface Dataset {
  readonly storage: Storage;
  dispose(): Promise<void>;
}

/** What one dataset measured: each pass's relays/s, p50 and p99, CPU µs and read calls per relay. */
interface Passes {
  readonly chats: number;
  readonly perSecond: number[];
  readonly p50: number[];
  readonly p99: number[];
  readonly cpu: number[];
  readonly reads: number[];
  /** KiB read from the disk per 1000 relays. */
  readonly disk: number[];
}

/**
 * Relays/s and latencies on `few` and `many`, one update at a time: a warm-up on each, then
 * `passes` passes of `count` relays each, in turns (ABBA, so neither always goes first); each
 * pass's message ids are new. Reports the medians (with CPU and reads when `inProcess`: the
 * storage's work is all this process's) and disposes both datasets.
 */
async function measure(
  name: string,
  count: number,
  few: Dataset,
  many: Dataset,
  { inProcess }: { inProcess: boolean },
) {
  try {
    const sides = [
      { chats: small, dataset: few },
      { chats: large, dataset: many },
    ].map(({ chats, dataset }) => ({
      board: createBoard({
        policy: benchPolicy,
        storage: dataset.storage,
        transport: new CountingTransport(),
      }),
      senders: spreadSenders(chats, 2000),
      nextMessageId: 1,
      passes: { chats, perSecond: [], p50: [], p99: [], cpu: [], reads: [], disk: [] } as Passes,
    }));
    const run = async (side: (typeof sides)[number], relays: number) => {
      globalThis.gc?.(); // a collection owed by the previous pass is not charged to this one
      const reads = readCalls();
      const disk = diskReads();
      const cpu = process.cpuUsage();
      const result = await relayLoad(side.board, side.senders, relays, {
        firstMessageId: side.nextMessageId,
      });
      const { user, system } = process.cpuUsage(cpu);
      side.nextMessageId += relays;
      return {
        ...result,
        cpu: (user + system) / relays,
        reads: reads === undefined ? undefined : ((readCalls() ?? reads) - reads) / relays,
        disk: disk === undefined ? undefined : (diskReads() ?? disk) - disk,
      };
    };
    // Warm-up: every sender once, so that the passes find the senders' pages in the OS's file
    // cache. Pages left untouched for a while may have been dropped from it (by memory pressure,
    // or a VM's proactive reclaim as on the 2-core machine, which pages out memory idle for a
    // minute): a relay that touches one first waits for the disk (~250 disk reads in a 2,000-relay
    // pass at 1M where half the senders were new). Such reclaim also drops hot pages that share a
    // region with cold ones, so some remain: the `disk` figure counts them.
    for (const side of sides) await run(side, side.senders.length);
    for (let pass = 0; pass < passes; pass++) {
      for (const side of pass % 2 === 0 ? sides : [...sides].reverse()) {
        const { perSecond, latencies, cpu, reads, disk } = await run(side, count);
        side.passes.perSecond.push(perSecond);
        side.passes.p50.push(percentile(latencies, 50));
        side.passes.p99.push(percentile(latencies, 99));
        side.passes.cpu.push(cpu);
        if (reads !== undefined) side.passes.reads.push(reads);
        if (disk !== undefined) side.passes.disk.push((disk * 1000) / count);
        console.error(
          `[anonboard] [bench] cost.${name} pass ${pass + 1}/${passes}, ${side.passes.chats} chats: ${perSecond.toFixed(0)} relays/s, p99 ${percentile(latencies, 99).toFixed(3)} ms, ${cpu.toFixed(0)} µs CPU and ${reads?.toFixed(1) ?? '?'} read calls per relay, ${disk?.toFixed(0) ?? '?'} KiB read from the disk`,
        );
      }
    }
    const [fewPasses, manyPasses] = sides.map((side) => side.passes) as [Passes, Passes];
    reported(name, fewPasses, inProcess);
    reported(name, manyPasses, inProcess);
    const how = `median over ${passes} rounds of one interleaved pass of ${count} relays on each`;
    const rate = rounds(fewPasses.perSecond, manyPasses.perSecond, (few, many) => few / many);
    report({
      name: `cost.${name}.rate_ratio`,
      value: rate,
      unit: 'ratio',
      compares: `${name}: relays/s with ${small} chats ÷ with ${large} chats (${perChat} history rows each; ${how})`,
      goal: '≤ 1.2',
      met: rate <= 1.2,
    });
    const p99 = rounds(fewPasses.p99, manyPasses.p99, (few, many) => many / few);
    report({
      name: `cost.${name}.p99_ratio`,
      value: p99,
      unit: 'ratio',
      compares: `${name}: relay p99 with ${large} chats ÷ with ${small} chats (${how})`,
      goal: '≤ 1.2',
      met: p99 <= 1.2,
    });
    if (inProcess) {
      report({
        name: `cost.${name}.cpu_ratio`,
        value: rounds(fewPasses.cpu, manyPasses.cpu, (few, many) => many / few),
        unit: 'ratio',
        compares: `${name}: this process's CPU per relay with ${large} chats ÷ with ${small} chats (${how}; about the relays/s ratio of an otherwise idle machine)`,
      });
    }
  } finally {
    await few.dispose();
    await many.dispose();
  }
}

/** The medians of one dataset's passes, reported. */
function reported(
  name: string,
  { chats, perSecond, p50, p99, cpu, reads, disk }: Passes,
  inProcess: boolean,
) {
  report({ name: `cost.${name}.chats_${chats}`, value: median(perSecond), unit: 'relays/s' });
  report({ name: `cost.${name}.chats_${chats}.p50`, value: median(p50), unit: 'ms' });
  report({ name: `cost.${name}.chats_${chats}.p99`, value: median(p99), unit: 'ms' });
  if (inProcess) {
    report({ name: `cost.${name}.chats_${chats}.cpu`, value: median(cpu), unit: 'µs/relay' });
    if (reads.length > 0) {
      report({
        name: `cost.${name}.chats_${chats}.reads`,
        value: median(reads),
        unit: 'read calls/relay',
      });
    }
    if (disk.length > 0) {
      report({
        name: `cost.${name}.chats_${chats}.disk`,
        value: median(disk),
        unit: 'KiB read from the disk/1000 relays',
      });
    }
  }
}

/** The median over rounds of `ratio(few, many)`, each round's two passes side by side. */
function rounds(
  few: readonly number[],
  many: readonly number[],
  ratio: (few: number, many: number) => number,
): number {
  return median(few.map((value, round) => ratio(value, many[round] ?? Number.NaN)));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Read system calls of this process so far (Linux's /proc/self/io), or undefined elsewhere. */
function readCalls(): number | undefined {
  return processIo('syscr');
}

/** KiB this process has had read from the disk so far (not from the OS's file cache). */
function diskReads(): number | undefined {
  const bytes = processIo('read_bytes');
  return bytes === undefined ? undefined : bytes / 1024;
}

function processIo(field: 'syscr' | 'read_bytes'): number | undefined {
  try {
    const match = new RegExp(`^${field}: (\\d+)$`, 'm').exec(
      readFileSync('/proc/self/io', 'latin1'),
    );
    return match === null ? undefined : Number(match[1]);
  } catch {
    return undefined;
  }
}

/** Runs `build`, logging how long it took (the datasets are most of the benchmark's time). */
async function timed<T>(what: string, build: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await build();
  console.error(
    `[anonboard] [bench] ${what} built in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return result;
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
 * would be five million round trips. The history's indexes are dropped and made again around its
 * rows, as on SQLite. ANALYZE afterwards, as autovacuum would soon do.
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
    const { rows: indexes } = (await client.query(`SELECT indexname, indexdef FROM pg_indexes
      WHERE schemaname = 'anonboard' AND tablename = 'history' AND indexname NOT IN
        (SELECT conname FROM pg_constraint WHERE conrelid = 'history'::regclass)`)) as {
      rows: { indexname: string; indexdef: string }[];
    };
    for (const { indexname } of indexes) await client.query(`DROP INDEX ${indexname}`);
    await client.query(`INSERT INTO history (chat_id, from_id, to_id, message_ids, summary, at)
      SELECT 'c' || (x % ${chats}), 'a' || (x % ${chats}), 'r' || (x % ${chats}), '[1]', 'hello', x
      FROM generate_series(0, ${chats * perChat - 1}) x`);
    await client.query("SET maintenance_work_mem = '256MB'");
    for (const { indexdef } of indexes) await client.query(indexdef);
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

await measure(
  'sqlite',
  messages,
  await timed(`cost.sqlite ${small} chats`, () => sqliteDataset(small)),
  await timed(`cost.sqlite ${large} chats`, () => sqliteDataset(large)),
  { inProcess: true },
);

const fewOnPostgres = await timed(`cost.postgres ${small} chats`, () => postgresDataset(small));
if (fewOnPostgres === undefined) {
  console.log(
    `[anonboard] [bench] cost.postgres skipped: no PostgreSQL server at ${masked(serverUrl)} (set TEST_DATABASE_URL)`,
  );
} else {
  const manyOnPostgres = await timed(`cost.postgres ${large} chats`, () => postgresDataset(large));
  if (manyOnPostgres === undefined) await fewOnPostgres.dispose();
  else {
    await measure('postgres', postgresMessages, fewOnPostgres, manyOnPostgres, {
      inProcess: false,
    });
  }
}
