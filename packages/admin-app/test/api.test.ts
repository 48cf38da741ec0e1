import type { ItemId } from '@anonboard/core';
import { describe, expect, it } from 'vitest';
import type { ItemView } from '../src/index.js';
import {
  anna,
  BOT_TOKEN,
  bodyOf,
  boris,
  reader,
  signInitData,
  startFeedApp,
} from './support/feed-app.js';

const urgent = 'СРОЧНО: собрание жильцов сегодня в 19:00 во дворе';
const water = 'Завтра отключат воду: собрание по ремонту труб в 18:00';

type Queue = { items: ItemView[]; more: boolean; claimLeaseMs: number };
type ErrorBody = { error: { code: string; message: string } };
type FeedReportJson = {
  period: string;
  timeZone: string;
  funnel: Record<string, { sources: number; suggestions: number }>;
  shares: Record<string, number>;
  decisionTime: { medianMs: number | null };
};

describe('the admin API', () => {
  it('shows an admin the queue as the card does, naming no person', async () => {
    const { post, call } = await startFeedApp();
    const id = await post(urgent);
    const answer = await call('/api/queue', { as: anna });
    expect(answer.status).toBe(200);
    const { items, more } = bodyOf<Queue>(answer);
    expect(more).toBe(false);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id,
      kind: 'monitored',
      text: urgent,
      status: 'queued',
      source: {
        title: 'Городской чат',
        link: expect.stringMatching(/^https:\/\/t\.me\/city_chat\/\d+$/),
      },
      score: { value: expect.any(Number), reason: expect.any(String), scorer: expect.any(String) },
      review: null,
      editedAt: null,
      createdAt: '2026-12-04T09:00:00.000Z',
      claim: null,
      media: null,
    });
    const json = JSON.stringify(answer.json);
    for (const person of [anna, boris, reader]) {
      expect(json).not.toContain(String(person.id));
      expect(json).not.toContain(person.first_name);
    }
  });

  it('refuses people who are not admins, and stores none of them', async () => {
    const { call, storage } = await startFeedApp();
    const reply = await call('/api/queue', { as: reader });
    expect(reply.status).toBe(403);
    expect(bodyOf<ErrorBody>(reply).error.code).toBe('not_admin');
    const stranger = { id: 555_000_111, first_name: 'Stranger', language_code: 'en' };
    const refused = await call('/api/me', { as: stranger });
    expect(refused.status).toBe(403);
    expect(bodyOf<ErrorBody>(refused).error.message).toBe('Only the feed’s admins can use this.');
    expect(
      await storage.transaction((tx) => tx.users.getByPlatformId('555000111')),
    ).toBeUndefined();
  });

  it('takes identity only from valid initData', async () => {
    const { call, post } = await startFeedApp();
    const id = await post(urgent);
    expect((await call('/api/queue')).status).toBe(401);
    const forged = signInitData(anna, { token: '999:NOT_THE_BOT' });
    expect((await call('/api/queue', { as: forged })).status).toBe(401);
    const stale = signInitData(anna, { authDate: new Date('2026-11-01T00:00:00Z') });
    const expired = await call('/api/queue', { as: stale });
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toBe('tma');
    // A tampered user (anna's signature, boris's id) is refused and decides nothing.
    const tampered = signInitData(anna).replace(String(anna.id), String(boris.id));
    const attempt = await call(`/api/items/${id}/approve`, { as: tampered, method: 'POST' });
    expect(attempt.status).toBe(401);
  });

  it('approves through feed.decide: audit log, every admin’s card revised, the post published', async () => {
    const { post, call, feed, transport, storage, admins } = await startFeedApp();
    const id = (await post(urgent)) as ItemId;
    const cards = transport.sent.filter((m) => m.kind === 'text' && m.buttons !== undefined);
    expect(cards.map((m) => ('to' in m ? m.to : ''))).toEqual([String(anna.id), String(boris.id)]);

    const answer = await call(`/api/items/${id}/approve`, { as: anna, method: 'POST' });
    expect(answer.status).toBe(200);
    expect(bodyOf<{ item: ItemView }>(answer).item.status).toBe('approved');
    await feed.dispatcher?.drain();

    expect((await feed.getItem(id))?.status).toBe('published');
    const audit = await storage.transaction((tx) => tx.feed.audit.list(id));
    expect(audit.map((entry) => [entry.action, entry.by])).toEqual([
      ['approve', admins.anna.id],
      ['publish', null],
    ]);
    // Each admin's card says "approved", then "published", with no buttons left.
    const edits = transport.sent.filter((m) => m.kind === 'edit');
    expect(edits.map((m) => m.to).sort()).toEqual(
      [anna.id, anna.id, boris.id, boris.id].map(String),
    );
    for (const edit of edits) expect(edit.kind === 'edit' && edit.buttons).toEqual([]);
    expect(transport.to('@city_news').map((m) => (m.kind === 'publish' ? m.text : m.kind))).toEqual(
      [expect.stringContaining(urgent)],
    );

    // The bot's card button is now too late: one mechanism, one decision.
    const annaCard = cards.find((m) => 'to' in m && m.to === String(anna.id));
    const token = annaCard?.kind === 'text' ? annaCard.buttons?.[0]?.[0]?.token : undefined;
    expect(token).toBeDefined();
    await expect(feed.press({ user: admins.anna.id, token: token ?? '' })).rejects.toMatchObject({
      code: 'invalid_state',
    });
    // And a second decision from the page is refused, changing nothing.
    const again = await call(`/api/items/${id}/reject`, { as: boris, body: { reason: 'late' } });
    expect(again.status).toBe(409);
    expect((await feed.getItem(id))?.status).toBe('published');
  });

  it("shows a paid post of the channel's direct messages and approves it only at its price", async () => {
    const { call, feed, transport } = await startFeedApp();
    const { itemId } = await feed.ingestDirect({
      chatRef: '-1001000000002',
      channelTitle: 'Городские новости',
      messageId: 7,
      text: 'Реклама кофейни',
      mediaKind: 'photo',
      offer: { price: { currency: 'TON', amount: 1_500_000_000 }, sendAt: null },
    });
    const { items } = bodyOf<Queue>(await call('/api/queue', { as: anna }));
    expect(items[0]).toMatchObject({
      id: itemId,
      kind: 'direct',
      source: { title: 'Городские новости', link: null },
      score: null,
      direct: {
        suggested: true,
        price: { currency: 'TON', amount: 1_500_000_000 },
        priceText: '1.5 TON',
        amountText: '1.5',
        sendAt: null,
        mediaKind: 'photo',
      },
    });
    // Without the price it showed, or at another one: refused, nothing sent.
    const path = `/api/items/${itemId}/approve`;
    for (const body of [undefined, { price: { currency: 'TON', amount: 1 } }]) {
      const refused = await call(path, { as: anna, method: 'POST', ...(body ? { body } : {}) });
      expect(refused.status).toBe(409);
    }
    const price = { currency: 'TON', amount: 1_500_000_000 };
    const approved = await call(path, { as: anna, body: { price } });
    expect(approved.status).toBe(200);
    await feed.dispatcher?.drain();
    expect(transport.to('-1001000000002')).toEqual([
      { kind: 'approveSuggestion', chat: '-1001000000002', messageId: 7 },
    ]);
    expect((await feed.getItem(itemId as ItemId))?.status).toBe('published');
  });

  it('respects claims: while one admin writes a reason, the other cannot decide', async () => {
    const { post, call, feed, transport, storage } = await startFeedApp();
    const id = (await post(water)) as ItemId;
    expect((await call(`/api/items/${id}/claim`, { as: anna, method: 'POST' })).status).toBe(200);

    const annaView = bodyOf<Queue>(await call('/api/queue', { as: anna })).items[0];
    const borisView = bodyOf<Queue>(await call('/api/queue', { as: boris })).items[0];
    expect(annaView?.claim).toEqual({ byYou: true, until: '2026-12-04T09:10:00.000Z' });
    expect(borisView?.claim).toEqual({ byYou: false, until: '2026-12-04T09:10:00.000Z' });

    const refused = await call(`/api/items/${id}/approve`, { as: boris, method: 'POST' });
    expect(refused.status).toBe(409);
    expect(bodyOf<ErrorBody>(refused).error).toEqual({
      code: 'claimed',
      message: 'Another admin is already handling this.',
    });
    expect((await feed.getItem(id))?.status).toBe('claimed');

    const rejected = await call(`/api/items/${id}/reject`, {
      as: anna,
      body: { reason: '  Уже было в канале  ' },
    });
    expect(rejected.status).toBe(200);
    await feed.dispatcher?.drain();
    const item = await feed.getItem(id);
    expect(item?.status === 'rejected' && item.reason).toBe('Уже было в канале');
    const audit = await storage.transaction((tx) => tx.feed.audit.list(id));
    expect(audit.map((entry) => [entry.action, entry.reason])).toEqual([
      ['claim', null],
      ['reject', 'Уже было в канале'],
    ]);
    const revised = transport.sent.filter((m) => m.kind === 'edit').map((m) => m.text);
    expect(revised).toHaveLength(2);
    for (const text of revised) expect(text).toContain('Уже было в канале');
    expect(transport.to('@city_news')).toEqual([]);
  });

  it('a claim runs out after the lease, and a released item is free again', async () => {
    const { post, call, clock } = await startFeedApp();
    const id = await post(urgent);
    await call(`/api/items/${id}/claim`, { as: anna, method: 'POST' });
    expect((await call(`/api/items/${id}/release`, { as: boris, method: 'POST' })).status).toBe(
      409,
    );
    expect((await call(`/api/items/${id}/release`, { as: anna, method: 'POST' })).status).toBe(200);
    await call(`/api/items/${id}/claim`, { as: anna, method: 'POST' });
    clock.advance(10 * 60 * 1000 + 1);
    expect(bodyOf<Queue>(await call('/api/queue', { as: boris })).items[0]?.claim).toBeNull();
    expect((await call(`/api/items/${id}/approve`, { as: boris, method: 'POST' })).status).toBe(
      200,
    );
  });

  it('refuses bad input clearly and changes nothing', async () => {
    const { post, call, feed } = await startFeedApp({ maxReasonLength: 20 });
    const id = (await post(urgent)) as ItemId;
    const long = await call(`/api/items/${id}/reject`, {
      as: anna,
      body: { reason: 'x'.repeat(21) },
    });
    expect(long.status).toBe(400);
    expect(bodyOf<ErrorBody>(long).error).toEqual({
      code: 'invalid_input',
      message: 'Неверный запрос: reason.',
    });
    const badJson = await call(`/api/items/${id}/reject`, { as: anna, rawBody: '{"reason":' });
    expect(badJson.status).toBe(400);
    const report = await call(`/api/items/${id}/resolve`, {
      as: anna,
      body: { outcome: 'banned' },
    });
    expect(report.status).toBe(409);
    expect((await call('/api/items/nope/approve', { as: anna, method: 'POST' })).status).toBe(404);
    expect((await call('/api/items/..%2Fx/approve', { as: anna, method: 'POST' })).status).toBe(
      404,
    );
    expect((await call(`/api/items/${id}/approve`, { as: anna })).status).toBe(405);
    expect((await call('/api/nothing', { as: anna })).status).toBe(404);
    expect((await feed.getItem(id))?.status).toBe('queued');
  });

  it('reports the statistics of a period in the admin’s time zone, counts only', async () => {
    const { post, call, clock } = await startFeedApp();
    const id = await post(urgent);
    await post('Продам гараж');
    clock.advance(7 * 60_000);
    await call(`/api/items/${id}/approve`, { as: anna, method: 'POST' });
    const answer = await call('/api/stats?period=day&tz=Europe/Moscow', { as: anna });
    expect(answer.status).toBe(200);
    const { report } = bodyOf<{ report: FeedReportJson }>(answer);
    expect(report).toMatchObject({ period: 'day', timeZone: 'Europe/Moscow' });
    expect(report.funnel.ingested?.sources).toBe(2);
    expect(report.shares.filteredByKeywords).toBe(0.5);
    expect(report.decisionTime.medianMs).toBe(7 * 60_000);
    expect(JSON.stringify(report)).not.toContain('СРОЧНО');
    for (const query of ['period=year', 'tz=Mars/Olympus', 'tz=%3Cscript%3E']) {
      const refused = await call(`/api/stats?${query}`, { as: anna });
      expect(refused.status, query).toBe(400);
      expect(bodyOf<ErrorBody>(refused).error.code).toBe('invalid_input');
    }
    expect((await call('/api/stats', { as: reader })).status).toBe(403);
  });

  it('gives the flows in the admin’s language, with live figures on the overview', async () => {
    const { post, call } = await startFeedApp();
    await post(urgent);
    await post('Продам гараж');
    type Flows = {
      diagrams: {
        name: string;
        mermaid: string;
        steps: { id: string; figure: string | null; about: string }[];
        arrows: { example: string }[];
      }[];
    };
    const ru = bodyOf<Flows>(await call('/api/flows?tz=UTC', { as: anna })).diagrams;
    expect(ru.map((d) => d.name)).toEqual([
      'overview',
      'monitoring',
      'suggestion',
      'moderation',
      'direct',
      'machine',
    ]);
    expect(ru[0]?.mermaid).toContain('Фильтр по<br/>ключевым словам<br/>отсеяно 50%');
    expect(ru[0]?.steps.find((step) => step.id === 'Keywords')?.figure).toBe('отсеяно 50%');
    expect(ru[4]?.mermaid).toContain('declineSuggestedPost');
    expect(ru[5]?.mermaid).toContain('stateDiagram-v2');
    const en = bodyOf<Flows>(await call('/api/flows', { as: boris })).diagrams;
    expect(en[0]?.mermaid).toContain('Keyword<br/>filter<br/>filtered 50%');
    // The sub-diagrams speak the admin's language too, and every block and arrow answers a tap.
    for (const [i, sub] of en.slice(1, 5).entries()) {
      expect(sub.mermaid).not.toMatch(/[а-яё]/i);
      expect(sub.steps.length).toBeGreaterThan(5);
      expect(sub.arrows.length).toBeGreaterThan(5);
      expect(sub.steps.every((step) => step.about !== '')).toBe(true);
      expect(sub.arrows.every((arrow) => arrow.example !== '')).toBe(true);
      expect(ru[i + 1]?.mermaid).toMatch(/[а-яё]/i);
    }
    expect(en[1]?.steps.find((step) => step.id === 'Score')?.about).toContain('once per text');
  });

  it('limits each admin’s calls', async () => {
    const { call } = await startFeedApp({ rateLimit: { max: 3, windowMs: 60_000 } });
    for (let i = 0; i < 3; i++) expect((await call('/api/me', { as: anna })).status).toBe(200);
    const limited = await call('/api/me', { as: anna });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another admin has a window of their own; strangers are counted too.
    expect((await call('/api/me', { as: boris })).status).toBe(200);
  });

  it('serves the page with the bot’s own words, Chart.js and Mermaid from node_modules', async () => {
    const { url } = await startFeedApp({ locale: 'en' });
    const response = await fetch(`${url}/`);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("img-src 'self' blob:");
    expect(policy).toContain("script-src 'self' https://telegram.org");
    const html = await response.text();
    expect(html).not.toContain(BOT_TOKEN);
    const config = JSON.parse(
      /<script id="anonboard-config" type="application\/json">(.*?)<\/script>/s.exec(html)?.[1] ??
        '{}',
    );
    expect(config.defaultLocale).toBe('en');
    expect(config.texts.ru['button.approve']).toBe('✅ Одобрить');
    expect(config.texts.en['page.tab.queue']).toBe('Queue');
    expect(Object.keys(config.texts.ru).some((key: string) => key.startsWith('api.'))).toBe(false);
    for (const name of ['chart.js', 'mermaid.js']) {
      const link = new RegExp(`src="(${name.replace('.', '\\.')}\\?v=[\\w-]{12})"`).exec(html)?.[1];
      expect(link, name).toBeDefined();
      const asset = await fetch(`${url}/${link}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(asset.headers.get('cache-control')).toContain('immutable');
    }
    // The page module and the theme shared with the ad board.
    const shared = await fetch(`${url}/telegram-page.js`);
    expect(await shared.text()).toContain('export function createApi');
    expect(html).toMatch(/href="telegram-theme\.css\?v=[\w-]{12}"/);
  });
});
