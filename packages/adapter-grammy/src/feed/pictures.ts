import type { MediaFile } from '@anonboard/core';
import type { Api } from 'grammy';

/** A picture fetched from the platform: its type and bytes. */
export interface FetchedPicture {
  readonly type: string;
  readonly bytes: Uint8Array;
}

/** Telegram's own Bot API, when `TELEGRAM_API_ROOT` is unset. */
const TELEGRAM_API_ROOT = 'https://api.telegram.org';

/** Largest file fetched for a preview (a photo's largest size is far below it). */
const MAX_BYTES = 5 * 1024 * 1024;

/**
 * Fetches a picture of an item's media by its `file_id` through the Bot API (`getFile`, then the
 * file's download), on the server only: what the admin app's `mediaPreview` wants. Pictures only
 * (JPEG, PNG, GIF, WebP, recognised by their bytes: Telegram serves files as
 * `application/octet-stream`), at most 5 MB; anything else is undefined.
 *
 * ```ts
 * const mediaPreview = botApiPictures(bot.api, { botToken, apiRoot: undefined });
 * createAdminApp({ feed, botToken, mediaPreview });
 * ```
 */
export function botApiPictures(
  api: Api,
  config: { readonly botToken: string; readonly apiRoot?: string | undefined },
): (file: MediaFile) => Promise<FetchedPicture | undefined> {
  const root = (config.apiRoot ?? TELEGRAM_API_ROOT).replace(/\/+$/, '');
  return async ({ fileId }) => {
    const file = await api.getFile(fileId);
    if (file.file_path === undefined || (file.file_size ?? 0) > MAX_BYTES) return undefined;
    const response = await fetch(`${root}/file/bot${config.botToken}/${file.file_path}`);
    if (!response.ok) return undefined;
    const bytes = new Uint8Array(await response.arrayBuffer());
    const type = imageTypeOf(bytes);
    return type === undefined || bytes.byteLength > MAX_BYTES ? undefined : { type, bytes };
  };
}

// --- Internal helpers ---

/** A picture's type by its first bytes: JPEG, PNG, GIF or WebP; undefined for anything else. */
function imageTypeOf(bytes: Uint8Array): string | undefined {
  const starts = (...head: number[]) => head.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  const riff = String.fromCharCode(...bytes.slice(0, 4));
  const webp = String.fromCharCode(...bytes.slice(8, 12));
  return riff === 'RIFF' && webp === 'WEBP' ? 'image/webp' : undefined;
}
