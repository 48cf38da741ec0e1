import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import {
  anonboardFeed,
  botApiPictures,
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
import {
  createFeed,
  createOfflineScorer,
  type Feed,
  type ItemId,
  type Scorer,
} from '@anonboard/core';
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

/** The real time, or as long ago as `back` says: the past week's history is played through it. */
const clock = {
  back: 0,
  now: () => Date.now() - clock.back,
};

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

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
      clock,
      dispatcher: { pollIntervalMs: 20, backoff: { baseMs: 20, maxMs: 200 } },
    });
    const bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
    bot.use(anonboardFeed({ feed, standalone: true }));
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
    const app = createAdminApp({
      feed,
      botToken: emu.token,
      telegramWebAppScript: false,
      // Photos previewed as the monitor bot does: getFile and the download, through the Bot API.
      mediaPreview: botApiPictures(bot.api, { botToken: emu.token, apiRoot: emu.apiRoot }),
    });
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
    await seedHistory();
    await seedQueue();
    const asAnna = await openAs(testUser(anna));
    await expect.poll(() => asAnna.locator('.item').count()).toBe(4);
    // Why, in the admin's words; the scorer's own error folded under it.
    await asAnna.getByText('Не оценено: оценщик вернул ошибку — нужна ручная проверка').waitFor();
    await asAnna.getByText('503 from the LLM').waitFor({ state: 'attached' });
    // The suggestion's photo, previewed for admins from the Bot API; no file id in the page.
    const photo = asAnna.locator('.item', { hasText: 'Бесплатный ремонт' }).locator('img');
    await expect
      .poll(() =>
        photo.evaluate((img: { complete: boolean; naturalWidth: number }) =>
          img.complete ? img.naturalWidth : 0,
        ),
      )
      .toBe(160);
    const fileId = dave.received.find((m) => m.photo !== undefined)?.photo?.at(-1)?.file_id;
    expect(fileId).toBeDefined();
    expect(await asAnna.content()).not.toContain(fileId);
    await screenshot(asAnna, 'admin-queue-light.png');
    const dark = await openAs(testUser(anna), { colorScheme: 'dark' });
    await expect.poll(() => dark.locator('.item').count()).toBe(4);
    await expect
      .poll(() =>
        dark
          .locator('.item img')
          .evaluate((img: { complete: boolean; naturalWidth: number }) =>
            img.complete ? img.naturalWidth : 0,
          ),
      )
      .toBe(160);
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

  it('draws the statistics with Chart.js, in both themes', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await openAs(testUser(anna), { colorScheme, height: 1800 });
      await page.getByRole('button', { name: 'Статистика' }).click();
      await page.locator('.chart canvas').first().waitFor();
      await expect.poll(() => page.locator('.chart canvas').count()).toBe(4);
      // The figures come from core's report of the week: the history and today's decisions.
      const report = await feed.report({ period: 'week', timeZone: 'Europe/Moscow' });
      const kpi = (label: string) =>
        page.locator('.kpi', { hasText: label }).locator('.kpi-value').textContent();
      expect(await kpi('Отсеяно оценкой')).toBe(
        `${Math.round(report.shares.filteredByScore * 100)} %`,
      );
      expect(await kpi('Одобрено')).toBe(`${Math.round(report.shares.approved * 100)} %`);
      expect(report.decisionTime.count).toBeGreaterThan(10);
      // Charts are drawn: their canvases are not blank.
      const inked = await page.evaluate(`[...document.querySelectorAll('canvas')].map((canvas) => {
        const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
        return data.some((value, i) => i % 4 === 3 && value > 0);
      })`);
      expect(inked).toEqual([true, true, true, true]);
      await page.waitForTimeout(600); // Chart.js's entry animation
      await screenshot(page, `admin-stats-${colorScheme}.png`);
      await page.getByRole('tab', { name: '24 часа' }).click();
      await expect.poll(() => page.locator('.chart canvas').count()).toBe(4);
      await page.context().close();
    }
  }, 60_000);

  it('draws the flows with Mermaid: blocks and arrows answer a tap with live figures', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await openAs(testUser(anna), { colorScheme, height: 1100 });
      await page.getByRole('button', { name: 'Схемы' }).click();
      const step = page.locator('.diagram [data-step="AIAnalysis"]');
      // Mermaid is 3.5 MB: the first drawing may take a while on a busy machine.
      await step.waitFor({ timeout: 30_000 });
      // The overview carries the week's live numbers.
      const report = await feed.report({ period: 'week', timeZone: 'Europe/Moscow' });
      const filtered = `отсеяно ${Math.round(report.shares.filteredByScore * 100)}%`;
      await expect.poll(() => step.textContent()).toContain(filtered);
      await step.click();
      const panel = page.locator('.flow-panel');
      await panel.getByText('Скорер (офлайн, GigaChat или OpenAI-совместимый)').waitFor();
      expect(await panel.textContent()).toContain(`Сейчас: ${filtered}`);
      await page.locator('.arrow-hit[data-arrow="ScoreCheck->End"]').dispatchEvent('click');
      await panel.getByText('«Продам гараж»: 0.2 < 0.5').waitFor();
      await step.click();
      await screenshot(page, `admin-flows-${colorScheme}.png`);
      // The item states, from the moderation machine's own table, with live counts.
      await page.evaluate('window.scrollTo(0, 0)'); // the sticky header covers the chips
      await page.getByRole('tab', { name: 'Состояния элемента' }).click();
      const published = page.locator('.diagram [data-step="published"]');
      await published.click();
      await panel.getByText(`за период: ${report.statuses.published ?? 0}`).waitFor();
      if (colorScheme === 'light') {
        // Each sub-diagram draws, and its blocks and arrows answer a tap as the overview's do.
        const subs = [
          ['Мониторинг', 'Score', 'один раз на текст'],
          ['Предложение поста', 'Preview', 'так, как его увидят администраторы'],
          ['Модерация', 'Claim', 'решает первый'],
          ['Предложка в личных сообщениях канала', 'Queue', 'не хранит, кто предложил'],
        ] as const;
        for (const [tab, id, about] of subs) {
          await page.evaluate('window.scrollTo(0, 0)');
          await page.getByRole('tab', { name: tab, exact: true }).click();
          const block = page.locator(`.diagram [data-step="${id}"]`);
          await block.waitFor({ timeout: 30_000 });
          await block.click();
          await panel.getByText(about).waitFor();
        }
        await page.locator('.arrow-hit[data-arrow="Queue->Cards"]').dispatchEvent('click');
        await panel.getByText('«💰 Платный пост: 100 ⭐»').waitFor();
      }
      await page.context().close();
    }
  }, 60_000);

  // --- Helpers of this suite ---

  function openAs(user: TestUser | undefined, options: OpenOptions = {}): Promise<Page> {
    return openMiniApp(browser, url, user, pageErrors, options);
  }

  /**
   * A week of history played through the feed itself, so the charts have something to show:
   * each day a few posts from the watched channel, decided by the admins some minutes later.
   */
  async function seedHistory(): Promise<void> {
    const source = await feed.addSource({
      ref: '-1001500000002',
      title: 'Новости ЖКХ',
      link: 'https://t.me/housing_news',
    });
    const other = await feed.addSource({
      ref: '-1001500000003',
      title: 'Районный форум',
      link: null,
    });
    // A subscriber who opened the bot (the news of published posts reaches them).
    const reader = await feed.identify({
      platformId: String(emu.user({ id: 741_852_005, first_name: 'Readerino' }).user.id),
    });
    await feed.subscribe({
      user: reader.id,
      keywords: ['собрание', 'вода', 'отключение', 'ремонт'],
    });
    const annaAdmin = await feed.identify({ platformId: String(anna.user.id) });
    const borisAdmin = await feed.identify({ platformId: String(boris.user.id) });
    const texts = [
      'Срочно: отключение воды завтра с 9:00 до 18:00 в домах 1–9',
      'Собрание жильцов в четверг в 19:00 в школе №5',
      'Плановый ремонт лифтов на следующей неделе',
      'Продам детскую коляску, почти новая',
      'Кто знает хорошего стоматолога?',
      'Отключение отопления на два часа: ремонт трубы',
      'Ищу попутчиков до центра по утрам',
      'Собрание по благоустройству двора, приходите',
    ];
    let messageId = 1000;
    for (let day = 6; day >= 1; day--) {
      const decide: { id: string; after: number; approve: boolean }[] = [];
      for (let i = 0; i < 5 + (day % 3); i++) {
        clock.back = day * DAY - i * 37 * MINUTE;
        messageId += 1;
        const text = texts[(day * 3 + i) % texts.length] ?? '';
        const result = await feed.ingest({
          sourceRef: i % 3 === 2 ? other.ref : source.ref,
          messageId,
          text: `${text} (${day})`,
          date: clock.now(),
          via: 'userbot',
        });
        if (result.itemId !== undefined) {
          decide.push({
            id: result.itemId,
            after: [4, 11, 23, 38, 9, 65, 17][(day + i) % 7] ?? 10,
            approve: (day + i) % 5 !== 0,
          });
        }
      }
      for (const { id, after, approve } of decide) {
        const item = await feed.getItem(id as ItemId);
        clock.back = Math.max(0, Date.now() - ((item?.createdAt ?? 0) + after * MINUTE));
        await feed.decide({
          admin: (approve ? annaAdmin : borisAdmin).id,
          itemId: id as ItemId,
          decision: approve ? { type: 'approve' } : { type: 'reject', reason: 'Не по теме' },
        });
      }
    }
    clock.back = 0;
    await feed.dispatcher?.drain();
  }

  /** What an admin finds in the queue: monitored posts (one the scorer failed on) and a suggestion. */
  async function seedQueue(): Promise<void> {
    const source = await feed.addSource({
      ref: '-1001500000001',
      title: 'Городской чат',
      link: 'https://t.me/city_chat',
    });
    const reader = await feed.identify({
      platformId: String(emu.user({ id: 741_852_003, first_name: 'Lectora' }).user.id),
    });
    await feed.subscribe({ user: reader.id, keywords: ['собрание', 'вода', 'отключение'] });
    // A photo suggestion, first in the queue: the queue shows a preview of it.
    await dave.sendPhoto({
      caption:
        '/suggest Бесплатный ремонт велосипедов во дворе в субботу в 11:00. Приносите насосы и хорошее настроение!',
      bytes: yardPicture(),
    });
    const preview = await emu.waitFor(() => dave.received.find(hasButtons), {
      timeout: 10_000,
      message: 'the suggestion’s preview',
    });
    await dave.press(preview);
    await emu.waitFor(() => cardOf(anna, 'Бесплатный ремонт', hasButtons), {
      timeout: 10_000,
      message: 'the suggestion’s card',
    });
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

/** A 160×100 picture of a yard (sky, a house, a lawn) as a PNG: what an author would send. */
function yardPicture(): Uint8Array {
  const [width, height] = [160, 100];
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0); // no filter
    for (let x = 0; x < width; x++) {
      const house = x > 55 && x < 105 && y > 30 && y < 75;
      const window = house && (x - 60) % 15 < 7 && (y - 38) % 15 < 7;
      const [r, g, b] =
        y >= 75
          ? [70, 150 - ((x * 3) % 30), 60]
          : window
            ? [255, 220, 120]
            : house
              ? [190, 90, 70]
              : [120 + y, 180 + (y >> 1), 235];
      rows.push(r, g, b);
    }
  }
  const chunk = (type: string, data: Uint8Array): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), Buffer.from(data)]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(Buffer.from(rows))),
      chunk('IEND', new Uint8Array()),
    ]),
  );
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(images, { recursive: true });
  await page.screenshot({ path: join(images, name) });
}
