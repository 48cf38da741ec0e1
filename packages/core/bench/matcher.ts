// Keyword matcher throughput with 1k and 100k subscriptions over the same texts. Not a test:
// prints one JSON line per figure. The goal: 100k subscriptions cost at most 1.2× of 1k.
//
//   npx -y pnpm@10 exec tsx packages/core/bench/matcher.ts \
//     [--texts 3000] [--vocabulary 3000] [--sources 2000] [--any-source 0.05] [--rounds 11]

import { parseArgs } from 'node:util';
import { compileMatcher, type MatcherSubscription } from '@anonboard/core';

const { values } = parseArgs({
  options: {
    texts: { type: 'string', default: '3000' },
    vocabulary: { type: 'string', default: '3000' },
    sources: { type: 'string', default: '2000' },
    'any-source': { type: 'string', default: '0.05' },
    rounds: { type: 'string', default: '11' },
  },
});
const textCount = Number(values.texts);
const vocabularySize = Number(values.vocabulary);
const sourceCount = Number(values.sources);
const anySourceShare = Number(values['any-source']);
const rounds = Number(values.rounds);

// Seeded, so every run measures the same subscriptions and texts.
const random = mulberry32(20_260_101);
const pick = <T>(items: readonly T[]): T => {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('empty list');
  return item;
};

// Russian-looking lemmas; the keyword vocabulary is a part of what people write about.
const SYLLABLES = [...'бвгдзклмнпрстфхцчшщ'].flatMap((c) => [...'аеиоуыя'].map((v) => c + v));
const ENDINGS = ['', 'а', 'у', 'ом', 'ы', 'ов', 'ами', 'ах', 'е'];
const lemma = () =>
  `${pick(SYLLABLES)}${pick(SYLLABLES)}${pick(SYLLABLES)}${pick([...'бвгдклмнпрст'])}`;
const keywordLemmas = Array.from({ length: vocabularySize }, lemma);
const otherLemmas = Array.from({ length: vocabularySize * 2 }, lemma);
const FUNCTION_WORDS = ['и', 'в', 'на', 'не', 'что', 'это', 'мы', 'как', 'по', 'для', 'с', 'у'];
const sources = Array.from({ length: sourceCount }, (_, i) => `@channel${i}`);

function randomSubscription(index: number): MatcherSubscription {
  const keywordCount = random() < 0.02 ? 0 : 1 + Math.floor(random() * 3);
  const keywords = Array.from({ length: keywordCount }, () =>
    random() < 0.2 ? `${pick(keywordLemmas)} ${pick(keywordLemmas)}` : pick(keywordLemmas),
  );
  const watched =
    random() < anySourceShare
      ? []
      : Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(sources));
  return { id: `sub${index}`, keywords, sources: watched };
}

function randomText(): { text: string; source: string } {
  const length = 15 + Math.floor(random() * 45);
  const words = Array.from({ length }, () => {
    const roll = random();
    if (roll < 0.4) return pick(FUNCTION_WORDS);
    const base = roll < 0.6 ? pick(keywordLemmas) : pick(otherLemmas);
    return base + pick(ENDINGS);
  });
  return { text: `${words.join(' ')}, ${Math.floor(random() * 24)}:00!`, source: pick(sources) };
}

const texts = Array.from({ length: textCount }, randomText);

interface Scenario {
  readonly name: string;
  readonly match: (text: string, source: string) => Map<string, string>;
}

function compileScenario(subscriptionCount: number): Scenario {
  const name = `matcher.${subscriptionCount / 1000}k`;
  const subscriptions = Array.from({ length: subscriptionCount }, (_, i) => randomSubscription(i));
  const started = performance.now();
  const matcher = compileMatcher(subscriptions);
  print(`${name}.compile`, Math.round(performance.now() - started), 'ms');
  let matches = 0;
  for (const { text, source } of texts) matches += matcher.match(text, source).size;
  print(`${name}.matches`, Number((matches / texts.length).toFixed(2)), 'matches/text');
  return { name, match: (text, source) => matcher.match(text, source) };
}

/** Milliseconds for one pass over every text. */
function pass({ match }: Scenario): number {
  const started = performance.now();
  for (const { text, source } of texts) match(text, source);
  return performance.now() - started;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function print(name: string, value: number, unit: string): void {
  console.log(JSON.stringify({ name, value, unit }));
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const small = compileScenario(1_000);
const large = compileScenario(100_000);
// Rounds alternate between the two, so drift in machine load hits both alike.
const smallTimes: number[] = [];
const largeTimes: number[] = [];
for (let round = 0; round < rounds; round++) {
  smallTimes.push(pass(small));
  largeTimes.push(pass(large));
}
const smallMs = median(smallTimes);
const largeMs = median(largeTimes);
print(small.name, Math.round(texts.length / (smallMs / 1000)), 'texts/s');
print(large.name, Math.round(texts.length / (largeMs / 1000)), 'texts/s');
// Cost per text of 100k subscriptions relative to 1k: ≤ 1.2 is the goal.
print('matcher.ratio', Number((largeMs / smallMs).toFixed(3)), 'x');
