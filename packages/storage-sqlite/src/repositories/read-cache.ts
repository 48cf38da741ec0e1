/** How many writes a table had on one connection: what makes every transaction's copies stale. */
export interface Writes {
  count: number;
}

/**
 * Records a transaction already read, by id, kept while nothing wrote their table: a relay reads
 * its sender and its chat, then leases their delivery in the same transaction, which reads them
 * again. One per repository of one transaction (it ends with it); `writes` is the connection's,
 * so a write from anywhere (a nested transaction, a savepoint rolled back since) empties it.
 */
export class ReadCache<T> {
  private readonly records = new Map<string, T>();
  private seen: number;

  constructor(private readonly writes: Writes) {
    this.seen = writes.count;
  }

  get(id: string): T | undefined {
    this.forgetIfWritten();
    return this.records.get(id);
  }

  remember(id: string, record: T): T {
    this.forgetIfWritten();
    this.records.set(id, record);
    return record;
  }

  private forgetIfWritten(): void {
    if (this.writes.count === this.seen) return;
    this.records.clear();
    this.seen = this.writes.count;
  }
}
