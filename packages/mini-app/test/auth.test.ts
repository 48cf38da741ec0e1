import { sign, signData } from '@telegram-apps/init-data-node';
import { describe, expect, it } from 'vitest';
import { initDataFromHeader, verifyInitData } from '../src/index.js';
import { alice, BOT_TOKEN, signInitData } from './support/init-data.js';

const day = 86_400;

describe('verifyInitData', () => {
  it('accepts initData signed with the bot token and returns only the id and language', () => {
    const authDate = new Date(Math.floor(Date.now() / 1000) * 1000);
    const result = verifyInitData(signInitData(alice, { authDate }), BOT_TOKEN, {
      maxAgeSeconds: day,
    });
    expect(result).toEqual({ ok: true, user: { id: alice.id, languageCode: 'ru' }, authDate });
  });

  it('names why it refuses', () => {
    const now = Date.now();
    const good = signInitData(alice);
    const check = (initData: string | undefined, maxAgeSeconds = day, at = now) =>
      verifyInitData(initData, BOT_TOKEN, { maxAgeSeconds, now: () => at });
    expect(check(undefined)).toEqual({ ok: false, reason: 'missing' });
    expect(check('')).toEqual({ ok: false, reason: 'missing' });
    expect(check('x'.repeat(9000))).toEqual({ ok: false, reason: 'malformed' });
    expect(check('user=1')).toEqual({ ok: false, reason: 'malformed' });
    expect(check(`${good}&user=%7B%22id%22%3A1%7D`)).toEqual({ ok: false, reason: 'malformed' });
    expect(check(signInitData(alice, { token: '1:WRONG' }))).toEqual({
      ok: false,
      reason: 'forged',
    });
    expect(check(good, 60, now + 61_000)).toEqual({ ok: false, reason: 'expired' });
    expect(check(good, 60, now + 59_000).ok).toBe(true);
    // Signed, but without a user: nobody to act as.
    const noUser = sign({ query_id: 'q' }, BOT_TOKEN, new Date());
    expect(check(noUser)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('accepts initData that carries only `hash` (no `signature` field) and still refuses forged ones', () => {
    // Telegram clients before Bot API 8.0's third-party signature send no `signature` field.
    const at = Math.floor(Date.now() / 1000);
    const fields = [
      `auth_date=${at}`,
      'query_id=AAHdF6IQAAAAAN0XohDhrOrc',
      `user=${JSON.stringify({ id: alice.id, first_name: alice.first_name, language_code: 'en' })}`,
    ];
    const withHash = (token: string) =>
      `${fields.map((pair) => pair.replace(/=(.*)$/, (_, v: string) => `=${encodeURIComponent(v)}`)).join('&')}&hash=${signData(fields.join('\n'), token)}`;
    const check = (initData: string) => verifyInitData(initData, BOT_TOKEN, { maxAgeSeconds: day });

    expect(withHash(BOT_TOKEN)).not.toContain('signature');
    expect(check(withHash(BOT_TOKEN))).toEqual({
      ok: true,
      user: { id: alice.id, languageCode: 'en' },
      authDate: new Date(at * 1000),
    });
    expect(check(withHash('1:WRONG'))).toEqual({ ok: false, reason: 'forged' });
    // Dropping the signature from a signed initData changes what was signed: forged.
    const signed = new URLSearchParams(signInitData(alice));
    signed.delete('signature');
    expect(check(signed.toString())).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses a signed user that is not a Telegram user object', () => {
    const at = Math.floor(Date.now() / 1000);
    const signedUser = (user: string) => {
      const fields = [`auth_date=${at}`, `user=${user}`];
      return `auth_date=${at}&user=${encodeURIComponent(user)}&hash=${signData(fields.join('\n'), BOT_TOKEN)}`;
    };
    const check = (user: string) =>
      verifyInitData(signedUser(user), BOT_TOKEN, { maxAgeSeconds: day });
    for (const user of [
      '{',
      '[]',
      'null',
      '{"id":"1"}',
      '{"id":-1}',
      '{"id":1.5}',
      '{"id":1,"language_code":5}',
    ]) {
      expect(check(user), user).toEqual({ ok: false, reason: 'malformed' });
    }
    expect(check('{"id":7,"first_name":"x"}')).toEqual({
      ok: true,
      user: { id: 7 },
      authDate: new Date(at * 1000),
    });
  });

  it('reads the tma authorization scheme', () => {
    expect(initDataFromHeader('tma a=1&hash=2')).toBe('a=1&hash=2');
    expect(initDataFromHeader('TMA  a=1')).toBe('a=1');
    expect(initDataFromHeader('Bearer a=1')).toBeUndefined();
    expect(initDataFromHeader(undefined)).toBeUndefined();
  });
});
