import {
  createFeed,
  type Feed,
  type IngestResult,
  MemoryStorage,
  type Scorer,
  type SourceMessage,
  silentLogger,
} from '@anonboard/core';
import { ManualClock, RecordingTransport, SequentialIds } from '@anonboard/core/testing';
import type { UserbotLogger } from '../../src/logger.js';

/** Scores everything 0.9, so a matching message is queued. */
export const highScorer: Scorer = {
  name: 'test',
  score: async () => ({ score: 0.9, reason: 'test' }),
};

/**
 * A real core feed on MemoryStorage: an admin, a channel, one watched source (`-1001234`, the
 * public https://t.me/city_news) and a subscriber to «собрание». `calls` records every ingest.
 */
export async function feedSetup() {
  const transport = new RecordingTransport();
  const core = createFeed({
    storage: new MemoryStorage(),
    transport,
    clock: new ManualClock(),
    ids: new SequentialIds(),
    scorer: highScorer,
    policy: { scoreTimeoutMs: 1000 },
    logger: silentLogger,
  });
  const admin = await core.identify({ platformId: '1' });
  const reader = await core.identify({ platformId: '2' });
  await core.configure({ channel: '@digest', admins: [admin.id], defaultThreshold: 0.5 });
  const source = await core.addSource({
    ref: '-1001234',
    title: 'Городские новости',
    link: 'https://t.me/city_news',
  });
  await core.subscribe({ user: reader.id, keywords: ['собрание'] });
  const calls: (SourceMessage & { via: string })[] = [];
  const results: IngestResult[] = [];
  const feed: Feed = {
    ...core,
    ingest: async (message) => {
      calls.push(message);
      const result = await core.ingest(message);
      results.push(result);
      return result;
    },
  };
  return { feed, core, transport, admin, reader, source, calls, results };
}

/** A logger that keeps its lines. */
export function recordingLogger(): UserbotLogger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (l) => lines.push(l), warn: (l) => lines.push(l) };
}
