// 2. Core relay: relays/s and p50/p99 of `receive` on memory vs SQLite (WAL, default synchronous),
// outbox delivered by the dispatcher. Goal: SQLite ≥ 0.5× memory and ≥ 20 000 relays/s.
import { createBoard, MemoryStorage, type Storage } from '@anonboard/core';
import { CountingTransport, loadChats, relayLoad, tempSqlite } from './fixtures.js';
import { percentile, report, sizes } from './report.js';

const { chats, messages } = sizes({ chats: 500, messages: 30_000 });

async function measure(name: string, storage: Storage) {
  const senders = await loadChats(storage, chats);
  const board = createBoard({
    storage,
    transport: new CountingTransport(),
    dispatcher: { batchSize: 64 },
  });
  await relayLoad(board, senders, Math.min(2000, messages)); // warm-up
  const { perSecond, latencies } = await relayLoad(board, senders, messages);
  report({ name: `relay.${name}`, value: perSecond, unit: 'relays/s' });
  report({ name: `relay.${name}.p50`, value: percentile(latencies, 50), unit: 'ms' });
  report({ name: `relay.${name}.p99`, value: percentile(latencies, 99), unit: 'ms' });
  return perSecond;
}

const memory = await measure('memory', new MemoryStorage());
const sqlite = tempSqlite();
const onSqlite = await measure('sqlite', sqlite.storage);
await sqlite.dispose();
report({
  name: 'relay.sqlite_vs_memory',
  value: onSqlite / memory,
  unit: 'ratio',
  compares: 'SQLite relays/s ÷ memory relays/s',
  goal: '≥ 0.5',
  met: onSqlite / memory >= 0.5,
});
report({
  name: 'relay.sqlite_goal',
  value: onSqlite,
  unit: 'relays/s',
  compares: 'SQLite relays/s',
  goal: '≥ 20 000',
  met: onSqlite >= 20_000,
});
