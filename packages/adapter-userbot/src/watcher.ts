import {
  contentHash,
  type Feed,
  type IngestOutcome,
  isAnonboardError,
  type Source,
  type UserId,
} from '@anonboard/core';
import { Api, type TelegramClient } from 'telegram';
import { EditedMessage, type EditedMessageEvent } from 'telegram/events/EditedMessage.js';
import { NewMessage, type NewMessageEvent, Raw } from 'telegram/events/index.js';
import { UpdateConnectionState } from 'telegram/network/index.js';
import { type CursorStore, fetchMissed, MemoryCursorStore } from './catch-up.js';
import { UserbotError } from './errors.js';
import { defaultFloodPolicy, type FloodPolicy } from './flood.js';
import { consoleLogger, describeError, line, type UserbotLogger } from './logger.js';
import { sourceRefOf, toSourceMessage, usernameOfLink } from './map-message.js';
import { type ResolveOptions, watchSource } from './resolve.js';

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
 * What became of a message (live or caught up) or an edit.
 *
 * ```ts
 * const onIngest = (r: IngestReport) => r.kind === 'message' && metrics.count(r.outcome);
 * ```
 */
export type IngestReport =
  | {
      readonly kind: 'message';
      readonly via: 'live' | 'catch-up';
      readonly sourceRef: string;
      readonly messageId: number;
      readonly outcome: IngestOutcome;
    }
  | {
      readonly kind: 'edit';
      readonly sourceRef: string;
      readonly messageId: number;
      /** True when a waiting item took the new text. */
      readonly changed: boolean;
    }
  | {
      readonly kind: 'failed';
      readonly sourceRef: string;
      readonly messageId: number;
      readonly error: unknown;
    };

/**
 * What a catch-up did.
 *
 * ```ts
 * const { messages, failed } = await watcher.catchUp();
 * ```
 */
export interface CatchUpReport {
  /** Sources checked (those with a known last message). */
  readonly sources: number;
  /** Missed messages ingested. */
  readonly messages: number;
  /** Refs of sources whose catch-up failed (each logged one line). */
  readonly failed: readonly string[];
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
  const catchUpLimit = options.catchUpLimit ?? 100;
  const refreshIntervalMs = options.refreshIntervalMs ?? 30_000;
  const sleep = options.sleep ?? defaultFloodPolicy.sleep;
  const stopSignal = new AbortController();
  const stopped = new Promise<void>((resolve) =>
    stopSignal.signal.addEventListener('abort', () => resolve(), { once: true }),
  );
  const flood: FloodPolicy = {
    ...defaultFloodPolicy,
    maxFloodWaitSeconds: options.maxFloodWaitSeconds ?? defaultFloodPolicy.maxFloodWaitSeconds,
    logger,
    sleep: async (ms) => {
      await Promise.race([sleep(ms), stopped]);
      if (stopSignal.signal.aborted)
        throw new UserbotError('stopped', 'stopped while waiting out a FloodWait');
    },
  };
  let watched = new Map<string, Source>();
  const warnedRefs = new Set<string>();
  const chains = new Map<string, Promise<void>>();
  let catching: Promise<CatchUpReport> | undefined;
  let catchUpAgain = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  let started = false;
  let wasDown = false;
  let stopping: Promise<void> | undefined;

  const report = (entry: IngestReport) => options.onIngest?.(entry);

  /** Runs tasks of one source one after another, so an edit never overtakes its message. */
  function enqueue<T>(ref: string, task: () => Promise<T>): Promise<T> {
    const run = (chains.get(ref) ?? Promise.resolve()).then(task);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    chains.set(ref, settled);
    void settled.then(() => {
      if (chains.get(ref) === settled) chains.delete(ref);
    });
    return run;
  }

  async function advanceCursor(ref: string, messageId: number): Promise<void> {
    try {
      const last = await cursors.get(ref);
      if (last === undefined || messageId > last) await cursors.set(ref, messageId);
    } catch (error) {
      logger.warn(line(`cannot record the last message of ${ref}: ${describeError(error)}`));
    }
  }

