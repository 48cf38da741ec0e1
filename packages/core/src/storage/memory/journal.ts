/**
 * An undo log: every write made inside a transaction records how to reverse it, so a failed
 * transaction leaves the in-memory state exactly as it found it.
 */
export class Journal {
  private undo: (() => void)[] = [];

  /** Sets `map[key]`, remembering the previous value. */
  set<K, V>(map: Map<K, V>, key: K, value: V): void {
    const had = map.has(key);
    const previous = map.get(key);
    map.set(key, value);
    this.undo.push(() => (had ? map.set(key, previous as V) : map.delete(key)));
  }

  /** Deletes `map[key]`, remembering the value. */
  delete<K, V>(map: Map<K, V>, key: K): void {
    if (!map.has(key)) return;
    const previous = map.get(key) as V;
    map.delete(key);
    this.undo.push(() => map.set(key, previous));
  }

  /** Records a custom reversal. */
  onRollback(reverse: () => void): void {
    this.undo.push(reverse);
  }

  rollback(): void {
    for (let i = this.undo.length - 1; i >= 0; i--) this.undo[i]?.();
    this.undo = [];
  }

  commit(): void {
    this.undo = [];
  }
}
