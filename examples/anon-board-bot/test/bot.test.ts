import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '@anonboard/bot-api-emulator';
import { RecordingLogger } from '@anonboard/core/testing';
import { typeIntoSandbox } from '@examples/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { createBoardBot } from '../src/bot.js';
import { loadConfig } from '../src/config.js';
import { runSandbox } from '../src/sandbox.js';
import { freePort } from './support/net.js';

const dir = mkdtempSync(join(tmpdir(), 'anon-board-bot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('createBoardBot', () => {
  it('builds the bot from the settings, in the configured default language', async () => {
    const emu = await startEmulator();
    const app = await createBoardBot({
      ...loadConfig({ LOCALE: 'en', DATABASE_PATH: join(dir, 'a', 'board.sqlite') }),
      botToken: emu.token,
      apiRoot: emu.apiRoot,
    });
    try {
      await app.start();
      const stranger = emu.user({ first_name: 'Zed', language_code: 'de' });
      await stranger.command('help');
      const help = await emu.waitFor(() => stranger.lastReceived());
      expect(help.text).toContain('How it works');
    } finally {
      await app.stop();
      await emu.close();
    }
    await expect(app.storage.transaction(async () => 1)).rejects.toThrow();
  });

  it('makes ADMIN_IDS the moderators: report cards reach them, /stats answers them', async () => {
    const emu = await startEmulator();
    const admin = emu.user({ id: 777_001, first_name: 'Ada', language_code: 'ru' });
    const app = await createBoardBot({
      ...loadConfig({ ADMIN_IDS: String(admin.id), DATABASE_PATH: join(dir, 'b', 'board.sqlite') }),
      botToken: emu.token,
      apiRoot: emu.apiRoot,
    });
    try {
      await app.start();
      const scope = { type: 'chat', chat_id: admin.id } as const;
      const listed = await app.bot.api.getMyCommands({ scope });
      expect(listed.map((c) => c.command)).toContain('stats');
      await admin.command('stats');
      await emu.waitFor(() => admin.received.find((m) => m.text?.includes('📊 Статистика доски')));

      const [author, reader] = [emu.user({ first_name: 'Bo' }), emu.user({ first_name: 'Al' })];
      await author.command('newad', 'Лодка\nДвухместная');
      const link = await emu.waitFor(() =>
        author.received.map((m) => /start=(ad_\S+)/.exec(m.text ?? '')?.[1]).find(Boolean),
      );
      await reader.command('start', link);
      await emu.waitFor(() => reader.received.length === 1);
      await reader.send('Здравствуйте');
      const invite = await emu.waitFor(() => author.received.find((m) => m.reply_markup));
      await author.press(invite);
      await emu.waitFor(() => reader.received.some((m) => m.text?.startsWith('✅')));
      await reader.command('report', 'Спам');
      const card = await emu.waitFor(() => admin.received.find((m) => m.reply_markup));
      expect(card.text).toContain('🚩 Жалоба на чат «Лодка»');
    } finally {
      await app.stop();
      await emu.close();
    }
  });
});

describe('a Bot API with fewer methods', () => {
  it('starts without setMyCommands and setChatMenuButton: warnings, and the bot works', async () => {
    const emu = await startEmulator({
      unsupportedMethods: ['setMyCommands', 'getMyCommands', 'setChatMenuButton'],
    });
    const logger = new RecordingLogger();
    const app = await createBoardBot(
      {
        ...loadConfig({
          LOCALE: 'en',
          ADMIN_IDS: '777002',
          WEBAPP_URL: 'https://board.example.com/',
          DATABASE_PATH: join(dir, 'fewer', 'board.sqlite'),
        }),
        botToken: emu.token,
        apiRoot: emu.apiRoot,
      },
      { logger },
    );
    try {
      await app.start();
      // Without getMyCommands the lists are left alone (merging blind would replace a host's).
      const methods = logger.at('warn').map((line) => line.fields.method);
      expect(methods).toEqual(['getMyCommands', 'setChatMenuButton']);
      expect(emu.calls.filter((c) => c.method === 'setMyCommands')).toEqual([]);
      expect(logger.at('error')).toEqual([]);
      const person = emu.user({ first_name: 'Few', language_code: 'en' });
      await person.command('help');
      const help = await emu.waitFor(() => person.lastReceived());
      expect(help.text).toContain('How it works');
    } finally {
      await app.stop();
      await emu.close();
    }
  });
});

