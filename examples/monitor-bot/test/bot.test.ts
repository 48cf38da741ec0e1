import {
  createUserbotClient,
  type StartUserbotOptions,
  type Userbot,
} from '@anonboard/adapter-userbot';
import { startEmulator } from '@anonboard/bot-api-emulator';
import type { Source } from '@anonboard/core';
import { describe, expect, it } from 'vitest';
import { createMonitorBot } from '../src/bot.js';
import { loadConfig } from '../src/config.js';
import { fakeSession } from './support/run-main.js';

/** A userbot that never connects: it records what the bot asks of it. */
function fakeUserbot(options: StartUserbotOptions, calls: string[]): Userbot {
  return {
    client: createUserbotClient(options.config),
    async start() {},
    async refresh(): Promise<readonly Source[]> {
      calls.push('refresh');
      return options.feed.listSources();
    },
    async catchUp() {
      return { sources: 0, messages: 0, failed: [] };
    },
    async addSource(): Promise<Source> {
      throw new Error('not in this test');
    },
    watching: () => [],
    async idle() {},
    async stop() {
      calls.push('stop');
    },
  };
}

describe('createMonitorBot', () => {
  it('configures the feed from the settings and runs the userbot with it when configured', async () => {
    const emu = await startEmulator();
    const calls: string[] = [];
    let given: StartUserbotOptions | undefined;
    const config = loadConfig({
      CHANNEL_ID: '-1001234567890',
      ADMIN_IDS: '111,222',
      DEFAULT_THRESHOLD: '0.7',
      FEED_TOPIC: 'Район',
      DATABASE_PATH: ':memory:',
      TG_API_ID: '123456',
      TG_API_HASH: '0123456789abcdef0123456789abcdef',
      TG_SESSION: fakeSession(),
    });
    const app = await createMonitorBot(
      { ...config, botToken: emu.token, apiRoot: emu.apiRoot },
      {
        startUserbot: async (options) => {
          given = options;
          return fakeUserbot(options, calls);
        },
      },
    );
    try {
      await app.start();
      expect(given?.feed).toBe(app.feed);
      expect(given?.config.apiId).toBe(123456);
      expect(app.userbot).toBeDefined();
      const settings = await app.feed.settings();
      expect(settings).toMatchObject({
        channel: '-1001234567890',
        defaultThreshold: 0.7,
        topic: 'Район',
      });
      expect(settings.admins).toHaveLength(2);
      const admin = emu.user({ id: 111, first_name: 'Admin' });
      await admin.command('start');
      const menu = await emu.waitFor(() => admin.lastReceived());
      expect(menu.text).toContain('/queue');
    } finally {
      await app.stop();
      await app.userbot?.client.destroy();
      await emu.close();
    }
    expect(calls).toEqual(['stop']);
  });
});

describe('the admin Mini App of the monitor bot', () => {
  it('is served on PORT, and only admins get the menu button that opens it', async () => {
    const emu = await startEmulator();
    const admin = emu.user({ id: 111, first_name: 'Admin', language_code: 'en' });
    const reader = emu.user({ id: 333, first_name: 'Reader' });
    const lines: string[] = [];
    const config = loadConfig({
      CHANNEL_ID: '@district_news',
      // 222 never opened the bot: setting their button fails, and the others still get theirs.
      ADMIN_IDS: '111,222',
      DATABASE_PATH: ':memory:',
      WEBAPP_URL: 'http://127.0.0.1:9/',
    });
    const app = await createMonitorBot(
      { ...config, botToken: emu.token, apiRoot: emu.apiRoot, port: 0, host: '127.0.0.1' },
      { log: (line) => lines.push(line) },
    );
    try {
      await app.start();
      expect(await app.bot.api.getChatMenuButton({ chat_id: admin.user.id })).toEqual({
        type: 'web_app',
        text: 'Модерация',
        web_app: { url: 'http://127.0.0.1:9/' },
      });
      expect(await app.bot.api.getChatMenuButton({ chat_id: reader.user.id })).toMatchObject({
        type: 'default',
      });
      expect(lines.some((line) => line.includes("could not set an admin's menu button"))).toBe(
        true,
      );

      const base = `http://127.0.0.1:${app.port}`;
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const page = await fetch(`${base}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<script type="module" src="app.js?v=');
      // The API wants an admin's initData.
      expect((await fetch(`${base}/api/queue`)).status).toBe(401);
    } finally {
      await app.stop();
      await emu.close();
    }
  });
});
