// 4. Memory vs data: RSS of a process that opens a SQLite file holding 10k vs 1M chats and
// relays on a sample of them. One process loads the file, a fresh one measures: V8 keeps the
// loader's high-water mark, which says nothing about serving. Goal: ≤ 1.1×.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBoard } from '@anonboard/core';
import { openSqliteStorage } from '@anonboard/storage-sqlite';
import { benchPolicy, CountingTransport, loadChats, relayLoad, spreadSenders } from './fixtures.js';
import { report, sizes } from './report.js';

const { small, large, sample } = sizes({ small: 10_000, large: 1_000_000, sample: 5000 });
const role = process.argv[process.argv.indexOf('--child') + 1];
const path = process.argv[process.argv.indexOf('--path') + 1] ?? '';

if (role === 'load') {
  const { chats } = sizes({ chats: small });
  const storage = openSqliteStorage({ path });
  await loadChats(storage, chats);
  await storage.close();
} else if (role === 'measure') {
  const { chats } = sizes({ chats: small });
  const storage = openSqliteStorage({ path });
  const board = createBoard({ policy: benchPolicy, storage, transport: new CountingTransport() });
  const senders = spreadSenders(chats, sample);
  await relayLoad(board, senders, sample);
  (globalThis as { gc?: () => void }).gc?.();
  console.log(JSON.stringify({ rss: process.memoryUsage().rss }));
  await storage.close();
} else {
  const dir = mkdtempSync(join(tmpdir(), 'anonboard-memory-'));
  const child = (what: 'load' | 'measure', chats: number, file: string) => {
    const run = spawnSync(
      process.execPath,
      [
        '--expose-gc',
        '--conditions=dev-source',
        '--import',
        'tsx',
        new URL(import.meta.url).pathname,
        '--child',
        what,
        '--path',
        file,
        '--chats',
        String(chats),
        '--sample',
        String(sample),
      ],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    if (run.status !== 0)
      throw new Error(`[anonboard] [bench] memory ${what} failed: ${run.stderr}`);
    return run.stdout;
  };
  const rssFor = (chats: number): number => {
    const file = join(dir, `chats-${chats}.sqlite`);
    child('load', chats, file);
    const line = child('measure', chats, file).trim().split('\n').at(-1) ?? '{}';
    return (JSON.parse(line) as { rss: number }).rss;
  };
  try {
    const few = rssFor(small);
    report({ name: `memory.rss_${small}_chats`, value: few / 2 ** 20, unit: 'MiB' });
    const many = rssFor(large);
    report({ name: `memory.rss_${large}_chats`, value: many / 2 ** 20, unit: 'MiB' });
    report({
      name: 'memory.rss_ratio',
      value: many / few,
      unit: 'ratio',
      compares: `RSS serving ${large} chats ÷ serving ${small}`,
      goal: '≤ 1.1',
      met: many / few <= 1.1,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
