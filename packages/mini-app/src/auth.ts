import { timingSafeEqual } from 'node:crypto';
import { signData } from '@telegram-apps/init-data-node';
import { z } from 'zod';

/**
 * Longest `initData` accepted, in characters (Telegram's are well under 2 KiB).
 *
 * ```ts
 * if (initData.length > MAX_INIT_DATA_LENGTH) throw new Error('too long');
 * ```
 */
export const MAX_INIT_DATA_LENGTH = 8192;

/**
 * The person a valid `initData` names: only what the API needs. The Telegram id stays on the
 * server (it becomes a board user id); it is never sent back.
 *
 * ```ts
 * const user: InitDataUser = { id: 1001, languageCode: 'en' };
 * ```
 */
export interface InitDataUser {
  readonly id: number;
  readonly languageCode?: string;
}

/**
 * Why `initData` was refused: absent, not shaped like initData, a signature that does not match
 * the bot token, or older than the allowed age.
 *
 * ```ts
 * const reason: InitDataFailure = 'expired';
 * ```
 */
export type InitDataFailure = 'missing' | 'malformed' | 'forged' | 'expired';

/**
 * The outcome of {@link verifyInitData}.
 *
 * ```ts
 * const result: InitDataResult = { ok: false, reason: 'forged' };
 * ```
 */
export type InitDataResult =
  | { readonly ok: true; readonly user: InitDataUser; readonly authDate: Date }
  | { readonly ok: false; readonly reason: InitDataFailure };

/**
 * Checks Telegram WebApp `initData`: the HMAC-SHA256 `hash` keyed by the bot token (computed
 * with `@telegram-apps/init-data-node`'s `signData`, compared in constant time), `auth_date`
 * no older than `maxAgeSeconds`, and a `user` with a numeric id. Only then is it parsed. The
 * third-party `signature` field is not required: clients that send only `hash` are accepted.
 *
 * ```ts
 * const result = verifyInitData(initData, process.env.BOT_TOKEN ?? '', { maxAgeSeconds: 86_400 });
 * if (result.ok) console.log('Telegram user', result.user.id);
 * ```
 */
export function verifyInitData(
  initData: string | undefined,
  botToken: string,
  options: { readonly maxAgeSeconds: number; readonly now?: () => number },
): InitDataResult {
  if (initData === undefined || initData === '') return fail('missing');
  if (initData.length > MAX_INIT_DATA_LENGTH) return fail('malformed');

  const params = new URLSearchParams(initData);
  const seen = new Set<string>();
  const pairs: string[] = [];
  let hash: string | undefined;
  for (const [key, value] of params) {
    // Telegram never repeats a field; a repeated one could be read differently after the check.
    if (seen.has(key)) return fail('malformed');
    seen.add(key);
    if (key === 'hash') hash = value;
    else pairs.push(`${key}=${value}`);
  }
  if (hash === undefined || !/^[0-9a-f]{64}$/.test(hash)) return fail('malformed');

  const expected = Buffer.from(signData(pairs.sort().join('\n'), botToken), 'hex');
  const given = Buffer.from(hash, 'hex');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return fail('forged');

  const authDate = Number(params.get('auth_date'));
  if (!Number.isSafeInteger(authDate) || authDate <= 0) return fail('malformed');
  const now = options.now?.() ?? Date.now();
  if (now - authDate * 1000 > options.maxAgeSeconds * 1000) return fail('expired');

  // Read only what the API needs, so initData with just `hash` (no `signature`, as older
  // Telegram clients send it) is as good as one with both: the HMAC above is what proves it.
  const user = userField.safeParse(parseJson(params.get('user')));
  if (!user.success) return fail('malformed');
  return {
    ok: true,
    user:
      user.data.language_code === undefined
        ? { id: user.data.id }
        : { id: user.data.id, languageCode: user.data.language_code },
    authDate: new Date(authDate * 1000),
  };
}

/**
 * The initData carried by an `Authorization: tma <initData>` header, or undefined.
 *
 * ```ts
 * initDataFromHeader('tma query_id=…&user=…&auth_date=…&hash=…'); // 'query_id=…'
 * ```
 */
export function initDataFromHeader(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^tma\s+(.+)$/i.exec(header.trim());
  return match?.[1];
}

// --- Internal helpers ---

/** The `user` field of initData: a positive integer id; other members are not needed. */
const userField = z.object({
  id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  language_code: z.string().max(35).optional(),
});

function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function fail(reason: InitDataFailure): InitDataResult {
  return { ok: false, reason };
}
