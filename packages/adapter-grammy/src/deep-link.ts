import type { AdId } from '@anonboard/core';

/**
 * The default `/start` payload prefix of ad deep links.
 *
 * ```ts
 * `https://t.me/board_bot?start=${DEFAULT_DEEP_LINK_PREFIX}${ad.id}`;
 * ```
 */
export const DEFAULT_DEEP_LINK_PREFIX = 'ad_';

// Telegram allows A-Z, a-z, 0-9, _ and - in start payloads, at most 64 characters.
const payloadPattern = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The link that opens an ad in the bot: `https://t.me/<bot>?start=<prefix><ad id>`. Ad ids are
 * random internal ids, so the link reveals nothing about the author.
 *
 * ```ts
 * adDeepLink({ botUsername: 'board_bot', adId: ad.id }); // 'https://t.me/board_bot?start=ad_k3J…'
 * ```
 */
export function adDeepLink(input: { botUsername: string; adId: string; prefix?: string }): string {
  const payload = `${input.prefix ?? DEFAULT_DEEP_LINK_PREFIX}${input.adId}`;
  return `https://t.me/${input.botUsername}?start=${encodeURIComponent(payload)}`;
}

/**
 * The ad id in a `/start` payload, or undefined when the payload is not an ad link of this prefix.
 *
 * ```ts
 * adIdFromStartPayload('ad_k3J9', 'ad_'); // 'k3J9'
 * adIdFromStartPayload('promo', 'ad_'); // undefined
 * ```
 */
export function adIdFromStartPayload(payload: string, prefix: string): AdId | undefined {
  const trimmed = payload.trim();
  if (!trimmed.startsWith(prefix) || !payloadPattern.test(trimmed)) return undefined;
  const id = trimmed.slice(prefix.length);
  return id === '' ? undefined : (id as AdId);
}
