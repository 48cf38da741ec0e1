import { ConfigError, describeDatabase } from '@examples/shared';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('fills the defaults; empty variables count as unset', () => {
    expect(loadConfig({ BOT_TOKEN: '' })).toEqual({
      botToken: undefined,
      apiRoot: undefined,
      database: { kind: 'sqlite', path: './data/anonboard.sqlite' },
      locale: 'ru',
      adminIds: [],
      port: undefined,
      host: undefined,
      webAppUrl: undefined,
      webhook: undefined,
    });
  });

  it('reads every setting', () => {
    expect(
      loadConfig({
        BOT_TOKEN: '123456789:AAE-abc_DEF',
        TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/',
        DATABASE_PATH: '/var/lib/anonboard/board.sqlite',
        LOCALE: 'en',
        ADMIN_IDS: '111, 222,333',
        PORT: '8080',
        HOST: '127.0.0.1',
        WEBAPP_URL: 'https://board.example.com/app/',
      }),
    ).toEqual({
      botToken: '123456789:AAE-abc_DEF',
      apiRoot: 'http://127.0.0.1:8081',
      database: { kind: 'sqlite', path: '/var/lib/anonboard/board.sqlite' },
      locale: 'en',
      adminIds: [111, 222, 333],
      port: 8080,
      host: '127.0.0.1',
      webAppUrl: 'https://board.example.com/app/',
      webhook: undefined,
    });
  });

  it('chooses PostgreSQL with DATABASE_URL, and webhook mode with WEBHOOK_URL', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://bot:s3cret@db.internal:5432/board',
      DATABASE_PATH: './ignored.sqlite',
      PORT: '8080',
      WEBHOOK_URL: 'https://bot.example.com/telegram/updates',
      WEBHOOK_SECRET: 'a-long_secret-0123456789',
    });
    expect(config.database).toEqual({
      kind: 'postgres',
      url: 'postgres://bot:s3cret@db.internal:5432/board',
    });
    expect(config.webhook).toEqual({
      url: 'https://bot.example.com/telegram/updates',
      path: '/telegram/updates',
      secret: 'a-long_secret-0123456789',
    });
    expect(describeDatabase(config.database)).toBe('postgres://bot:***@db.internal:5432/board');
    expect(loadConfig({ DATABASE_URL: 'postgresql://127.0.0.1/board' }).database.kind).toBe(
      'postgres',
    );
    expect(describeDatabase(loadConfig({}).database)).toBe('./data/anonboard.sqlite');
  });

  it('names each bad setting in one line', () => {
    const webhook = {
      WEBHOOK_URL: 'https://bot.example.com/telegram',
      WEBHOOK_SECRET: 'a-long_secret-0123456789',
      PORT: '8080',
    };
    expect(loadConfig(webhook).webhook?.path).toBe('/telegram');
    const cases: Array<[Record<string, string>, string]> = [
      [{ BOT_TOKEN: 'not-a-token' }, 'BOT_TOKEN must look like'],
      [{ TELEGRAM_API_ROOT: 'ftp://x' }, 'TELEGRAM_API_ROOT must be an http(s) URL'],
      [{ TELEGRAM_API_ROOT: 'nonsense' }, 'TELEGRAM_API_ROOT must be an http(s) URL'],
      [{ LOCALE: 'de' }, 'LOCALE must be ru or en'],
      [{ ADMIN_IDS: '1,,2' }, 'ADMIN_IDS must be Telegram user ids'],
      [{ ADMIN_IDS: '@admin' }, 'ADMIN_IDS must be Telegram user ids'],
      [{ ADMIN_IDS: '12,0' }, 'ADMIN_IDS must be Telegram user ids'],
      [{ PORT: '0' }, 'PORT must be a port number'],
      [{ PORT: 'http' }, 'PORT must be a port number'],
      [{ HOST: 'any host' }, 'HOST must be an address'],
      [{ DATABASE_URL: 'mysql://db/board' }, 'DATABASE_URL must be a PostgreSQL URL'],
      [{ DATABASE_URL: '/var/lib/board' }, 'DATABASE_URL must be a PostgreSQL URL'],
      [{ WEBAPP_URL: 'http://board.example.com/' }, 'WEBAPP_URL must be an https URL'],
      [{ WEBAPP_URL: 'board.example.com' }, 'WEBAPP_URL must be an https URL'],
      [{ ...webhook, WEBHOOK_URL: 'http://bot.example.com/tg' }, 'WEBHOOK_URL must be an https'],
      [{ ...webhook, WEBHOOK_URL: 'https://bot.example.com/' }, 'WEBHOOK_URL needs a path'],
      [{ ...webhook, WEBHOOK_URL: 'https://bot.example.com/api/tg' }, 'must not be under /api/'],
      [{ ...webhook, WEBHOOK_SECRET: 'short' }, 'WEBHOOK_SECRET must be 16-256 characters'],
      [{ ...webhook, WEBHOOK_SECRET: 'has spaces in it, sadly' }, 'WEBHOOK_SECRET must be'],
      [{ ...webhook, WEBHOOK_SECRET: '' }, 'WEBHOOK_SECRET is required with WEBHOOK_URL'],
      [{ ...webhook, PORT: '' }, 'PORT is required with WEBHOOK_URL'],
    ];
    for (const [env, message] of cases) {
      const attempt = () => loadConfig(env);
      expect(attempt).toThrow(ConfigError);
      expect(attempt).toThrow(message);
      try {
        attempt();
      } catch (error) {
        expect(String((error as Error).message)).not.toContain('\n');
      }
    }
    // Every bad setting is named, in the same line.
    expect(() => loadConfig({ LOCALE: 'de', WEBHOOK_URL: 'https://bot.example.com/tg' })).toThrow(
      'LOCALE must be ru or en; WEBHOOK_SECRET is required with WEBHOOK_URL (16-256 characters of A-Z, a-z, 0-9, _ and -); PORT is required with WEBHOOK_URL',
    );
  });
});
