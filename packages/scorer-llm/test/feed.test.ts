import {
  createFeed,
  createOfflineScorer,
  MemoryStorage,
  type Scorer,
  silentLogger,
  type User,
} from '@anonboard/core';
import { ManualClock, RecordingTransport, SequentialIds } from '@anonboard/core/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withDailyBudget } from '../src/index.js';
import { type LlmServer, startLlmServer } from './helpers/llm-server.js';
import { protocols, quietSdk } from './helpers/scorers.js';

/** A feed watching one source, with a subscriber to «собрание» (as in core's own feed tests). */
async function feedWith(scorer: Scorer) {
  const feed = createFeed({
    storage: new MemoryStorage(),
    transport: new RecordingTransport(),
    clock: new ManualClock(),
    ids: new SequentialIds(),
    scorer,
    policy: { scoreTimeoutMs: 5000 },
    logger: silentLogger,
  });
  const [admin, reader] = (await Promise.all(
    ['admin', 'reader'].map((n, i) => feed.identify({ platformId: `${i + 1}:${n}` })),
  )) as [User, User];
  await feed.configure({
    channel: '@city_news',
    admins: [admin.id],
    defaultThreshold: 0.5,
    topic: 'жизнь дома',
  });
  await feed.addSource({ ref: '-1001', title: 'Городской чат', link: 'https://t.me/city_chat' });
  await feed.subscribe({ user: reader.id, keywords: ['собрание', 'встреча'] });
  return feed;
}

const message = (messageId: number, text: string) => ({
  sourceRef: '-1001',
  messageId,
  text,
  date: 0,
  via: 'userbot' as const,
});

describe.each(protocols)('$protocol scorer plugged into core', ({ make }) => {
  let server: LlmServer;
  beforeEach(async () => {
    quietSdk();
    server = await startLlmServer();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await server.close();
  });

  it('scores a matching message: the item carries the LLM’s score, reason and name', async () => {
    const scorer = make(server);
    const feed = await feedWith(scorer);
    const result = await feed.ingest(message(1, 'СРОЧНО: собрание жильцов в 19:00'));
    expect(result).toMatchObject({
      outcome: 'queued',
      score: { value: 0.83, reason: 'срочное собрание жильцов', scorer: scorer.name },
    });
    const user = server.chats()[0]?.json?.messages.find((m) => m.role === 'user')?.content;
    expect(JSON.parse(user ?? '')).toEqual({
      topic: 'жизнь дома',
      source: 'Городской чат',
      message: 'СРОЧНО: собрание жильцов в 19:00',
    });

    // Scored once per content: a repost is not sent to the model again.
    expect(await feed.ingest(message(2, 'СРОЧНО: собрание жильцов в 19:00'))).toMatchObject({
      outcome: 'repost',
    });
    expect(server.chats()).toHaveLength(1);
  });

  it('sends a garbage answer to manual review, not a default score', async () => {
    server.reply = () => ({ content: 'Я думаю, это важно: 9 из 10' });
    const feed = await feedWith(make(server));
    const result = await feed.ingest(message(1, 'Собрание в четверг'));
    expect(result).toMatchObject({ outcome: 'manual_review', score: null });
    expect(result.error).toMatch(/^\[anonboard\] \[scorer\] the model did not answer with JSON/);
  });

  it('sends a hung model to manual review when core’s deadline aborts the request', async () => {
    server.reply = () => ({ hang: true });
    const feed = createFeed({
      storage: new MemoryStorage(),
      transport: new RecordingTransport(),
      scorer: make(server),
      policy: { scoreTimeoutMs: 100 },
      logger: silentLogger,
    });
    const [admin, reader] = (await Promise.all(
      ['admin', 'reader'].map((n, i) => feed.identify({ platformId: `${i + 1}:${n}` })),
    )) as [User, User];
    await feed.configure({ channel: '@c', admins: [admin.id], defaultThreshold: 0.5 });
    await feed.addSource({ ref: '-1001', title: 'Чат' });
    await feed.subscribe({ user: reader.id, keywords: ['собрание'] });
    const aborted = server.nextAbort();
    expect(await feed.ingest(message(1, 'собрание'))).toMatchObject({
      outcome: 'manual_review',
      score: null,
    });
    await aborted; // core's deadline reached the HTTP request
  });

  it('past the daily budget the offline scorer scores instead', async () => {
    const feed = await feedWith(withDailyBudget(make(server), { maxCallsPerDay: 1 }));
    await feed.ingest(message(1, 'Встреча в 15:00 у подъезда'));
    const second = await feed.ingest(message(2, 'СРОЧНО: собрание'));
    const offline = await createOfflineScorer().score('СРОЧНО: собрание', {
      signal: new AbortController().signal,
      topic: 'жизнь дома',
    });
    expect(second).toMatchObject({
      outcome: 'queued',
      score: { value: offline.score, reason: offline.reason, scorer: 'offline (budget)' },
    });
    expect(server.chats()).toHaveLength(1);
  });
});
