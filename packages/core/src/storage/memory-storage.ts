import type { Repositories, Storage } from '../ports/storage.js';
import { createRepositories, FeedTables, Journal, MemoryTables } from './memory/index.js';

/**
 * Storage in memory, for tests, benchmarks and quick starts. Transactions run one at a time and
 * roll back through an undo journal. Passes the same contract suite as the durable storages.
 * Each repository is a file in `memory/`, over tables shared by every transaction.
 *
 * ```ts
 * const board = createBoard({ storage: new MemoryStorage() });
 * ```
 */
export class MemoryStorage implements Storage {
  private readonly tables = new MemoryTables();
  private readonly feed = new FeedTables();
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;

  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T> {
    const run = this.tail.then(() => this.run(fn));
    this.tail = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private async run<T>(fn: (tx: Repositories) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('[anonboard] [memory] storage is closed');
    const journal = new Journal();
    try {
      const result = await fn(createRepositories(this.tables, this.feed, journal));
      journal.commit();
      return result;
    } catch (error) {
      journal.rollback();
      throw error;
    }
  }
}