  async function ingest(
    source: Source,
    message: Api.Message,
    via: 'live' | 'catch-up',
  ): Promise<void> {
    const mapped = toSourceMessage(message, usernameOfLink(source.link));
    if (mapped === undefined) return;
    try {
      const result = await feed.ingest({ ...mapped, via: 'userbot' });
      await advanceCursor(mapped.sourceRef, mapped.messageId);
      report({ kind: 'message', via, ...pick(mapped), outcome: result.outcome });
    } catch (error) {
      logger.warn(
        line(`ingest of ${mapped.sourceRef}/${mapped.messageId} failed: ${describeError(error)}`),
      );
      report({ kind: 'failed', ...pick(mapped), error });
    }
  }

  async function ingestEdit(sourceRef: string, message: Api.Message): Promise<void> {
    const text = message.message ?? '';
    if (text === '') return; // an edit that removed the caption keeps the item's text
    const version = message.editDate ?? contentHash(text);
    const messageId = message.id;
    try {
      const changed = await feed.ingestEdit({
        sourceRef,
        messageId,
        text,
        key: `userbot:edit:${sourceRef}:${messageId}:${version}`,
      });
      report({ kind: 'edit', sourceRef, messageId, changed });
    } catch (error) {
      if (isAnonboardError(error, 'duplicate_update')) {
        report({ kind: 'edit', sourceRef, messageId, changed: false });
        return;
      }
      logger.warn(line(`edit of ${sourceRef}/${messageId} failed: ${describeError(error)}`));
      report({ kind: 'failed', sourceRef, messageId, error });
    }
  }

  /** The watched source of a message, or undefined when it must not reach ingest. */
  function sourceOf(message: Api.Message): Source | undefined {
    if (stopSignal.signal.aborted) return undefined;
    const ref = sourceRefOf(message.peerId);
    return ref === undefined ? undefined : watched.get(ref);
  }

  const onNewMessage = (event: NewMessageEvent): void => {
    const source = sourceOf(event.message);
    if (source === undefined || isCaptionlessAlbumPart(event.message)) return;
    void enqueue(source.ref, () => ingest(source, event.message, 'live'));
  };

  const onEditedMessage = (event: EditedMessageEvent): void => {
    const source = sourceOf(event.message);
    if (source === undefined) return;
    void enqueue(source.ref, () => ingestEdit(source.ref, event.message));
  };

  const onConnection = (update: unknown): void => {
    if (stopSignal.signal.aborted) return;
    if (update instanceof UpdateConnectionState) {
      if (update.state !== UpdateConnectionState.connected) {
        wasDown = true;
      } else if (wasDown) {
        wasDown = false;
        logger.info(line('reconnected: catching up missed messages'));
        void catchUp();
      }
    } else if (update instanceof Api.UpdateChannelTooLong) {
      // Telegram skipped updates of this channel: fetch them like after a reconnect.
      const source = watched.get(`-100${update.channelId.toString()}`);
      if (source !== undefined) void enqueue(source.ref, () => catchUpSource(source));
    }
  };

  const newMessages = new NewMessage({});
  const editedMessages = new EditedMessage({});
  const connection = new Raw({ types: [UpdateConnectionState, Api.UpdateChannelTooLong] });

  async function refresh(): Promise<readonly Source[]> {
    const sources = await feed.listSources();
    const next = new Map(sources.map((s) => [s.ref, s]));
    const added = sources.filter((s) => !watched.has(s.ref)).map((s) => s.ref);
    const removed = [...watched.keys()].filter((ref) => !next.has(ref));
    for (const { ref } of sources) {
      if (/^-\d+$/.test(ref) || warnedRefs.has(ref)) continue;
      warnedRefs.add(ref);
      logger.warn(
        line(
          `source ref "${ref}" is not a chat id (-100…): re-add it with watchSource to watch it`,
        ),
      );
    }
    watched = next;
    if (added.length > 0 || removed.length > 0) {
      const changes = [
        ...(added.length > 0 ? [`+${added.join(', +')}`] : []),
        ...(removed.length > 0 ? [`-${removed.join(', -')}`] : []),
      ];
      logger.info(line(`watching ${next.size} source(s) (${changes.join('; ')})`));
    }
    return sources;
  }

