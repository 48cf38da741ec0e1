import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Board, createBoard } from '@anonboard/core';
import { RecordingTransport, storageSnapshot } from '@anonboard/core/testing';
import { openSqliteStorage, type SqliteStorage } from '@anonboard/storage-sqlite';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AdJson,
  type Answer,
  bodyOf,
  client,
  serveUntilClosed,
} from '../support/app-server.js';
import { alice, BOT_TOKEN, bob, carol, signInitData } from '../support/init-data.js';

// Issue #14, item 10: the Mini App's API under seeded random input (fast-check). Query strings,
// path segments and bodies as anyone could send them: never a 500, always `{ error: { code,
// message } }` on a refusal, and a refusal changes nothing stored (a snapshot of the SQLite
// file's storage, read through the port, before and after).

const SEED = 1414;
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);

const dir = mkdtempSync(join(tmpdir(), 'anonboard-mini-app-fuzz-'));
let storage: SqliteStorage;
let board: Board;
let api: ReturnType<typeof client>;
let close: () => Promise<void>;
let adIds: string[];
const errors: unknown[] = [];
const people = [String(alice.id), String(bob.id), String(carol.id)];

beforeAll(async () => {
  storage = openSqliteStorage({ path: join(dir, 'board.sqlite') });
  board = createBoard({ storage, transport: new RecordingTransport() });
  const served = await serveUntilClosed({
    board,
    botToken: BOT_TOKEN,
    rateLimit: false,
    onError: (error) => errors.push(error),
  });
  close = served.close;
  api = client(served.url);
  // Both are people of the board already: a signed write records its caller first (as the bot
  // does with anyone who writes to it), so the snapshot compares what the request itself did.
  await board.identify({ platformId: String(bob.id) });
  adIds = [];
  for (const title of ['Сдам комнату', 'Продам шкаф']) {
    const answer = await api.call('/api/ads', { as: alice, body: { title } });
    adIds.push(bodyOf<{ ad: AdJson }>(answer).ad.id);
  }
});
afterAll(async () => {
  await close();
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Anything JSON can carry, and the shapes the API expects with any values in them. */
const jsonBody = fc.oneof(
  fc.jsonValue(),
  fc.record(
    {
      title: fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.jsonValue()),
      text: fc.jsonValue(),
    },
    { requiredKeys: [] },
  ),
  fc.record({ message: fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 5000 })) }),
);
/** A body as raw text: JSON, or not quite. */
const rawBody = fc.oneof(
  jsonBody.map((v) => JSON.stringify(v) ?? 'null'),
  fc.string(),
  fc.constantFrom('{', '[', '{"title":', '\u0000', '{"title":"\\u0000"}', 'null', '"x"'),
);
/** A path segment where an ad id goes: real ones, near misses, and anything. */
const adSegment = () =>
  fc.oneof(
    fc.constantFrom(...adIds),
    fc.constantFrom('..', '%00', 'ad_', '%2e%2e', 'x'.repeat(300)),
    fc.string().map(encodeURIComponent),
  );
type Caller = 'alice' | 'bob' | 'nobody' | 'forged';
const caller = fc.constantFrom<Caller>('alice', 'bob', 'nobody', 'forged');
/** Readers include Carol, whom the board never saw: a read must not store her either. */
const reader = fc.constantFrom<Caller | 'carol'>('alice', 'bob', 'carol', 'nobody', 'forged');

function as(who: Caller | 'carol') {
  if (who === 'alice') return { as: alice };
  if (who === 'bob') return { as: bob };
  if (who === 'carol') return { as: carol };
  if (who === 'forged') return { as: signInitData(bob).replace(/hash=\w+/, 'hash=00') };
  return {};
}

/** Every answer: a status the API documents, JSON, and an error body on a refusal. */
function expectClean(answer: Answer): void {
  expect(answer.status, answer.text).toBeLessThan(500);
  if (answer.status >= 400) {
    expect(answer.json).toEqual({
      error: { code: expect.any(String), message: expect.any(String) },
    });
  }
}

/** Runs `request`; a refusal (and any read) must leave the storage as it was. */
async function refusalChangesNothing(request: () => Promise<Answer>, read = false): Promise<void> {
  const before = await storageSnapshot(storage, people);
  const answer = await request();
  expectClean(answer);
  if (read || answer.status >= 400) {
    expect(await storageSnapshot(storage, people)).toEqual(before);
  }
}

describe('the Mini App API under random input', { timeout: 600_000 }, () => {
  it('GET /api/my/ads by someone never seen: an empty list, and still nobody stored', async () => {
    await refusalChangesNothing(async () => {
      const answer = await api.call('/api/my/ads', { as: carol });
      expect(answer.json).toEqual({ ads: [] });
      return answer;
    }, true);
  });

  it('GET /api/ads with any query string: a page or a 400', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.oneof(fc.constantFrom('search', 'after', 'limit'), fc.string()),
          fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.integer().map(String)),
        ),
        reader,
        async (query, who) => {
          const qs = new URLSearchParams(query).toString();
          await refusalChangesNothing(() => api.call(`/api/ads?${qs}`, as(who)), true);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('GET /api/ads/:id with any id', async () => {
    await fc.assert(
      fc.asyncProperty(adSegment(), reader, async (id, who) => {
        await refusalChangesNothing(() => api.call(`/api/ads/${id}`, as(who)), true);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('POST /api/ads with any body: an ad, or a refusal that stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(rawBody, caller, async (body, who) => {
        await refusalChangesNothing(() =>
          api.call('/api/ads', {
            ...as(who),
            rawBody: body,
            headers: { 'content-type': 'application/json' },
          }),
        );
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('POST /api/ads/:id/message and /close with any id and body', async () => {
    await fc.assert(
      fc.asyncProperty(
        adSegment(),
        fc.constantFrom('message', 'close'),
        rawBody,
        caller,
        async (id, action, body, who) => {
          await refusalChangesNothing(() =>
            api.call(`/api/ads/${id}/${action}`, {
              ...as(who),
              rawBody: body,
              headers: { 'content-type': 'application/json' },
            }),
          );
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('nothing failed inside: no error reached onError', () => {
    expect(errors).toEqual([]);
  });
});
