import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBoard, MemoryStorage } from '@anonboard/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createMiniApp, TELEGRAM_WEB_APP_SCRIPT } from '../src/index.js';
import { serve } from './support/app-server.js';
import { BOT_TOKEN } from './support/init-data.js';

const board = createBoard({ storage: new MemoryStorage() });

function configOf(html: string): {
  defaultLocale: string;
  texts: Record<string, Record<string, string>>;
} {
  const json = /<script id="anonboard-config" type="application\/json">(.*?)<\/script>/s.exec(
    html,
  )?.[1];
  expect(json).toBeDefined();
  return JSON.parse(json ?? '{}');
}

describe('the page', () => {
  it('serves index.html with its config, the Telegram script and versioned assets', async () => {
    const { url } = await serve({ board, botToken: BOT_TOKEN, botUsername: 'board_bot' });
    const response = await fetch(`${url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain(
      "script-src 'self' https://telegram.org",
    );
    const html = await response.text();
    expect(html).toContain(`<script src="${TELEGRAM_WEB_APP_SCRIPT}"></script>`);
    expect(html).toMatch(/<link rel="stylesheet" href="style\.css\?v=[\w-]{12}">/);
    expect(html).toMatch(/<script type="module" src="app\.js\?v=[\w-]{12}"><\/script>/);
    const config = configOf(html);
    expect(config).toMatchObject({ defaultLocale: 'ru', botUsername: 'board_bot', pageSize: 20 });
    expect(config.texts.ru?.['page.write']).toBe('Написать');
    expect(config.texts.en?.['page.write']).toBe('Message');
    // Only the page's strings travel; never the bot token.
    expect(Object.keys(config.texts.ru ?? {}).every((key) => key.startsWith('page.'))).toBe(true);
    expect(html).not.toContain(BOT_TOKEN);
    expect(await (await fetch(`${url}/index.html`)).text()).toBe(html);
  });

  it('takes text overrides and the locale, and escapes them safely', async () => {
    const { url } = await serve({
      board,
      botToken: BOT_TOKEN,
      locale: 'en',
      telegramWebAppScript: false,
      texts: { ru: { 'page.title': 'Барахолка</script><script>alert(1)</script>' } },
    });
    const html = await (await fetch(url)).text();
    expect(html).not.toContain('telegram-web-app.js');
    expect(html).not.toContain('<script>alert(1)');
    const config = configOf(html);
    expect(config.defaultLocale).toBe('en');
    expect(config.texts.ru?.['page.title']).toBe('Барахолка</script><script>alert(1)</script>');
  });

  it('serves style.css and app.js with content types, ETags and long caching when versioned', async () => {
    const { url } = await serve({ board, botToken: BOT_TOKEN });
    const html = await (await fetch(url)).text();
    const versioned = /src="(app\.js\?v=[\w-]+)"/.exec(html)?.[1] ?? '';

    const js = await fetch(`${url}/${versioned}`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await js.text()).toContain('tg.sendData(');

    const plain = await fetch(`${url}/app.js`);
    expect(plain.headers.get('cache-control')).toBe('no-cache');
    const etag = plain.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[\w-]{12}"$/);
    const revalidated = await fetch(`${url}/app.js`, { headers: { 'if-none-match': etag } });
    expect(revalidated.status).toBe(304);

    const css = await fetch(`${url}/style.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toContain('.searchbar');
    // Telegram's theme lives in the stylesheet both Mini Apps share.
    const theme = await fetch(`${url}/telegram-theme.css`);
    expect(await theme.text()).toContain('--tg-theme-bg-color');

    const head = await fetch(`${url}/style.css`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await fetch(`${url}/style.css`, { method: 'POST' })).status).toBe(405);
  });

  it('serves nothing outside public/', async () => {
    const { url } = await serve({ board, botToken: BOT_TOKEN });
    for (const path of [
      '/package.json',
      '/../package.json',
      '/%2e%2e/package.json',
      '/src/index.ts',
      '/nope.js',
    ]) {
      const response = await fetch(`${url}${path}`);
      expect(response.status, path).toBe(404);
    }
  });
});

describe('mounting', () => {
  const servers: Array<() => void> = [];
  afterEach(() => {
    for (const close of servers.splice(0)) close();
  });

  it('passes unknown paths to next() when the host gives one', async () => {
    const miniApp = createMiniApp({ board, botToken: BOT_TOKEN });
    const server = createServer((req, res) => {
      miniApp.handler(req, res, () => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('host');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(() => {
      server.closeAllConnections();
      server.close();
    });
    const { port } = server.address() as AddressInfo;
    expect(await (await fetch(`http://127.0.0.1:${port}/health`)).text()).toBe('host');
    expect((await fetch(`http://127.0.0.1:${port}/api/ads`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/api/missing`)).status).toBe(404);
  });
});
