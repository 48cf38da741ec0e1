import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBoard, MemoryStorage, type Storage } from '@anonboard/core';
import { RecordingTransport } from '@anonboard/core/testing';
import { openSqliteStorage } from '@anonboard/storage-sqlite';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type AdJson, bodyOf, client, serve } from '../support/app-server.js';
import { alice, BOT_TOKEN, bob } from '../support/init-data.js';

// Issue #14, item 6, through the Mini App's JSON API: a NUL in a search, an ad or a first message
// is a 400 `text_invalid` with a sentence in the caller's language, on every storage (PostgreSQL
// answered 500; its own run of the same refusal is core's `badBytes` attack).

const dir = mkdtempSync(join(tmpdir(), 'anonboard-mini-app-bytes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const opened: Storage[] = [];
afterEach(async () => {
  for (const storage of opened.splice(0)) await storage.close();
});
let files = 0;
const storages: Record<string, () => Storage> = {
  memory: () => new MemoryStorage(),
  SQLite: () => openSqliteStorage({ path: join(dir, `${++files}.db`) }),
};

describe.each(Object.entries(storages))('the Mini App on %s refuses a NUL cleanly', (_, open) => {
  async function start() {
    const storage = open();
    opened.push(storage);
    const transport = new RecordingTransport();
    const board = createBoard({ storage, transport });
    const errors: unknown[] = [];
    const served = await serve({ board, botToken: BOT_TOKEN, onError: (e) => errors.push(e) });
    const api = client(served.url);
    const ad = bodyOf<{ ad: AdJson }>(
      await api.call('/api/ads', { as: alice, body: { title: 'Сдам комнату' } }),
    ).ad;
    return { api, ad, errors, transport, board };
  }

  it.each([
    ['a search', '/api/ads?search=%D0%BA%00', undefined],
    ['an ad’s title', '/api/ads', { title: 'Шкаф\u0000' }],
    ['an ad’s text', '/api/ads', { title: 'Шкаф', text: 'Почти\u0000новый' }],
    ['a first message', 'message', { message: 'Здравствуйте\u0000' }],
  ] as const)('%s', async (_what, path, body) => {
    const { api, ad, errors, transport, board } = await start();
    const url = path === 'message' ? `/api/ads/${ad.id}/message` : path;
    const before = await board.listAds({ limit: 100 });
    const answer = await api.call(url, { as: bob, ...(body === undefined ? {} : { body }) });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      error: { code: 'text_invalid', message: expect.stringContaining('символ') },
    });
    // Nothing was kept or sent, and nothing failed inside.
    expect(await board.listAds({ limit: 100 })).toEqual(before);
    await board.dispatcher?.drain();
    expect(transport.to(String(alice.id))).toEqual([]);
    expect(errors).toEqual([]);
    // The same call without the NUL goes through.
    const clean = await api.call(url.replace('%00', ''), {
      as: bob,
      ...(body === undefined
        ? {}
        : { body: JSON.parse(JSON.stringify(body).replace('\\u0000', '')) }),
    });
    expect(clean.status).toBeLessThan(300);
  });
});
