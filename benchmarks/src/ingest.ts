// 3. Ingest vs subscriptions: source messages/s with 1k and with 100k subscriptions' keywords
// (offline scorer, memory storage). Goal: 100k costs ≤ 1.2× of 1k.
import { createFeed, MemoryStorage, type SourceId, type UserId } from '@anonboard/core';
import { CountingTransport } from './fixtures.js';
import { report, sizes } from './report.js';

const { small, large, messages } = sizes({ small: 1000, large: 100_000, messages: 20_000 });

// A fixed pseudo-random stream so both runs see the same texts and keywords.
let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
const roots = Array.from({ length: 3000 }, (_, i) => `слово${i.toString(36)}`);
const endings = ['', 'а', 'ы', 'у', 'ом', 'ами', 'ах'];
const filler = [
  'сегодня',
  'в',
  'городе',
  'прошло',
  'и',
  'новости',
  'района',
  'жители',
  'обсуждают',
  'на',
  'улице',
];

async function measure(subscriptions: number) {
  seed = 42;
  const feed = createFeed({ storage: new MemoryStorage(), transport: new CountingTransport() });
  const admin = await feed.identify({ platformId: 'admin' });
  await feed.configure({ channel: '@bench', admins: [admin.id], defaultThreshold: 0.95 });
  const sources = await Promise.all(
    Array.from({ length: 20 }, (_, i) => feed.addSource({ ref: `-100${i}`, title: `Source ${i}` })),
  );
  for (let i = 0; i < subscriptions; i++) {
    const user = `u${i}` as UserId;
    await feed.subscribe({
      user,
      keywords: [pick(roots), pick(roots), pick(roots)],
      sources: [pick(sources).id as SourceId],
    });
  }
  await feed.ingest({ sourceRef: '-1000', messageId: 0, text: 'прогрев', date: 0, via: 'userbot' }); // compiles the matcher
  const texts = Array.from({ length: messages }, () =>
    Array.from({ length: 25 }, () =>
      random() < 0.1 ? pick(roots) + pick(endings) : pick(filler),
    ).join(' '),
  );
  const started = performance.now();
  for (let m = 0; m < messages; m++) {
    await feed.ingest({
      sourceRef: pick(sources).ref,
      messageId: m + 1,
      text: texts[m] as string,
      date: 0,
      via: 'userbot',
    });
  }
  return messages / ((performance.now() - started) / 1000);
}

const few = await measure(small);
report({ name: `ingest.subscriptions_${small}`, value: few, unit: 'messages/s' });
const many = await measure(large);
report({ name: `ingest.subscriptions_${large}`, value: many, unit: 'messages/s' });
report({
  name: 'ingest.cost_ratio',
  value: few / many,
  unit: 'ratio',
  compares: `time per message with ${large} subscriptions ÷ with ${small}`,
  goal: '≤ 1.2',
  met: few / many <= 1.2,
});