describe('tuning from the environment', () => {
  it('applies the limits and cooldowns it reads', async () => {
    const emu = await startEmulator();
    const app = await createBoardBot({
      ...loadConfig({
        LOCALE: 'en',
        AD_LIMIT: '1/1h',
        COOLDOWNS: '2h',
        DATABASE_PATH: join(dir, 'tuned', 'board.sqlite'),
      }),
      botToken: emu.token,
      apiRoot: emu.apiRoot,
    });
    try {
      await app.start();
      expect(app.board.policy.rateLimits.ad).toEqual({ max: 1, windowMs: 60 * 60_000 });
      expect(app.board.policy.rateLimits.relay).toEqual({ max: 60, windowMs: 60_000 });
      const bob = emu.user({ first_name: 'Bob', language_code: 'en' });
      await bob.command('newad', 'Boat\nWooden');
      await emu.waitFor(() => bob.received.some((m) => m.text?.includes('?start=ad_')));
      // The second ad in the hour is over AD_LIMIT: refused, with the first COOLDOWNS step.
      await bob.command('newad', 'Oars\nTwo of them');
      const refusal = await emu.waitFor(() => bob.received.find((m) => m.text?.startsWith('Too')));
      expect(refusal.text).toBe('Too often. Try again in 2 h.');
      expect(bob.received.filter((m) => m.text?.includes('?start=ad_'))).toHaveLength(1);
    } finally {
      await app.stop();
      await emu.close();
    }
  });
});

describe('webhook mode', () => {
  it('takes updates only with the secret, on one server with the Mini App and /healthz', async () => {
    const emu = await startEmulator();
    const port = await freePort();
    const secret = 'webhook-secret-0123456789';
    const url = `http://127.0.0.1:${port}/telegram/updates`;
    const app = await createBoardBot({
      ...loadConfig({
        DATABASE_PATH: join(dir, 'webhook', 'board.sqlite'),
        PORT: String(port),
        HOST: '127.0.0.1',
        WEBHOOK_URL: url,
        WEBHOOK_SECRET: secret,
      }),
      botToken: emu.token,
      apiRoot: emu.apiRoot,
    });
    const base = `http://127.0.0.1:${port}`;
    try {
      await app.start();
      expect(app.mode).toBe('webhook');
      expect(app.port).toBe(port);
      expect(emu.calls.find((c) => c.method === 'setWebhook')?.params).toMatchObject({
        url,
        secret_token: secret,
      });

      const bob = emu.user({ first_name: 'Bob', language_code: 'en' });
      await bob.command('newad', 'Kayak\nTwo seats');
      await emu.waitFor(() => bob.received.find((m) => m.text?.includes('?start=ad_')));

      // Only Telegram knows the secret: anyone else gets 401 and the update is not handled.
      const forged = {
        update_id: 900_001,
        message: {
          message_id: 1,
          date: Math.floor(Date.now() / 1000),
          chat: { id: 4242, type: 'private', first_name: 'Mallory' },
          from: { id: 4242, is_bot: false, first_name: 'Mallory' },
          text: '/start',
          entities: [{ type: 'bot_command', offset: 0, length: 6 }],
        },
      };
      const post = (headers: Record<string, string>) =>
        fetch(`${base}/telegram/updates`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(forged),
        });
      expect((await post({})).status).toBe(401);
      expect(
        (await post({ 'x-telegram-bot-api-secret-token': 'wrong-secret-0123456789' })).status,
      ).toBe(401);
      expect((await fetch(`${base}/telegram/updates`)).status).toBe(405);

      expect(await (await fetch(`${base}/healthz`)).text()).toBe('ok');
      const page = await fetch(`${base}/`);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect((await fetch(`${base}/api/ads`)).status).toBe(200);
      await emu.idle();
      expect(JSON.stringify(emu.calls.map((c) => c.params))).not.toContain('4242');
    } finally {
      await app.stop();
      await emu.close();
    }
    // The webhook stays set for the other instances; this one's server is gone.
    expect(emu.calls.some((c) => c.method === 'deleteWebhook')).toBe(false);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });
});

describe('the interactive sandbox', () => {
  it('acts as the people typed and prints what each received', async () => {
    const { code, transcript: out } = await typeIntoSandbox(
      (options) => runSandbox(loadConfig({}), options),
      [
        'bob: /newad Лодка\\nДеревянная',
        'alice open',
        'alice: Сколько?',
        'bob press 1',
        'zed: hi',
        'bob press 9',
        'quit',
        'never read',
      ],
    );
    expect(code).toBe(0);
    expect(out).toContain('bob ← 📢 Объявление «Лодка» опубликовано');
    expect(out).toContain('alice ← ✍️');
    expect(out).toContain('bob ← Сколько?');
    expect(out).toContain('alice ← ✅ Автор объявления «Лодка» принял');
    expect(out).toContain('! "zed" is nobody here');
    expect(out).toContain('! bob has no button 9 to press');
    expect(out).not.toContain('never read');
    // The help comes once, before the first line is read; nothing typed here asked for it again.
    expect(out.split('Act as people in their private chats').length - 1).toBe(1);
  });

  it('prints the help again only when asked', async () => {
    const { transcript: out } = await typeIntoSandbox(
      (options) => runSandbox(loadConfig({}), options),
      ['help', 'quit'],
    );
    expect(out.split('Act as people in their private chats').length - 1).toBe(2);
  });
});
