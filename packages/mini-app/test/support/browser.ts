import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { signInitData, type TestUser } from './init-data.js';

/** Debian's Chromium, which the browser tests drive. */
export const CHROMIUM = '/usr/bin/chromium';

/** Whether the browser tests can run here; in CI a missing Chromium is a failure, not a skip. */
export const browserTests = {
  available: existsSync(CHROMIUM),
  skip: !existsSync(CHROMIUM) && !process.env.CI,
};

/** Starts headless Chromium (fails loudly when CI is set and it is missing). */
export async function launchChromium(): Promise<Browser> {
  if (!browserTests.available) {
    throw new Error(`[anonboard] [mini-app] CI is set but ${CHROMIUM} is missing`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** How a Mini App is opened: as whom (signed initData) or from a keyboard button, in which theme. */
export interface OpenOptions {
  readonly colorScheme?: 'light' | 'dark';
  readonly themeParams?: Record<string, string>;
  /** The phone's height in CSS pixels (taller for full-page screenshots). Default 844. */
  readonly height?: number;
}

/**
 * Opens `url` at phone size with a `window.Telegram.WebApp` stand-in (telegram-web-app.js cannot
 * be fetched here) carrying `user`'s signed initData, or none for a keyboard-button launch.
 * Uncaught page errors are pushed to `errors`.
 */
export async function openMiniApp(
  browser: Browser,
  url: string,
  user: TestUser | undefined,
  errors: Error[],
  options: OpenOptions = {},
): Promise<Page> {
  const context: BrowserContext = await browser.newContext({
    viewport: { width: 390, height: options.height ?? 844 },
    deviceScaleFactor: 2,
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
  });
  await context.route('https://telegram.org/**', (route) => route.abort());
  const webApp = {
    initData: user === undefined ? '' : signInitData(user),
    initDataUnsafe: user === undefined ? {} : { user },
    colorScheme: options.colorScheme ?? 'light',
    themeParams: options.themeParams ?? {},
  };
  await context.addInitScript({
    content: `(() => {
      window.__sentData = [];
      const noop = () => {};
      window.Telegram = { WebApp: { ...${JSON.stringify(webApp)},
        ready: noop, expand: noop, close: noop, onEvent: noop, offEvent: noop,
        sendData: (data) => window.__sentData.push(data),
        showConfirm: (text, callback) => callback(true),
        BackButton: { show: noop, hide: noop, onClick: noop, offClick: noop },
      } };
    })();`,
  });
  context.setDefaultTimeout(5000);
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(url);
  return page;
}