  async function catchUpSource(source: Source): Promise<number> {
    const afterId = await cursors.get(source.ref);
    if (afterId === undefined || stopSignal.signal.aborted) return 0;
    const { messages } = await fetchMissed(client, source.ref, {
      afterId,
      limit: catchUpLimit,
      username: usernameOfLink(source.link),
      flood,
    });
    let count = 0;
    for (const message of messages) {
      if (stopSignal.signal.aborted) break;
      if (isCaptionlessAlbumPart(message)) continue;
      await ingest(source, message, 'catch-up');
      count++;
    }
    if (count > 0)
      logger.info(line(`caught up ${count} missed message(s) of ${source.title} (${source.ref})`));
    return count;
  }

  async function catchUpOnce(): Promise<CatchUpReport> {
    let sources = 0;
    let messages = 0;
    const failed: string[] = [];
    for (const source of [...watched.values()]) {
      if (stopSignal.signal.aborted) break;
      try {
        if ((await cursors.get(source.ref)) === undefined) continue;
        sources++;
        messages += await enqueue(source.ref, () => catchUpSource(source));
      } catch (error) {
        failed.push(source.ref);
        logger.warn(line(`catch-up of ${source.ref} failed: ${describeError(error)}`));
      }
    }
    return { sources, messages, failed };
  }

  function catchUp(): Promise<CatchUpReport> {
    if (catching !== undefined) {
      catchUpAgain = true;
      return catching;
    }
    const run = (async () => {
      let result: CatchUpReport;
      do {
        catchUpAgain = false;
        result = await catchUpOnce();
      } while (catchUpAgain && !stopSignal.signal.aborted);
      return result;
    })();
    catching = run;
    void run.finally(() => {
      catching = undefined;
    });
    return run;
  }

  async function idle(): Promise<void> {
    while (chains.size > 0 || catching !== undefined) {
      await Promise.all([...chains.values(), catching?.then(noop, noop)]);
    }
  }

  return {
    async start() {
      if (started) return;
      started = true;
      await refresh();
      client.addEventHandler(onNewMessage, newMessages);
      client.addEventHandler(onEditedMessage, editedMessages);
      client.addEventHandler(onConnection, connection);
      if (refreshIntervalMs > 0) {
        timer = setInterval(() => {
          refresh().catch((error: unknown) =>
            logger.warn(line(`cannot refresh the watched sources: ${describeError(error)}`)),
          );
        }, refreshIntervalMs);
        timer.unref();
      }
      logger.info(line(`watching ${watched.size} source(s)`));
      await catchUp();
    },
    refresh,
    catchUp,
    async addSource(input, resolveOptions = {}) {
      const source = await watchSource(client, feed, input, { ...resolveOptions, flood });
      await refresh();
      return source;
    },
    watching: () => [...watched.values()],
    idle,
    stop(stopOptions = {}) {
      stopping ??= (async () => {
        stopSignal.abort();
        if (timer !== undefined) clearInterval(timer);
        client.removeEventHandler(onNewMessage, newMessages);
        client.removeEventHandler(onEditedMessage, editedMessages);
        client.removeEventHandler(onConnection, connection);
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

function pick(message: { sourceRef: string; messageId: number }) {
  return { sourceRef: message.sourceRef, messageId: message.messageId };
}

/** Parts of an album without a caption: the captioned part carries the album's text. */
function isCaptionlessAlbumPart(message: Api.Message): boolean {
  return message.groupedId !== undefined && (message.message ?? '') === '';
}
