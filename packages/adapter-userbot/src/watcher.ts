// The watcher's public face and the wiring of its parts (src/watcher/): the watch set, the
// per-source queues, message and edit ingest, the catch-up run, the FloodWait budget, GramJS
// updates. Only the start/stop lifecycle lives here.
import type { Feed, Source, UserId } from '@anonboard/core';
import type { Api, TelegramClient } from 'telegram';
import { type CursorStore, MemoryCursorStore } from './catch-up.js';
import { consoleLogger, line, type UserbotLogger } from './logger.js';
import { sourceRefOf } from './map-message.js';
import { type ResolveOptions, watchSource } from './resolve.js';
import { CatchUpRun } from './watcher/catch-up-run.js';
import { floodBudget } from './watcher/flood-budget.js';
import { editIngester } from './watcher/ingest-edit.js';
import { isCaptionlessAlbumPart, messageIngester } from './watcher/ingest-message.js';
import type { CatchUpReport, IngestReport } from './watcher/reports.js';
import { SourceQueues } from './watcher/source-queues.js';
import { subscribeUpdates } from './watcher/updates.js';
import { WatchSet } from './watcher/watch-set.js';

export type { CatchUpReport, IngestReport } from './watcher/reports.js';

/**
 * The part of core's {@link Feed} the watcher uses (a whole `Feed` fits).
 *
 * ```ts
 * const feed: WatcherFeed = createFeed({ storage, transport });
 * ```
 */
export type WatcherFeed = Pick<Feed, 'listSources' | 'addSource' | 'ingest' | 'ingestEdit'>;

/**
 * Options of {@link createSourceWatcher}; only `client` and `feed` are required.
 *
 * ```ts
 * const options: WatcherOptions = { client, feed, refreshIntervalMs: 60_000, catchUpLimit: 200 };
 * ```
 */
export interface WatcherOptions {
  /** A logged-in GramJS client (see {@link startUserbot}); the watcher only reads with it. */
  readonly client: TelegramClient;
  readonly feed: WatcherFeed;
  /** How often the watched set is re-read from storage; 0 turns it off (default 30 000 ms). */
  readonly refreshIntervalMs?: number;
  /** Last seen message per source, for catch-up (default: in memory). */
  readonly cursors?: CursorStore;
  /** At most this many missed messages are fetched per source on reconnect (default 100). */
  readonly catchUpLimit?: number;
  /** Longer FloodWaits give up with a log line (default 300 s). */
  readonly maxFloodWaitSeconds?: number;
  /** Waits out FloodWaits; tests inject one that returns at once. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Where log lines go (default `console`). */
  readonly logger?: UserbotLogger;
  /** Told what became of every message and edit, for statistics or tests. */
  readonly onIngest?: (report: IngestReport) => void;
}

/**
 * Watches the feed's sources with a user account and feeds their messages to core ingest.
 *
 * ```ts
 * const watcher = createSourceWatcher({ client, feed });
 * await watcher.start();
 * await watcher.addSource('@city_news', { join: true });
 * process.once('SIGTERM', () => void watcher.stop());
 * ```
 */
export interface SourceWatcher {
  /** Reads the sources, listens for new and edited messages, catches up what was missed. */
  start(): Promise<void>;
  /** Re-reads the watched set from storage now (it is also re-read every `refreshIntervalMs`). */
  refresh(): Promise<readonly Source[]>;
  /** Fetches and ingests messages missed since the last seen one of each source. */
  catchUp(): Promise<CatchUpReport>;
  /** Resolves a source (joining it when `join`), adds it to the feed and watches it at once. */
  addSource(input: string, options?: ResolveOptions & { addedBy?: UserId | null }): Promise<Source>;
  /** The sources watched now. */
  watching(): readonly Source[];
  /** Resolves once no message is being ingested and no catch-up runs. */
  idle(): Promise<void>;
  /**
   * Graceful shutdown: removes the handlers, waits for in-flight ingests, then (unless
   * `disconnect: false`) disconnects the client for good.
   */
  stop(options?: { disconnect?: boolean }): Promise<void>;
}

