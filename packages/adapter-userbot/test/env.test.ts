import { describe, expect, it } from 'vitest';
import { userbotConfigFromEnv } from '../src/env.js';
import { UserbotError } from '../src/errors.js';
import { sessionString } from './support/session.js';

const hash = '0123456789abcdef0123456789ABCDEF';

function errorOf(run: () => unknown): UserbotError {
  try {
    run();
  } catch (error) {
    if (error instanceof UserbotError) return error;
    throw error;
  }
  throw new Error('expected a UserbotError');
}

describe('userbotConfigFromEnv', () => {
  it('reads a complete configuration', () => {
    const session = sessionString();
    expect(
      userbotConfigFromEnv({ TG_API_ID: ' 123456 ', TG_API_HASH: hash, TG_SESSION: session }),
    ).toEqual({ apiId: 123456, apiHash: hash.toLowerCase(), session });
  });

  it('turns monitoring off, saying why, when nothing is set', () => {
    const reasons: string[] = [];
    expect(
      userbotConfigFromEnv({ TG_API_ID: '  ' }, { onOff: (r) => reasons.push(r) }),
    ).toBeUndefined();
    expect(reasons).toEqual([
      '[anonboard] [userbot] monitoring is off: set TG_API_ID, TG_API_HASH, TG_SESSION',
    ]);
  });

  it('names what is missing when only some are set', () => {
    const error = errorOf(() => userbotConfigFromEnv({ TG_API_ID: '1', TG_API_HASH: hash }));
    expect(error.code).toBe('invalid_config');
    expect(error.message).toBe(
      '[anonboard] [userbot] TG_SESSION is not set: set all of TG_API_ID, TG_API_HASH, TG_SESSION, or none to turn monitoring off',
    );
  });

  it.each([
    [{ TG_API_ID: 'abc' }, /^\[anonboard\] \[userbot\] TG_API_ID must be a positive integer/],
    [{ TG_API_ID: '0' }, /TG_API_ID must be a positive integer/],
    [{ TG_API_HASH: 'secret-but-wrong' }, /TG_API_HASH must be the 32 hexadecimal characters/],
    [{ TG_SESSION: 'not-a-session' }, /TG_SESSION is not a GramJS session string/],
    [{ TG_SESSION: '1AAAA' }, /TG_SESSION is not a GramJS session string/],
  ])('rejects a malformed value in one line: %o', (override, message) => {
    const env = { TG_API_ID: '1', TG_API_HASH: hash, TG_SESSION: sessionString(), ...override };
    const error = errorOf(() => userbotConfigFromEnv(env));
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
    expect(error.message).not.toContain('secret-but-wrong');
  });
});
