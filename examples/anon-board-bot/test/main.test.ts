import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@anonboard/bot-api-emulator';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { killMains, type MainProcess, runMain } from './run-main.js';
import { freePort } from './support/net.js';

const dir = mkdtempSync(join(tmpdir(), 'anon-board-bot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
});
afterEach(async () => {
  await killMains();
  await emu.close();
});

function start(databasePath: string, env: Record<string, string> = {}): MainProcess {
  return runMain({
    BOT_TOKEN: emu.token,
    TELEGRAM_API_ROOT: emu.apiRoot,
    DATABASE_PATH: databasePath,
    ...env,
  });
}

const textOf = (m: { text?: string }) => m.text ?? '';

describe('npm start with BOT_TOKEN', () => {
  it('serves the bot, stops cleanly on SIGTERM, and continues from the database after a restart', async () => {
    const path = join(dir, 'nested', 'folder', 'board.sqlite');
    const bob = emu.user({ first_name: 'Bob', language_code: 'en' });
    const alice = emu.user({ first_name: 'Alice', language_code: 'ru' });

    const first = start(path);
    await emu.waitFor(() => first.stdout().includes('is running'), { timeout: 15_000 });
    const commands = await fetch(`${emu.apiRoot}/bot${emu.token}/getMyCommands`).then((r) =>
      r.json(),
    );
    expect(JSON.stringify(commands)).toContain('newad');

    await bob.command('newad', 'Bicycle\nAlmost new');
    const published = await emu.waitFor(() =>
      bob.received.find((m) => textOf(m).includes('?start=')),
    );
    const payload = /start=(ad_[\w-]+)/.exec(textOf(published))?.[1] ?? '';
    await alice.command('start', payload);
    await emu.waitFor(() => alice.received.some((m) => textOf(m).startsWith('✍️')));

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.stdout()).toContain('stopped');
    expect(first.stderr()).toBe('');

    // Restarted: Alice's opened ad is remembered, so her message becomes the invite.
    const second = start(path);
    await emu.waitFor(() => second.stdout().includes('is running'), { timeout: 15_000 });
    await alice.send('Сколько скоростей?');
    await emu.waitFor(() => bob.received.some((m) => textOf(m) === 'Сколько скоростей?'));
    await emu.waitFor(() =>
      bob.received.some((m) => (m.reply_markup?.inline_keyboard.length ?? 0) > 0),
    );
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  });

  it('serves the Mini App on PORT, sets the menu button and offers it from /start', async () => {
    const port = await freePort();
    const webAppUrl = `http://127.0.0.1:${port}/`;
    const main = start(join(dir, 'mini-app', 'board.sqlite'), {
      PORT: String(port),
      HOST: '127.0.0.1',
      WEBAPP_URL: webAppUrl,
    });
    await emu.waitFor(() => main.stdout().includes('HTTP on 127.0.0.1'), { timeout: 15_000 });
    expect(main.stdout()).toContain('is running (long polling)');

    // The bot's menu button opens the Mini App…
    const menuButton = emu.calls.find((c) => c.method === 'setChatMenuButton');
    expect(menuButton?.params).toMatchObject({
      menu_button: { type: 'web_app', web_app: { url: webAppUrl } },
    });
    // …and so does a button of the /start menu.
    const carol = emu.user({ first_name: 'Carol', language_code: 'en' });
    await carol.command('start');
    const menu = await emu.waitFor(() => carol.received.find((m) => textOf(m).startsWith('👋')));
    expect(menu.reply_markup?.inline_keyboard).toEqual([
      [{ text: '📋 Ads', web_app: { url: webAppUrl } }],
    ]);

    // The page and the API answer on 127.0.0.1, on the same board as the bot.
    await carol.command('newad', 'Canoe\nRed, 4 m');
    await emu.waitFor(() => carol.received.some((m) => textOf(m).includes('?start=ad_')));
    const page = await fetch(webAppUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<script');
    const list = await fetch(`${webAppUrl}api/ads`);
    expect(list.headers.get('content-type')).toContain('application/json');
    const body = (await list.json()) as { ads: Array<{ title: string; mine: boolean }> };
    expect(body.ads).toMatchObject([{ title: 'Canoe', mine: false }]);
    expect((await fetch(`${webAppUrl}healthz`)).status).toBe(200);

    // SIGTERM closes the server with the bot.
    main.child.kill('SIGTERM');
    expect(await main.exited).toBe(0);
    expect(main.stderr()).toBe('');
    await expect(fetch(webAppUrl)).rejects.toThrow();
  });

  it('stops with one clear error line and exit code 1 when the Bot API refuses the token', async () => {
    const main = runMain({
      BOT_TOKEN: '123:not-this-bot',
      TELEGRAM_API_ROOT: emu.apiRoot,
      DATABASE_PATH: join(dir, 'refused', 'board.sqlite'),
    });
    expect(await main.exited).toBe(1);
    const lines = main.stdout().trim().split('\n');
    expect(JSON.parse(lines.at(-1) ?? '{}')).toMatchObject({
      level: 50,
      msg: `could not start the bot: the Bot API at ${emu.apiRoot} refused the token (401 Unauthorized): check BOT_TOKEN`,
    });
    expect(main.stdout()).not.toContain('not-this-bot');
  });

  it('stops with one clear line and exit code 1 on a bad setting', async () => {
    const main = runMain({ BOT_TOKEN: emu.token, LOCALE: 'fr' });
    expect(await main.exited).toBe(1);
    expect(main.stderr().trim()).toBe('[anonboard] invalid configuration: LOCALE must be ru or en');
    expect(main.stdout()).toBe('');
  });
});
