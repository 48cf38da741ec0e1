// The watched sources are storage's, not the process's: re-read on a timer and on demand, so
// adding or removing a source takes effect without a restart.
import type { Feed, Source } from '@anonboard/core';
import { describeError, line, type UserbotLogger } from '../logger.js';

/** The sources watched now, by ref, as last read from the feed. */
export class WatchSet {
  private sources = new Map<string, Source>();
  /** Refs already reported as not a chat id: one log line each, not one per refresh. */
  private readonly warnedRefs = new Set<string>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly feed: Pick<Feed, 'listSources'>,
    private readonly logger: UserbotLogger,
  ) {}

  /** The watched source with this ref, if any. */
  get(ref: string): Source | undefined {
    return this.sources.get(ref);
  }

  all(): Source[] {
    return [...this.sources.values()];
  }

  get size(): number {
    return this.sources.size;
  }

  /** Re-reads the sources; logs what was added and removed. */
  async refresh(): Promise<readonly Source[]> {
    const sources = await this.feed.listSources();
    const next = new Map(sources.map((s) => [s.ref, s]));
    const added = sources.filter((s) => !this.sources.has(s.ref)).map((s) => s.ref);
    const removed = [...this.sources.keys()].filter((ref) => !next.has(ref));
    for (const { ref } of sources) {
      if (/^-\d+$/.test(ref) || this.warnedRefs.has(ref)) continue;
      this.warnedRefs.add(ref);
      this.logger.warn(
        line(
          `source ref "${ref}" is not a chat id (-100…): re-add it with watchSource to watch it`,
        ),
      );
    }
    this.sources = next;
    if (added.length > 0 || removed.length > 0) {
      const changes = [
        ...(added.length > 0 ? [`+${added.join(', +')}`] : []),
        ...(removed.length > 0 ? [`-${removed.join(', -')}`] : []),
      ];
      this.logger.info(line(`watching ${next.size} source(s) (${changes.join('; ')})`));
    }
    return sources;
  }

  /** Refreshes every `intervalMs` (a failure is a log line) until {@link stopRefreshing}. */
  refreshEvery(intervalMs: number): void {
    if (intervalMs <= 0) return;
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) =>
        this.logger.warn(line(`cannot refresh the watched sources: ${describeError(error)}`)),
      );
    }, intervalMs);
    this.timer.unref();
  }

  stopRefreshing(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
  }
}
