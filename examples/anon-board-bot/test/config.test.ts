import { ConfigError, DEFAULT_HTTP_LIMITS, describeDatabase } from '@examples/shared';
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
      httpLimits: DEFAULT_HTTP_LIMITS,
      webAppUrl: undefined,
      webhook: undefined,
      policy: {},
      sendLimits: undefined,
      log: { level: 'info', format: process.stdout.isTTY ? 'pretty' : 'json' },
    });
  });

  it('reads the log level and format; JSON in production even in a terminal', () => {
    expect(loadConfig({ LOG_LEVEL: 'debug', LOG_FORMAT: 'pretty' }).log).toEqual({
      level: 'debug',
      format: 'pretty',
    });
    expect(loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'warn' }).log).toEqual({
      level: 'warn',
      format: 'json',
    });
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(
      'LOG_LEVEL must be debug, info, warn, error or silent',
    );
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow('LOG_FORMAT must be json or pretty');
  });

  it('reads the limits, cooldowns, retention and sending rate', () => {
    const config = loadConfig({
      RELAY_LIMIT: '120/1m',
      INVITE_LIMIT: '3 / 30m',
      AD_LIMIT: '2/1d',
      REPORT_LIMIT: '5/1h',
      INVITES_PER_DAY: '10',
      INVITES_PER_RECIPIENT_PER_DAY: '100',
      SAME_TEXT_INVITES_PER_DAY: '1',
      COOLDOWNS: '30s, 5m,5m,2h',
      COOLDOWN_DECAY: '12h',
      HISTORY_RETENTION: '90d',
      INVITE_TTL: '3d',
      SEND_RATE: '20',
      SEND_RATE_PER_CHAT: '1',
    });
    const minute = 60_000;
    expect(config.policy).toEqual({
      rateLimits: {
        relay: { max: 120, windowMs: minute },
        invite: { max: 3, windowMs: 30 * minute },
        ad: { max: 2, windowMs: 24 * 60 * minute },
        report: { max: 5, windowMs: 60 * minute },
      },
      invitesPerDay: 10,
      invitesPerRecipientPerDay: 100,
      sameTextInvitesPerDay: 1,
      cooldownStepsMs: [30_000, 5 * minute, 5 * minute, 120 * minute],
      cooldownDecayMs: 12 * 60 * minute,
      historyRetentionMs: 90 * 24 * 60 * minute,
      inviteTtlMs: 3 * 24 * 60 * minute,
    });
    expect(config.sendLimits).toEqual({ perSecond: 20, perChatPerSecond: 1 });
    // Only what is set changes: the other limits keep the library's defaults.
    expect(loadConfig({ RELAY_LIMIT: '30/1m' }).policy).toEqual({
      rateLimits: { relay: { max: 30, windowMs: minute } },
    });
    expect(loadConfig({ SEND_RATE_PER_CHAT: '1' }).sendLimits).toEqual({
      perSecond: 30,
      perChatPerSecond: 1,
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
      httpLimits: DEFAULT_HTTP_LIMITS,
      webAppUrl: 'https://board.example.com/app/',
      webhook: undefined,
      policy: {},
      sendLimits: undefined,
      log: { level: 'info', format: process.stdout.isTTY ? 'pretty' : 'json' },
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
      [{ DATABASE_INTEGRITY_CHECK: 'yes' }, 'DATABASE_INTEGRITY_CHECK must be off, quick or full'],
      [{ RELAY_LIMIT: '60' }, 'RELAY_LIMIT must be MAX/WINDOW like 60/1m or 5/1h'],
      [{ RELAY_LIMIT: '60/minute' }, 'RELAY_LIMIT must be MAX/WINDOW'],
      [{ INVITE_LIMIT: '0/1h' }, 'INVITE_LIMIT must allow from 1 to 1000000'],
      [{ AD_LIMIT: '5/500ms' }, 'AD_LIMIT must have a window of at least 1s'],
      [{ INVITES_PER_DAY: '-1' }, 'INVITES_PER_DAY must be a whole number from 1 to 100000'],
      [{ INVITES_PER_DAY: '2.5' }, 'INVITES_PER_DAY must be a whole number'],
      [{ COOLDOWNS: '1h,1m' }, 'COOLDOWNS must be durations separated by commas, shortest first'],
      [{ COOLDOWNS: '1m,,1h' }, 'COOLDOWNS must be durations'],
      [{ COOLDOWNS: '100ms' }, 'COOLDOWNS must be durations'],
      [{ COOLDOWN_DECAY: '1 day' }, 'COOLDOWN_DECAY must be a duration like 90s, 10m, 1h or 30d'],
      [{ HISTORY_RETENTION: '30m' }, 'HISTORY_RETENTION must be at least 1h'],
      [{ INVITE_TTL: '7' }, 'INVITE_TTL must be a duration'],
      [{ SEND_RATE: '0' }, 'SEND_RATE must be a whole number from 1 to 1000'],
      [{ SEND_RATE_PER_CHAT: 'fast' }, 'SEND_RATE_PER_CHAT must be a whole number from 1 to 1000'],
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
