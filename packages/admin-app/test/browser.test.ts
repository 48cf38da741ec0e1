import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  anonboardFeed,
  configureTelegramFeed,
  createTransport,
  startFeedDispatcher,
} from '@anonboard/adapter-grammy';
import {
  type Emulator,
  type Message,
  type SimulatedChannel,
  type SimulatedUser,
  startEmulator,
} from '@anonboard/bot-api-emulator';
import { createFeed, createOfflineScorer, type Feed, type Scorer } from '@anonboard/core';
import { openSqliteStorage } from '@anonboard/storage-sqlite';
import { Api, Bot } from 'grammy';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  browserTests,
  CHROMIUM,
  launchChromium,
  type OpenOptions,
  openMiniApp,
} from '../../mini-app/test/support/browser.js';
import type { TestUser } from '../../mini-app/test/support/init-data.js';
import { createAdminApp } from '../src/index.js';

const images = fileURLToPath(new URL('../../../docs/images/', import.meta.url));

if (browserTests.skip) {
  console.warn(
    `[anonboard] [admin-app] browser test skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`,
  );
}

/** The offline scorer, except that one message makes it fail as an LLM outage would. */
const scorer: Scorer = {
  name: 'offline',
  score(text, context) {
    if (text.includes('нейросеть недоступна')) return Promise.reject(new Error('503 from the LLM'));
    return createOfflineScorer().score(text, context);
  },
};

