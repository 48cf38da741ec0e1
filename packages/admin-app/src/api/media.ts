import { AnonboardError } from '@anonboard/core';
import { ApiError } from '@anonboard/mini-app/web';
import { type AdminHandler, previewable } from './context.js';

/** Largest preview served, in bytes: a photo's largest size is far below it. */
export const MAX_PREVIEW_BYTES = 5 * 1024 * 1024;

/**
 * `GET /api/items/:id/media/:index`: a preview of one file of an item's media, for admins only
 * (the route is signed and `prepare` admits the feed's admins alone). The server fetches it by
 * its file id through the host's `mediaPreview` and answers `{ type, data }` (base64); the page
 * never learns the file id, nor anything of the author. Only pictures are previewed; anything
 * else, or a file the platform cannot give, is 404 (the page says the bot's card has it).
 */
export const mediaHandler: AdminHandler = async (request) => {
  const { feed, itemId, mediaPreview } = request;
  if (itemId === undefined || mediaPreview === undefined) throw unavailable();
  const item = await feed.getItem(itemId);
  if (item === undefined) throw new AnonboardError('not_found', 'no such item');
  const index = Number(request.params[1]);
  const file = Number.isSafeInteger(index) ? item.media?.files[index] : undefined;
  if (file === undefined || !previewable(file.kind)) throw unavailable();
  const fetched = await mediaPreview(file).catch(() => undefined);
  if (
    fetched === undefined ||
    !/^image\/(jpeg|png|webp|gif)$/.test(fetched.type) ||
    fetched.bytes.byteLength > MAX_PREVIEW_BYTES
  ) {
    throw unavailable();
  }
  return {
    status: 200,
    body: { type: fetched.type, data: Buffer.from(fetched.bytes).toString('base64') },
  };
};

// --- Internal helpers ---

function unavailable(): ApiError {
  return new ApiError(404, 'not_found', 'api.notFound');
}
