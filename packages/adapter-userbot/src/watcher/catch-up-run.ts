// After downtime (start, reconnect, Telegram's "channel too long") the watcher fetches what it
// missed. One run at a time: a request during a run asks for one more pass rather than a second
// run in parallel, so a reconnect during a catch-up is not left behind.
import type { Source } from '@anonboard/core';
import type { TelegramClient } from 'telegram';
import { type CursorStore, fetchMissed } from '../catch-up.js';
import type { FloodPolicy } from '../flood.js';
import { describeError, line, type UserbotLogger } from '../logger.js';
import { usernameOfLink } from '../map-message.js';
import { type IngestMessage, isCaptionlessAlbumPart } from './ingest-message.js';
import type { CatchUpReport } from './reports.js';
import type { SourceQueues } from './source-queues.js';
import type { WatchSet } from './watch-set.js';

export interface CatchUpDeps {
  readonly client: TelegramClient;
  readonly cursors: CursorStore;
  /** At most this many missed messages per source. */
  readonly limit: number;
  readonly flood: FloodPolicy;
  readonly signal: AbortSignal;
  readonly watchSet: WatchSet;
  readonly queues: SourceQueues;
  readonly ingest: IngestMessage;
  readonly logger: UserbotLogger;
}

/** Catches up every watched source with a known last message, in its source's queue. */
export class CatchUpRun {
  private running: Promise<CatchUpReport> | undefined;
  private again = false;

  constructor(private readonly deps: CatchUpDeps) {}

  /** The run in progress, if any. */
  get current(): Promise<CatchUpReport> | undefined {
    return this.running;
  }

  /** Starts a run, or asks the one in progress for another pass and returns it. */
  run(): Promise<CatchUpReport> {
    if (this.running !== undefined) {
      this.again = true;
      return this.running;
    }
    const run = (async () => {
      let result: CatchUpReport;
      do {
        this.again = false;
        result = await this.pass();
      } while (this.again && !this.deps.signal.aborted);
      return result;
    })();
    this.running = run;
    void run.finally(() => {
      this.running = undefined;
    });
    return run;
  }

  /** Fetches and ingests one source's missed messages; the caller queues it. */
  async source(source: Source): Promise<number> {
    const { cursors, client, limit, flood, signal, ingest, logger } = this.deps;
    const afterId = await cursors.get(source.ref);
    if (afterId === undefined || signal.aborted) return 0;
    const { messages } = await fetchMissed(client, source.ref, {
      afterId,
      limit,
      username: usernameOfLink(source.link),
      flood,
    });
    let count = 0;
    for (const message of messages) {
      if (signal.aborted) break;
      if (isCaptionlessAlbumPart(message)) continue;
      await ingest(source, message, 'catch-up');
      count++;
    }
    if (count > 0)
      logger.info(line(`caught up ${count} missed message(s) of ${source.title} (${source.ref})`));
    return count;
  }

  private async pass(): Promise<CatchUpReport> {
    const { cursors, signal, watchSet, queues, logger } = this.deps;
    let sources = 0;
    let messages = 0;
    const failed: string[] = [];
    for (const source of watchSet.all()) {
      if (signal.aborted) break;
      try {
        if ((await cursors.get(source.ref)) === undefined) continue;
        sources++;
        messages += await queues.enqueue(source.ref, () => this.source(source));
      } catch (error) {
        failed.push(source.ref);
        logger.warn(line(`catch-up of ${source.ref} failed: ${describeError(error)}`));
      }
    }
    return { sources, messages, failed };
  }
}
