// 4. Memory vs data: RSS after loading 10k vs 1M chats into SQLite and relaying on a sample.
// Each size runs in its own process (`--chats N --child`); the parent compares. Goal: ≤ 1.1×.
import { spawnSync } from 'node:child_process';
import { createBoard } from '@anonboard/core';
import { benchPolicy, CountingTransport, loadChats, relayLoad, tempSqlite } from './fixtures.js';
import { report, sizes } from './report.js';

const { small, large, sample } = sizes({ small: 10_000, large: 1_000_000, sample: 5000 });

if (process.argv.includes('--child')) {
  const { chats } = sizes({ chats: small });
  const { storage, dispose } = tempSqlite();
  const senders = await loadChats(storage, chats);
  const board = createBoard({ policy: benchPolicy, storage, transport: new CountingTransport() });
  // Relay on a sample spread over the whole dataset, so old and new rows are touched.
  const step = Math.max(1, Math.floor(senders.length / sample));
  await relayLoad(
    board,
    senders.filter((_, i) => i % step === 0),
    sample,
  );
  (globalThis as { gc?: () => void }).gc?.();
  console.log(JSON.stringify({ rss: process.memoryUsage().rss }));
  await dispose();
} else {
  const rssFor = (chats: number): number => {
    const child = spawnSync(
      process.execPath,
      [
        '--expose-gc',
        '--conditions=dev-source',
        '--import',
        'tsx',
        new URL(import.meta.url).pathname,
        '--child',
        '--chats',
        String(chats),
        '--sample',
        String(sample),
      ],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    if (child.status !== 0)
      throw new Error(`[anonboard] [bench] memory child failed: ${child.stderr}`);
    const line = child.stdout.trim().split('\n').at(-1) ?? '{}';
    return (JSON.parse(line) as { rss: number }).rss;
  };
  const few = rssFor(small);
  report({ name: `memory.rss_${small}_chats`, value: few / 2 ** 20, unit: 'MiB' });
  const many = rssFor(large);
  report({ name: `memory.rss_${large}_chats`, value: many / 2 ** 20, unit: 'MiB' });
  report({
    name: 'memory.rss_ratio',
    value: many / few,
    unit: 'ratio',
    compares: `RSS with ${large} chats ÷ with ${small}`,
    goal: '≤ 1.1',
    met: many / few <= 1.1,
  });
}
