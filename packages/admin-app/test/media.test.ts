import type { MediaFile } from '@anonboard/core';
import { describe, expect, it } from 'vitest';
import type { ItemView, MediaPreviewSource } from '../src/index.js';
import { anna, bodyOf, reader, startFeedApp } from './support/feed-app.js';

type Queue = { items: ItemView[] };
type Preview = { type: string; data: string };

const files: readonly MediaFile[] = [
  { kind: 'photo', fileId: 'AgAC-secret-photo-id' },
  { kind: 'video', fileId: 'BAAC-secret-video-id' },
];
/** A picture's bytes: what the platform would give for the photo. */
const pixel = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

/** The platform's files, by id, as the host's getFile would reach them. */
const platform: MediaPreviewSource = async ({ fileId }) =>
  fileId === 'AgAC-secret-photo-id' ? { type: 'image/png', bytes: pixel } : undefined;

async function withAlbum(options: { mediaPreview?: MediaPreviewSource } = {}) {
  const app = await startFeedApp(options);
  const result = await app.feed.ingest({
    sourceRef: '-1001',
    messageId: 77,
    text: 'Собрание во дворе: фото и видео',
    files,
    date: app.clock.now(),
    via: 'channel',
  });
  await app.feed.dispatcher?.drain();
  return { ...app, id: result.itemId as string };
}

describe('media previews in the admin API', () => {
  it('shows admins the kinds and a preview of a photo, never a file id', async () => {
    const { call, id } = await withAlbum({ mediaPreview: platform });
    const queue = await call('/api/queue', { as: anna });
    const [item] = bodyOf<Queue>(queue).items;
    expect(item?.media).toEqual({
      count: 2,
      files: [
        { kind: 'photo', preview: true },
        { kind: 'video', preview: false },
      ],
    });
    expect(JSON.stringify(queue.json)).not.toContain('secret');

    const preview = await call(`/api/items/${id}/media/0`, { as: anna });
    expect(preview.status).toBe(200);
    const body = bodyOf<Preview>(preview);
    expect(body.type).toBe('image/png');
    expect(Uint8Array.from(Buffer.from(body.data, 'base64'))).toEqual(pixel);
    expect(JSON.stringify(preview.json)).not.toContain('secret');
    // A video is not previewed; an index past the media, or another item, is nothing.
    expect((await call(`/api/items/${id}/media/1`, { as: anna })).status).toBe(404);
    expect((await call(`/api/items/${id}/media/9`, { as: anna })).status).toBe(404);
    expect((await call('/api/items/item_none/media/0', { as: anna })).status).toBe(404);
  });

  it('gives nothing to anyone but the feed’s admins', async () => {
    const { call, id } = await withAlbum({ mediaPreview: platform });
    const stranger = await call(`/api/items/${id}/media/0`, { as: reader });
    expect(stranger.status).toBe(403);
    expect(JSON.stringify(stranger.json)).not.toContain('data');
    expect((await call(`/api/items/${id}/media/0`)).status).toBe(401);
  });

  it('without a way to the platform, names the kinds and previews nothing', async () => {
    const { call, id } = await withAlbum();
    const [item] = bodyOf<Queue>(await call('/api/queue', { as: anna })).items;
    expect(item?.media?.files.map((f) => f.preview)).toEqual([false, false]);
    expect((await call(`/api/items/${id}/media/0`, { as: anna })).status).toBe(404);
  });
});
