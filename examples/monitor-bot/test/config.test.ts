import { ConfigError, describeDatabase } from '@examples/shared';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { fakeSession } from './support/run-main.js';

describe('loadConfig', () => {
  it('fills the defaults; empty variables count as unset; monitoring is off without TG_*', () => {
    const config = loadConfig({ BOT_TOKEN: '', TG_API_ID: ' ' });
    expect(config).toMatchObject({
      botToken: undefined,
      apiRoot: undefined,
      database: { kind: 'sqlite', path: './data/monitor.sqlite' },
      channel: undefined,
      adminIds: [],
      locale: 'ru',
      defaultThreshold: undefined,
      topic: undefined,
      userbot: undefined,
      queueExpiryMs: undefined,
      scoreTimeoutMs: undefined,
      sendLimits: undefined,
      port: undefined,
      webAppUrl: undefined,
      directMessages: { mode: 'queue', plainMessages: false },
    });
    expect(config.scorer.name).toBe('offline');
  });

  it("reads how the channel's direct messages join the queue, and refuses anything else", () => {
    expect(
      loadConfig({ DIRECT_MESSAGES: 'score', DIRECT_MESSAGES_PLAIN: 'true' }).directMessages,
    ).toEqual({ mode: 'score', plainMessages: true });
    expect(() => loadConfig({ DIRECT_MESSAGES: 'all', DIRECT_MESSAGES_PLAIN: 'yes' })).toThrow(
      /DIRECT_MESSAGES must be queue or score[\s\S]*DIRECT_MESSAGES_PLAIN must be true or false/,
    );
  });

  it('reads the queue expiry, the scorer timeout, the sending rate and the integrity check', () => {
    expect(
      loadConfig({
        QUEUE_EXPIRY: '3d',
        SCORE_TIMEOUT: '45s',
        SEND_RATE: '10',
        DATABASE_PATH: './feed.sqlite',
        DATABASE_INTEGRITY_CHECK: 'quick',
      }),
    ).toMatchObject({
      queueExpiryMs: 3 * 24 * 60 * 60_000,
      scoreTimeoutMs: 45_000,
      sendLimits: { perSecond: 10, perChatPerSecond: null },
      database: { kind: 'sqlite', path: './feed.sqlite', integrityCheck: 'quick' },
    });
    // off keeps every item until someone decides.
    expect(loadConfig({ QUEUE_EXPIRY: 'off' }).queueExpiryMs).toBe(0);
  });

  it('reads every setting', () => {
    const config = loadConfig({
      BOT_TOKEN: '123456789:AAE-abc_DEF',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/',
      DATABASE_URL: 'postgres://bot:s3cret@db:5432/feed',
      CHANNEL_ID: '-1001234567890',
      ADMIN_IDS: '111, 222',
      LOCALE: 'en',
      DEFAULT_THRESHOLD: '0.65',
      FEED_TOPIC: 'Новости района',
      SCORER: 'openai',
      OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
      OPENAI_MODEL: 'qwen2.5:7b',
      TG_API_ID: '123456',
      TG_API_HASH: '0123456789abcdef0123456789abcdef',
      TG_SESSION: fakeSession(),
      PORT: '8080',
      HOST: '127.0.0.1',
      WEBAPP_URL: 'https://desk.example.com/admin/',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      webAppUrl: 'https://desk.example.com/admin/',
      botToken: '123456789:AAE-abc_DEF',
      apiRoot: 'http://127.0.0.1:8081',
      database: { kind: 'postgres', url: 'postgres://bot:s3cret@db:5432/feed' },
      channel: '-1001234567890',
      adminIds: [111, 222],
      locale: 'en',
      defaultThreshold: 0.65,
      topic: 'Новости района',
      userbot: { apiId: 123456, apiHash: '0123456789abcdef0123456789abcdef' },
    });
    expect(config.scorer.name).toContain('qwen2.5:7b');
    expect(describeDatabase(config.database)).toBe('postgres://bot:***@db:5432/feed');
    expect(loadConfig({ CHANNEL_ID: '@district_news' }).channel).toBe('@district_news');
  });

  it('names each bad setting on a line of its own', () => {
    const cases: Array<[Record<string, string>, string]> = [
      [
        { BOT_TOKEN: 'not-a-token', CHANNEL_ID: '@news', ADMIN_IDS: '1' },
        'BOT_TOKEN must look like',
      ],
      [{ TELEGRAM_API_ROOT: 'ftp://x' }, 'TELEGRAM_API_ROOT must be an http(s) URL'],
      [{ DATABASE_URL: 'mysql://x/y' }, 'DATABASE_URL must be a PostgreSQL URL'],
      [
        { CHANNEL_ID: '12345' },
        'CHANNEL_ID must be the channel id like -1001234567890 or its @username',
      ],
      [{ ADMIN_IDS: '1,,2' }, 'ADMIN_IDS must be Telegram user ids'],
      [{ LOCALE: 'de' }, 'LOCALE must be ru or en'],
      [{ DEFAULT_THRESHOLD: '1.5' }, 'DEFAULT_THRESHOLD must be a number from 0 to 1'],
      [{ SCORER: 'gigachat' }, 'GIGACHAT_CREDENTIALS is required when SCORER=gigachat'],
      [{ TG_API_ID: '123456' }, 'TG_API_HASH, TG_SESSION are not set'],
      [
        { TG_API_ID: 'x', TG_API_HASH: 'y', TG_SESSION: 'z' },
        'TG_API_ID must be a positive integer',
      ],
      [{ PORT: '70000' }, 'PORT must be a port number'],
      [{ WEBAPP_URL: 'http://desk.example.com/' }, 'WEBAPP_URL must be an https URL'],
      [{ BOT_TOKEN: '1:A' }, 'CHANNEL_ID is required'],
      [{ BOT_TOKEN: '1:A' }, 'ADMIN_IDS is required'],
      [{ QUEUE_EXPIRY: '7' }, 'QUEUE_EXPIRY must be a duration like 90s, 10m, 1h or 30d or off'],
      [{ QUEUE_EXPIRY: '10m' }, 'QUEUE_EXPIRY must be at least 1h'],
      [{ SCORE_TIMEOUT: '1h' }, 'SCORE_TIMEOUT must be at most 10m'],
      [{ SEND_RATE: '5000' }, 'SEND_RATE must be a whole number from 1 to 1000'],
    ];
    for (const [env, message] of cases) {
      const attempt = () => loadConfig(env);
      expect(attempt).toThrow(ConfigError);
      expect(attempt).toThrow(`[anonboard] invalid configuration: ${message}`);
    }
    try {
      loadConfig({ LOCALE: 'de', CHANNEL_ID: 'news', SCORER: 'magic' });
      expect.unreachable();
    } catch (error) {
      const lines = String((error as Error).message).split('\n');
      expect(lines).toHaveLength(3);
      for (const line of lines)
        expect(line).toMatch(/^\[anonboard\] invalid configuration: [A-Z_]+ /);
    }
  });
});
