import { createFeed, MemoryStorage, type Source, silentLogger } from '@anonboard/core';
import {
  ManualClock,
  RecordingTransport,
  SequentialIds,
  storageSnapshot,
} from '@anonboard/core/testing';
import fc from 'fast-check';
import { Api } from 'telegram';
import { describe, expect, it } from 'vitest';
import { MemoryCursorStore } from '../../src/catch-up.js';
import { toSourceMessage } from '../../src/map-message.js';
import { messageIngester } from '../../src/watcher/ingest-message.js';
import type { IngestReport } from '../../src/watcher/reports.js';
import { highScorer } from '../support/feed.js';
import { big } from '../support/telegram.js';

// Issue #14, item 10: message shapes a watched source (or anything the userbot hears) can have,
// at random (fast-check, seeded): real GramJS TL objects with any ids, dates, texts (NUL and lone
// surrogates included), peers and media, through the watcher's own ingest step into a real feed.
// Never a throw; a refused message is a report and a log line, and changes nothing stored.

const SEED = 1414;
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);

const peer = fc.oneof(
  fc.constant(new Api.PeerChannel({ channelId: big(1234) })), // the watched source
  fc
    .bigInt({ min: 1n, max: 2n ** 52n })
    .map((id) => new Api.PeerChannel({ channelId: big(Number(id)) })),
  fc.integer({ min: 1, max: 2 ** 31 - 1 }).map((id) => new Api.PeerChat({ chatId: big(id) })),
  fc.integer({ min: 1, max: 2 ** 31 - 1 }).map((id) => new Api.PeerUser({ userId: big(id) })),
);
const media = fc.oneof(
  fc.constant(undefined),
  fc.constant(new Api.MessageMediaPhoto({})),
  fc.constant(new Api.MessageMediaDice({ value: 3, emoticon: '🎲' })),
  fc.constant(new Api.MessageMediaGeo({ geo: new Api.GeoPointEmpty() })),
  fc.constant(new Api.MessageMediaUnsupported()),
);
const text = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({
    unit: fc.constantFrom('a', ' ', '\u0000', '\ud800', 'собрание', '\n'),
    maxLength: 50,
  }),
);
const message = fc
  .record({
    // GramJS refuses a TL object whose required field is 0, as Telegram never sends one.
    id: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).filter((n) => n !== 0),
    date: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    message: text,
    peerId: peer,
    media,
  })
  .map(
    ({ media: m, ...fields }) =>
      new Api.Message({ ...fields, post: true, ...(m === undefined ? {} : { media: m }) }),
  );

describe('userbot message shapes, at random', { timeout: 600_000 }, () => {
  it('mapping never throws; ingesting never throws; a refused or unwatched message stores nothing', async () => {
    const storage = new MemoryStorage();
    const feed = createFeed({
      storage,
      transport: new RecordingTransport(),
      clock: new ManualClock(),
      ids: new SequentialIds(),
      scorer: highScorer,
      logger: silentLogger,
    });
    const admin = await feed.identify({ platformId: '1' });
    const reader = await feed.identify({ platformId: '2' });
    await feed.configure({ channel: '@digest', admins: [admin.id], defaultThreshold: 0.5 });
    const source: Source = await feed.addSource({ ref: '-1001234', title: 'Городские новости' });
    await feed.subscribe({ user: reader.id, keywords: ['собрание'] });
    const reports: IngestReport[] = [];
    const warnings: string[] = [];
    const ingest = messageIngester({
      feed,
      cursors: new MemoryCursorStore(),
      logger: { info: () => {}, warn: (line) => warnings.push(line) },
      report: (r) => reports.push(r),
    });
    const snapshot = () => storageSnapshot(storage, ['1', '2']);

    await fc.assert(
      fc.asyncProperty(message, async (m) => {
        const mapped = toSourceMessage(m);
        const before = await snapshot();
        const seen = reports.length;
        await ingest(source, m, 'live');
        const report = reports.slice(seen)[0];
        if (mapped === undefined) {
          // A person's message (or no chat at all): never ingested, never reported.
          expect(report).toBeUndefined();
          expect(await snapshot()).toEqual(before);
          return;
        }
        expect(report).toBeDefined();
        const refused =
          report?.kind === 'failed' ||
          (report?.kind === 'message' && ['unwatched', 'duplicate'].includes(report.outcome));
        if (refused) expect(await snapshot()).toEqual(before);
        if (mapped.text.includes('\u0000')) expect(report?.kind).toBe('failed');
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // The run reached every branch: watched messages taken, others unwatched, NULs refused.
    const outcomes = new Set(reports.map((r) => (r.kind === 'message' ? r.outcome : r.kind)));
    expect(outcomes).toContain('unwatched');
    expect(outcomes).toContain('failed');
    expect(
      [...outcomes].filter((o) => !['unwatched', 'failed', 'duplicate'].includes(o)),
    ).not.toEqual([]);
    // Each failure was one clear line naming the message, never a stack.
    for (const line of warnings) expect(line).toMatch(/^\[anonboard\] \[userbot\] ingest of /);
  });
});
