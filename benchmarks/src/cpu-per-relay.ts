// 6. CPU per relay: the full example bot (examples/anon-board-bot: grammY, the plugin, SQLite, the
// paced outbox, long polling over HTTP) against a bare grammY bot that only copies each message
// with `copyMessage`. Each runs unchanged in a process of its own against an emulator of its own;
// one trickle process feeds both the same messages at the same moments, under Telegram's 30/s so
// pacing never queues. CPU is each process's user + system time over the load, read from /proc.
// Goals (issue 21): CPU per relay ≤ 1.25× the bare bot's; relay latency p50 within 3 ms of it.
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqliteStorage } from '@anonboard/storage-sqlite';
import { processCpuMs } from './cpu/process-cpu.js';
import { loadChats } from './fixtures.js';
import { percentile, report, sizes } from './report.js';

const { chats, messages, rate, warmup } = sizes({
  chats: 40,
  messages: 2000,
  rate: 28,
  warmup: 100,
});

/** Sends one command to a child process and waits for its answer. */
function ask<T>(child: ChildProcess, command: object): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (answer) => resolve(answer as T));
    child.send(command);
  });
}

// ANONBOARD_BENCH_PROFILE=<folder> writes each bot's CPU profile there (open it in Chrome's
// DevTools or speedscope) to see what stands between the two.
const profileDir = process.env.ANONBOARD_BENCH_PROFILE;
const profile = profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`];

/** Runs a bot's TypeScript entry with Node itself (so the pid is the bot's), until `ready` prints. */
async function startBot(entry: string, cwd: string, env: Record<string, string>, ready: RegExp) {
  const args = ['--conditions=dev-source', '--import', 'tsx', ...profile, entry];
  const child = spawn(process.execPath, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (ready.test(out)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`[anonboard] [bench] ${entry} exited ${code}`)));
  });
  return child;
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'anonboard-cpu-'));
const databasePath = join(dir, 'board.sqlite');
const storage = openSqliteStorage({ path: databasePath });
await loadChats(storage, chats);
await storage.close();

// loadChats gives author `10<n>` and reader `20<n>` platform ids; senders alternate sides.
const userIds = Array.from({ length: chats }, (_, n) => [
  Number(`10${n}`),
  Number(`20${n}`),
]).flat();
const senderIds = Array.from({ length: chats }, (_, n) =>
  Number(n % 2 === 0 ? `20${n}` : `10${n}`),
);

const telegram = fork(fileURLToPath(new URL('./cpu/trickle-process.ts', import.meta.url)), [], {
  execArgv: ['--conditions=dev-source', '--import', 'tsx'],
});
await new Promise((resolve) => telegram.once('message', resolve));
const { bots } = await ask<{ bots: { apiRoot: string; token: string }[] }>(telegram, {
  type: 'setup',
  bots: 2,
  userIds,
  senderIds,
});
const [oursApi, bareApi] = bots as [(typeof bots)[0], (typeof bots)[0]];

const ours = await startBot(
  'src/main.ts',
  join(root, 'examples/anon-board-bot'),
  {
    BOT_TOKEN: oursApi.token,
    TELEGRAM_API_ROOT: oursApi.apiRoot,
    DATABASE_PATH: databasePath,
  },
  /is running/,
);
const bare = await startBot(
  'src/cpu/bare-bot.ts',
  join(root, 'benchmarks'),
  { BOT_TOKEN: bareApi.token, TELEGRAM_API_ROOT: bareApi.apiRoot },
  /ready/,
);

type Trickled = {
  results: {
    relayed: number;
    latencies: number[];
    seconds: number;
    calls: Record<string, number>;
  }[];
};
// Warm both up (JIT, caches, SQLite pages), then measure.
await ask<Trickled>(telegram, { type: 'trickle', messages: warmup, perSecond: rate });
const pids = [ours.pid as number, bare.pid as number];
const before = pids.map(processCpuMs);
const { results } = await ask<Trickled>(telegram, { type: 'trickle', messages, perSecond: rate });
const after = pids.map(processCpuMs);

for (const child of [ours, bare]) child.kill('SIGTERM');
await Promise.all([ours, bare].map((child) => new Promise((r) => child.once('exit', r))));
telegram.send({ type: 'close' });
rmSync(dir, { recursive: true, force: true });

const [ourRun, bareRun] = results as [Trickled['results'][0], Trickled['results'][0]];
const perRelay = (i: 0 | 1, run: typeof ourRun) =>
  ((after[i] as number) - (before[i] as number)) / run.relayed;
const ourCpu = perRelay(0, ourRun);
const bareCpu = perRelay(1, bareRun);
const p = (run: typeof ourRun, q: number) =>
  percentile(
    run.latencies.sort((a, b) => a - b),
    q,
  );

// Bot API calls per relay by method: the two bots should ask Telegram for the same things.
for (const [name, run] of [
  ['anonboard_example', ourRun],
  ['bare_grammy_copy', bareRun],
] as const) {
  for (const [method, count] of Object.entries(run.calls)) {
    report({ name: `calls.${name}.${method}`, value: count / run.relayed, unit: 'per relay' });
  }
}
report({ name: 'cpu.anonboard_example', value: ourCpu, unit: 'ms CPU/relay' });
report({ name: 'cpu.bare_grammy_copy', value: bareCpu, unit: 'ms CPU/relay' });
report({
  name: 'cpu.ratio',
  value: ourCpu / bareCpu,
  unit: 'ratio',
  compares: `CPU per relay: example bot ÷ bare grammY copyMessage bot (${messages} messages at ${rate}/s, ${chats} chats)`,
  goal: '≤ 1.25',
  met: ourCpu / bareCpu <= 1.25,
});
report({ name: 'latency.anonboard_example_p50', value: p(ourRun, 50), unit: 'ms' });
report({ name: 'latency.anonboard_example_p99', value: p(ourRun, 99), unit: 'ms' });
report({ name: 'latency.bare_grammy_copy_p50', value: p(bareRun, 50), unit: 'ms' });
report({ name: 'latency.bare_grammy_copy_p99', value: p(bareRun, 99), unit: 'ms' });
report({
  name: 'latency.p50_difference',
  value: p(ourRun, 50) - p(bareRun, 50),
  unit: 'ms',
  compares: 'relay latency p50 at the trickle: example bot − bare grammY copy bot',
  goal: '≤ 3',
  met: p(ourRun, 50) - p(bareRun, 50) <= 3,
});