/**
 * Creates a {@link SourceWatcher}. Messages of chats that are not watched sources never reach
 * ingest; people's private chats are never read. Duplicates (the same message twice, live and
 * caught up) are left to core, which ingests a (source, message id) once.
 *
 * ```ts
 * const watcher = createSourceWatcher({ client, feed, logger: console });
 * await watcher.start();
 * ```
 */
export function createSourceWatcher(options: WatcherOptions): SourceWatcher {
  const { client, feed } = options;
  const logger = options.logger ?? consoleLogger;
  const cursors = options.cursors ?? new MemoryCursorStore();
  const stopSignal = new AbortController();
  const { signal } = stopSignal;
  const flood = floodBudget({ ...options, logger }, signal);
  const report = (entry: IngestReport) => options.onIngest?.(entry);
  const watchSet = new WatchSet(feed, logger);
  const queues = new SourceQueues();
  const ingest = messageIngester({ feed, cursors, logger, report });
  const ingestEdit = editIngester({ feed, logger, report });
  const catchUps = new CatchUpRun({
    client,
    cursors,
    limit: options.catchUpLimit ?? 100,
    flood,
    signal,
    watchSet,
    queues,
    ingest,
    logger,
  });
  let started = false;
  let unsubscribe: (() => void) | undefined;
  let stopping: Promise<void> | undefined;

  /** The watched source of a message, or undefined when it must not reach ingest. */
  function sourceOf(message: Api.Message): Source | undefined {
    const ref = sourceRefOf(message.peerId);
    return ref === undefined ? undefined : watchSet.get(ref);
  }

  async function idle(): Promise<void> {
    while (queues.busy || catchUps.current !== undefined) {
      await Promise.all([...queues.pending(), catchUps.current?.then(noop, noop)]);
    }
  }

  return {
    async start() {
      if (started) return;
      started = true;
      await watchSet.refresh();
      unsubscribe = subscribeUpdates(client, signal, {
        onMessage(message) {
          const source = sourceOf(message);
          if (source === undefined || isCaptionlessAlbumPart(message)) return;
          void queues.enqueue(source.ref, () => ingest(source, message, 'live'));
        },
        onEdit(message) {
          const source = sourceOf(message);
          if (source === undefined) return;
          void queues.enqueue(source.ref, () => ingestEdit(source.ref, message));
        },
        onReconnect() {
          logger.info(line('reconnected: catching up missed messages'));
          void catchUps.run();
        },
        onChannelTooLong(ref) {
          // Telegram skipped updates of this channel: fetch them like after a reconnect.
          const source = watchSet.get(ref);
          if (source !== undefined) void queues.enqueue(ref, () => catchUps.source(source));
        },
      });
      watchSet.refreshEvery(options.refreshIntervalMs ?? 30_000);
      logger.info(line(`watching ${watchSet.size} source(s)`));
      await catchUps.run();
    },
    refresh: () => watchSet.refresh(),
    catchUp: () => catchUps.run(),
    async addSource(input, resolveOptions = {}) {
      const source = await watchSource(client, feed, input, { ...resolveOptions, flood });
      await watchSet.refresh();
      return source;
    },
    watching: () => watchSet.all(),
    idle,
    stop(stopOptions = {}) {
      stopping ??= (async () => {
        stopSignal.abort();
        watchSet.stopRefreshing();
        unsubscribe?.();
        await idle();
        // destroy(), not disconnect(): GramJS's ping loop outlives disconnect() and reconnects.
        if (stopOptions.disconnect !== false) await client.destroy();
        logger.info(line('stopped'));
      })();
      return stopping;
    },
  };
}

// --- Internal helpers ---

function noop(): void {}
