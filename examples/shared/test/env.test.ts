import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  adminIdsSetting,
  ConfigError,
  databaseFrom,
  presentSettings,
  problemsOf,
} from '../src/env.js';

describe('presentSettings', () => {
  it('trims the values and leaves out the empty ones', () => {
    expect(presentSettings({ LOCALE: ' en ', PORT: '', HOST: '   ', UNSET: undefined })).toEqual({
      LOCALE: 'en',
    });
  });
});

describe('ConfigError', () => {
  it('names every problem in one line, or a line each', () => {
    const problems = ['LOCALE must be ru or en', 'PORT must be a port number from 1 to 65535'];
    expect(new ConfigError(problems, 'one line').message).toBe(
      '[anonboard] invalid configuration: LOCALE must be ru or en; PORT must be a port number from 1 to 65535',
    );
    expect(new ConfigError(problems, 'a line each').message.split('\n')).toEqual([
      '[anonboard] invalid configuration: LOCALE must be ru or en',
      '[anonboard] invalid configuration: PORT must be a port number from 1 to 65535',
    ]);
    expect(new ConfigError(problems, 'one line')).toMatchObject({ name: 'ConfigError', problems });
  });
});

describe('the shared settings', () => {
  it('reads ADMIN_IDS as positive safe integers, each problem named after its setting', () => {
    const schema = z.object({ ADMIN_IDS: adminIdsSetting });
    expect(schema.parse({ ADMIN_IDS: ' 1, 22 ,333' }).ADMIN_IDS).toEqual([1, 22, 333]);
    for (const bad of ['1,,2', '@admin', '12,0', '99999999999999999']) {
      expect(problemsOf(schema.safeParse({ ADMIN_IDS: bad }).error)).toEqual([
        'ADMIN_IDS must be Telegram user ids separated by commas, like 123,456',
      ]);
    }
  });

  it('chooses PostgreSQL when DATABASE_URL is set, else the SQLite file', () => {
    expect(databaseFrom({ DATABASE_PATH: './a.sqlite' })).toEqual({
      kind: 'sqlite',
      path: './a.sqlite',
    });
    expect(databaseFrom({ DATABASE_PATH: './a.sqlite', DATABASE_URL: 'postgres://db/a' })).toEqual({
      kind: 'postgres',
      url: 'postgres://db/a',
    });
  });
});
