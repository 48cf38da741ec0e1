import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { anonboard, createTransport, startDispatcher } from '@anonboard/adapter-grammy';
import { type Emulator, type Message, startEmulator } from '@anonboard/bot-api-emulator';
import { type Board, createBoard } from '@anonboard/core';
import { openSqliteStorage } from '@anonboard/storage-sqlite';
import { Api, Bot } from 'grammy';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { menuButtonFor } from '../src/index.js';
import { serveUntilClosed } from './support/app-server.js';
import {
  browserTests,
  CHROMIUM,
  launchChromium,
  type OpenOptions,
  openMiniApp,
} from './support/browser.js';
import type { TestUser } from './support/init-data.js';

const screenshot = fileURLToPath(new URL('../../../docs/images/mini-app.png', import.meta.url));

if (browserTests.skip) {
  console.warn(
    `[anonboard] [mini-app] browser test skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`,
  );
}

// In CI Chromium is installed, so a missing one is a failure, not a skip.
// A browser story takes seconds on an idle machine and much longer on a busy one (CI shares it).
describe.skipIf(browserTests.skip)(
  'the Mini App in Chromium, with a real bot',
  { timeout: 90_000 },
  () => {
    let emu: Emulator;
    let bot: Bot;
    let board: Board;
    let browser: Browser;
    let url: string;
    let stop: () => Promise<void>;
    // Any uncaught error in the page fails the suite.
    const pageErrors: Error[] = [];

    beforeAll(async () => {
      emu = await startEmulator();
      const dir = mkdtempSync(join(tmpdir(), 'anonboard-mini-app-'));
      const storage = openSqliteStorage({ path: join(dir, 'board.sqlite') });
      board = createBoard({
        storage,
        transport: createTransport(new Api(emu.token, { apiRoot: emu.apiRoot })),
        dispatcher: { pollIntervalMs: 20, backoff: { baseMs: 20, maxMs: 200 } },
      });
      bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
      bot.use(anonboard({ board, standalone: true }));
      const dispatcher = startDispatcher(board);
      await new Promise<void>((resolve, reject) => {
        bot.start({ timeout: 1, onStart: () => resolve() }).catch(reject);
      });
      const served = await serveUntilClosed({
        board,
        botToken: emu.token,
        botUsername: 'anonboard_bot',
      });
      url = served.url;
      browser = await launchChromium();
      stop = async () => {
        await browser.close();
        await served.close();
        if (bot.isRunning()) await bot.stop();
        await dispatcher.stop();
        await storage.close();
        await emu.close();
        rmSync(dir, { recursive: true, force: true });
      };
    }, 60_000);

    afterEach(() => {
      expect(pageErrors.splice(0)).toEqual([]);
    });

    afterAll(async () => {
      await stop?.();
    });

    it('publishes as A, finds it by search as B, and the first message reaches A with both buttons', async () => {
      const a = emu.user({ id: 741_852_963, first_name: 'Alisandra', language_code: 'ru' });
      const b = emu.user({ id: 852_963_741, first_name: 'Bobrislav', language_code: 'ru' });
      const c = emu.user({ id: 963_741_852, first_name: 'Carolinea', language_code: 'ru' });
      await bot.api.setChatMenuButton(menuButtonFor(`${url}/`));
      expect(await bot.api.getChatMenuButton()).toMatchObject({ type: 'web_app' });

      // C has a few ads up already, so the list looks like a real board.
      const asC = await openAs(asTestUser(c.user));
      for (const [title, text] of [
        ['Отдам котёнка в добрые руки', 'Рыжий, 3 месяца, приучен к лотку. Заберите до выходных.'],
        ['Сдам комнату у метро', '15 минут до центра, тихие соседи. Без животных, от 3 месяцев.'],
        ['Ищу репетитора по английскому', 'Для школьника 7 класса, два раза в неделю, онлайн.'],
        ['Найдены ключи у подъезда', 'Связка из трёх ключей с брелоком, дом 12 по Садовой.'],
        ['Продам зимние шины R16', 'Комплект из 4 шин, один сезон. Самовывоз.'],
      ] as const) {
        await publishOn(asC, title, text);
      }

      // A publishes through the page.
      const asA = await openAs(asTestUser(a.user));
      await publishOn(asA, 'Продам велосипед Stels', 'Горный, 26", почти новый. Торг уместен.');
      await asA.getByText('ваше', { exact: true }).waitFor();
      await asA.getByRole('button', { name: 'Закрыть объявление' }).waitFor();

      // B searches, opens it and writes the one first message.
      const asB = await openAs(asTestUser(b.user));
      await asB.getByText('Отдам котёнка в добрые руки').waitFor();
      await asB.getByRole('searchbox').fill('велосипед');
      await expect
        .poll(() => asB.locator('.card-title').allTextContents())
        .toEqual(['Продам велосипед Stels']);
      await asB.getByText('Продам велосипед Stels').click();
      await asB.getByRole('button', { name: 'Написать' }).click();
      await asB.getByRole('textbox').fill('Здравствуйте! Ещё продаёте? Могу забрать завтра.');
      await asB.getByRole('button', { name: 'Отправить' }).click();
      await asB.getByText('Отправлено. Если автор примет приглашение').waitFor();

      const invite = await waitForInvite(emu, () => a.received, 'Могу забрать завтра.');
      expect(invite.text).toContain('Продам велосипед Stels');
      expect(buttonTexts(invite)).toEqual(['✅ Принять', '❌ Отклонить']);
      expect(JSON.stringify(invite)).not.toContain('Bobrislav');
      expect(JSON.stringify(invite)).not.toContain(String(b.user.id));

      // A second try is refused with the board's sentence.
      await asB.getByRole('button', { name: '← Назад' }).click();
      await asB.getByText('Продам велосипед Stels').click();
      await asB.getByRole('button', { name: 'Написать' }).click();
      await asB.getByRole('textbox').fill('Ау?');
      await asB.getByRole('button', { name: 'Отправить' }).click();
      await asB.getByText('Вы уже написали автору этого объявления').waitFor();

      // The screenshot for the README: B's board at phone size.
      await asB.getByRole('button', { name: '← Назад' }).click();
      await asB.getByRole('searchbox').fill('');
      await expect.poll(() => asB.locator('.card').count()).toBe(6);
      await asB.locator('.search').blur();
      mkdirSync(dirname(screenshot), { recursive: true });
      await asB.screenshot({ path: screenshot });

      // A closes the ad from "Мои".
      await asA.getByRole('button', { name: 'Мои' }).click();
      await asA.getByText('Продам велосипед Stels').click();
      await asA.getByRole('button', { name: 'Закрыть объявление' }).click();
      await asA.getByText('закрыто', { exact: true }).waitFor();
      await asA.getByRole('button', { name: 'Мои' }).click();
      await asA.locator('.card-closed').getByText('Продам велосипед Stels').waitFor();
      await expect.poll(() => a.received.some((m) => m.text?.includes('закрыто'))).toBe(true);

      for (const page of [asA, asB, asC]) await page.context().close();
    });

    it('a keyboard-button launch (no initData) writes through sendData, handled by the bot', async () => {
      const author = emu.user({ id: 111_222_333, first_name: 'Author', language_code: 'ru' });
      const reader = emu.user({ id: 444_555_666, first_name: 'Reader', language_code: 'ru' });
      const asAuthor = await openAs(asTestUser(author.user));
      await publishOn(asAuthor, 'Куплю детское кресло', 'Для машины, до 18 кг.');

      const page = await openAs(undefined);
      await page.getByText('Вы открыли доску с клавиатуры бота').waitFor();
      expect(await page.getByRole('button', { name: 'Новое' }).isVisible()).toBe(false);
      await page.getByText('Куплю детское кресло').click();
      await page.getByRole('button', { name: 'Написать' }).click();
      await page.getByRole('textbox').fill('Есть кресло Britax, почти новое.');
      await page.getByRole('button', { name: 'Отправить' }).click();
      await page.getByText('Отправлено боту').waitFor();

      const sent = await page.evaluate('window.__sentData');
      expect(Array.isArray(sent) && sent.length === 1).toBe(true);
      const payload = JSON.parse(String((sent as unknown[])[0]));
      expect(Object.keys(payload).sort()).toEqual(['ad_id', 'message']);
      expect(payload.message).toBe('Есть кресло Britax, почти новое.');

      // Telegram delivers the data to the bot as web_app_data from the reader.
      await reader.webAppData(JSON.stringify(payload));
      const invite = await waitForInvite(emu, () => author.received, 'Britax');
      expect(buttonTexts(invite)).toEqual(['✅ Принять', '❌ Отклонить']);

      await page.context().close();
      await asAuthor.context().close();
    });

    it('follows Telegram’s theme and the person’s language', async () => {
      const carol: TestUser = { id: 777_888_999, first_name: 'Carol', language_code: 'en' };
      const dark = await openAs(carol, { colorScheme: 'dark' });
      await dark.getByRole('button', { name: 'Ads' }).waitFor();
      expect(await backgroundOf(dark)).toBe('rgb(35, 46, 60)');
      await dark.context().close();

      const themed = await openAs(carol, {
        themeParams: { bg_color: '#101820', secondary_bg_color: '#202830', text_color: '#fafafa' },
      });
      await themed.getByRole('button', { name: 'Mine' }).waitFor();
      expect(await backgroundOf(themed)).toBe('rgb(32, 40, 48)');
      await themed.context().close();
    });

    // --- Helpers of this suite ---

    /** A page as `user` (signed initData), or as a keyboard-button launch (`undefined`). */
    function openAs(user: TestUser | undefined, options: OpenOptions = {}): Promise<Page> {
      return openMiniApp(browser, `${url}/`, user, pageErrors, options);
    }
  },
);

// --- Internal helpers ---

function asTestUser(user: { id: number; first_name: string; language_code?: string }): TestUser {
  return {
    id: user.id,
    first_name: user.first_name,
    ...(user.language_code === undefined ? {} : { language_code: user.language_code }),
  };
}

async function publishOn(page: Page, title: string, text: string): Promise<void> {
  await page.getByRole('button', { name: 'Новое' }).click();
  await page.getByLabel('Заголовок').fill(title);
  await page.getByLabel('Текст').fill(text);
  await page.getByRole('button', { name: 'Опубликовать' }).click();
  await page.getByRole('heading', { name: title }).waitFor();
}

function buttonTexts(message: Message): string[] {
  return (message.reply_markup?.inline_keyboard ?? []).flatMap((row) => row.map((b) => b.text));
}

function waitForInvite(
  emu: Emulator,
  received: () => Message[],
  fragment: string,
): Promise<Message> {
  return emu.waitFor(
    () => received().find((m) => m.text?.includes(fragment) && buttonTexts(m).length > 0),
    { timeout: 10_000, message: `the invite with “${fragment}”` },
  );
}

function backgroundOf(page: Page): Promise<unknown> {
  return page.evaluate('getComputedStyle(document.body).backgroundColor');
}
