import type { AdId } from '@anonboard/core';
import { z } from 'zod';

/**
 * What the Mini App sends with `Telegram.WebApp.sendData`: the ad and the first message. Any
 * other field (such as a client-sent `author_tg_id`) is dropped: the author comes from the ad.
 *
 * ```ts
 * Telegram.WebApp.sendData(JSON.stringify({ ad_id: ad.id, message: 'Is it still for sale?' }));
 * ```
 */
export const webAppPayloadSchema = z.object({
  ad_id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  message: z.string().min(1),
});

/**
 * A valid Mini App payload.
 *
 * ```ts
 * const payload: WebAppPayload = { adId: ad.id, message: 'Is it still for sale?' };
 * ```
 */
export interface WebAppPayload {
  readonly adId: AdId;
  readonly message: string;
}

/**
 * Reads `web_app_data.data`: too large → `too_large`, not JSON or not the expected shape →
 * `invalid`.
 *
 * ```ts
 * parseWebAppPayload('{"ad_id":"k3J9","message":"Hi"}', 4096); // { ok: true, payload: … }
 * ```
 */
export function parseWebAppPayload(
  data: string,
  maxBytes: number,
):
  | { readonly ok: true; readonly payload: WebAppPayload }
  | { readonly ok: false; readonly reason: 'too_large' | 'invalid' } {
  if (Buffer.byteLength(data, 'utf8') > maxBytes) return { ok: false, reason: 'too_large' };
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  const parsed = webAppPayloadSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'invalid' };
  return { ok: true, payload: { adId: parsed.data.ad_id as AdId, message: parsed.data.message } };
}

/**
 * Whether `web_app_data.data` is meant for the board, however malformed: a JSON object with an
 * `ad_id` field. A host bot's own Mini App sends something else.
 *
 * ```ts
 * looksLikeBoardPayload('{"ad_id":"k3J9"}'); // true (then refused: no message)
 * looksLikeBoardPayload('{"order":42}'); // false
 * ```
 */
export function looksLikeBoardPayload(data: string): boolean {
  try {
    const json: unknown = JSON.parse(data);
    return typeof json === 'object' && json !== null && !Array.isArray(json) && 'ad_id' in json;
  } catch {
    return false;
  }
}