// In CI Chromium is installed, so a missing one is a failure, not a skip.
describe.skipIf(browserTests.skip)('the admin Mini App in Chromium, with a real bot', () => {
  let emu: Emulator;
  let feed: Feed;
  let browser: Browser;
  let url: string;
  let channel: SimulatedChannel;
  let anna: SimulatedUser;
  let boris: SimulatedUser;
  let dave: SimulatedUser;
  let stop: () => Promise<void>;
  const pageErrors: Error[] = [];

  beforeAll(async () => {
    emu = await startEmulator();
    const dir = mkdtempSync(join(tmpdir(), 'anonboard-admin-app-'));
    const storage = openSqliteStorage({ path: join(dir, 'feed.sqlite') });
    feed = createFeed({
      storage,
      transport: createTransport(new Api(emu.token, { apiRoot: emu.apiRoot })),
      scorer,
      dispatcher: { pollIntervalMs: 20, backoff: { baseMs: 20, maxMs: 200 } },
    });
    const bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
    bot.use(anonboardFeed({ feed }));
    anna = emu.user({ id: 741_852_001, first_name: 'Annalisa', language_code: 'ru' });
    boris = emu.user({ id: 741_852_002, first_name: 'Borislavo', language_code: 'en' });
    dave = emu.user({ id: 741_852_004, first_name: 'Davidoro', language_code: 'ru' });
    channel = emu.channel({ title: 'Новости района', username: 'district_news' });
    await configureTelegramFeed(feed, {
      adminIds: [anna.user.id, boris.user.id],
      channel: '@district_news',
    });
    const dispatcher = startFeedDispatcher(feed);
    await new Promise<void>((resolve, reject) => {
      bot.start({ timeout: 1, onStart: () => resolve() }).catch(reject);
    });
    const app = createAdminApp({ feed, botToken: emu.token, telegramWebAppScript: false });
    const server = createServer(app.handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await launchChromium();
    stop = async () => {
      await browser.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (bot.isRunning()) await bot.stop();
      await dispatcher.stop();
      await storage.close();
      await emu.close();
      rmSync(dir, { recursive: true, force: true });
    };
  });

  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await stop?.();
  });

  it('lets an admin in and keeps everyone else out', async () => {
    const stranger = await openAs({
      id: 741_852_009,
      first_name: 'Strangero',
      language_code: 'ru',
    });
    await stranger.getByText('Эта страница — только для администраторов ленты.').waitFor();
    expect(await stranger.getByRole('button', { name: 'Очередь' }).isVisible()).toBe(false);
    await stranger.context().close();

    const keyboardLaunch = await openAs(undefined);
    await keyboardLaunch.getByText('Откройте эту страницу из Telegram').waitFor();
    await keyboardLaunch.context().close();

    const admin = await openAs(testUser(boris));
    await admin.getByText('The queue is empty: everything is decided.').waitFor();
    await admin.context().close();
  });

  it('decides items as the bot’s cards do: the channel, the author and every card hear of it', async () => {
    await seedQueue();
    const asAnna = await openAs(testUser(anna));
    await expect.poll(() => asAnna.locator('.item').count()).toBe(4);
    await asAnna.getByText('Не оценено — нужна ручная проверка').waitFor();
    await screenshot(asAnna, 'admin-queue-light.png');
    const dark = await openAs(testUser(anna), { colorScheme: 'dark' });
    await expect.poll(() => dark.locator('.item').count()).toBe(4);
    await screenshot(dark, 'admin-queue-dark.png');
    await dark.context().close();

    // Anna starts rejecting the suggestion: Boris sees it taken and cannot decide it.
    const suggestion = asAnna.locator('.item', { hasText: 'Бесплатный ремонт велосипедов' });
    await suggestion.getByRole('button', { name: '❌ Отклонить' }).click();
    await suggestion.getByLabel('Причина отказа').waitFor();
    const asBoris = await openAs(testUser(boris));
    const locked = asBoris.locator('.item', { hasText: 'Бесплатный ремонт велосипедов' });
    await locked.getByText('Another admin is handling this').waitFor();
    expect(await locked.getByRole('button', { name: '✅ Approve' }).isDisabled()).toBe(true);

    await suggestion.getByLabel('Причина отказа').fill('Не по теме канала: напишите в чат соседей');
    await suggestion.getByRole('button', { name: 'Отклонить', exact: true }).click();
    await asAnna.getByText('Отклонено.').waitFor();
    const refusal = await emu.waitFor(
      () => dave.received.find((m) => m.text?.includes('Не по теме канала')),
      { timeout: 10_000, message: 'the author told of the rejection' },
    );
    expect(refusal.text).toContain('Ваш пост отклонён');

    // Anna approves the urgent post: it reaches the channel; both admins' cards say so.
    const urgent = asAnna.locator('.item', { hasText: 'СРОЧНО' });
    await urgent.getByRole('button', { name: '✅ Одобрить' }).click();
    await asAnna.getByText('Одобрено: пост уходит в канал.').waitFor();
    const published = await emu.waitFor(
      () => channel.posts.find((m) => m.text?.includes('СРОЧНО: собрание жильцов')),
      { timeout: 10_000, message: 'the post in the channel' },
    );
    expect(JSON.stringify(published)).not.toContain('Annalisa');
    for (const admin of [anna, boris]) {
      const card = await emu.waitFor(
        () => cardOf(admin, 'СРОЧНО', (m) => m.text?.includes('📢') ?? false),
        { timeout: 10_000, message: 'the card revised as published' },
      );
      expect(card.reply_markup?.inline_keyboard ?? []).toEqual([]);
    }
    await expect.poll(() => asAnna.locator('.item').count()).toBe(2);
    await expect.poll(() => asBoris.locator('.item').count(), { timeout: 20_000 }).toBe(2);

    // A decision on a card in the bot shows on the page too.
    const water = await emu.waitFor(() => cardOf(boris, 'отключат воду', hasButtons), {
      timeout: 10_000,
      message: 'Boris’s card of the water item',
    });
    await boris.press(water);
    await emu.waitFor(() => channel.posts.find((m) => m.text?.includes('отключат воду')), {
      timeout: 10_000,
      message: 'the card’s approval published',
    });
    await asAnna.getByRole('button', { name: 'Очередь' }).click();
    await asAnna.reload();
    await expect.poll(() => asAnna.locator('.item').count()).toBe(1);
    await asAnna.context().close();
    await asBoris.context().close();
  }, 60_000);

  // --- Helpers of this suite ---

  function openAs(user: TestUser | undefined, options: OpenOptions = {}): Promise<Page> {
    return openMiniApp(browser, url, user, pageErrors, options);
  }

  /** What an admin finds in the queue: monitored posts (one the scorer failed on) and a suggestion. */
  async function seedQueue(): Promise<void> {
    const source = await feed.addSource({
      ref: '-1001500000001',
      title: 'Городской чат',
      link: 'https://t.me/city_chat',
    });
    const reader = await feed.identify({ platformId: '741852003' });
    await feed.subscribe({ user: reader.id, keywords: ['собрание', 'вода', 'отключение'] });
    const posts = [
      'СРОЧНО: собрание жильцов сегодня в 19:00 во дворе — решаем вопрос с парковкой',
      'Завтра с 10:00 до 16:00 отключат воду в домах 3–7 по Садовой: собрание по ремонту труб в пятницу',
      'Продам гараж у реки, недорого',
      'Отключение света и собрание ТСЖ — подробности позже (нейросеть недоступна)',
    ];
    let messageId = 100;
    for (const text of posts) {
      messageId += 1;
      await feed.ingest({
        sourceRef: source.ref,
        messageId,
        text,
        date: Date.now(),
        link: `https://t.me/city_chat/${messageId}`,
        via: 'userbot',
      });
    }
    await dave.command(
      'suggest',
      'Бесплатный ремонт велосипедов во дворе в субботу в 11:00. Приносите насосы и хорошее настроение!',
    );
    const preview = await emu.waitFor(() => dave.received.find(hasButtons), {
      timeout: 10_000,
      message: 'the suggestion’s preview',
    });
    await dave.press(preview);
    await emu.waitFor(() => cardOf(anna, 'Бесплатный ремонт', hasButtons), {
      timeout: 10_000,
      message: 'the suggestion’s card',
    });
  }
});

// --- Internal helpers ---

function testUser(simulated: SimulatedUser): TestUser {
  const { id, first_name, language_code } = simulated.user;
  return { id, first_name, ...(language_code === undefined ? {} : { language_code }) };
}

function hasButtons(message: Message): boolean {
  return (message.reply_markup?.inline_keyboard ?? []).length > 0;
}

function cardOf(
  admin: SimulatedUser,
  fragment: string,
  accept: (message: Message) => boolean,
): Message | undefined {
  return admin.received.find((m) => (m.text?.includes(fragment) ?? false) && accept(m));
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(images, { recursive: true });
  await page.screenshot({ path: join(images, name) });
}
