import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('fills the defaults; empty variables count as unset', () => {
    expect(loadConfig({ BOT_TOKEN: '' })).toEqual({
      botToken: undefined,
      apiRoot: undefined,
      databasePath: './data/anonboard.sqlite',
      locale: 'ru',
      adminIds: [],
      port: undefined,
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
      }),
    ).toEqual({
      botToken: '123456789:AAE-abc_DEF',
      apiRoot: 'http://127.0.0.1:8081',
      databasePath: '/var/lib/anonboard/board.sqlite',
      locale: 'en',
      adminIds: [111, 222, 333],
      port: 8080,
    });
  });

  it('names each bad setting in one line', () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ BOT_TOKEN: 'not-a-token' }, 'BOT_TOKEN must look like'],
      [{ TELEGRAM_API_ROOT: 'ftp://x' }, 'TELEGRAM_API_ROOT must be an http(s) URL'],
      [{ TELEGRAM_API_ROOT: 'nonsense' }, 'TELEGRAM_API_ROOT must be an http(s) URL'],
      [{ LOCALE: 'de' }, 'LOCALE must be ru or en'],
      [{ ADMIN_IDS: '1,,2' }, 'ADMIN_IDS must be Telegram user ids'],
      [{ ADMIN_IDS: '@admin' }, 'ADMIN_IDS must be Telegram user ids'],
      [{ PORT: '0' }, 'PORT must be a port number'],
      [{ PORT: 'http' }, 'PORT must be a port number'],
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
  });
});
