import type { Update, UpdateType } from '../telegram.js';

/** An update before it gets its id. */
export type UpdatePayload = Omit<Update, 'update_id'>;

// Telegram's default when allowed_updates is empty or was never set.
const DEFAULT_EXCLUDED: ReadonlySet<string> = new Set([
  'chat_member',
  'message_reaction',
  'message_reaction_count',
]);

/** The update kind of an update: its one field besides `update_id`. */
export function updateType(update: Update): UpdateType | undefined {
  for (const key of Object.keys(update)) {
    if (key !== 'update_id') return key as UpdateType;
  }
  return undefined;
}

/**
 * Updates waiting for the bot. Updates stay pending until confirmed (a later `getUpdates`
 * offset, or a 2xx webhook answer), exactly like Telegram's queue.
 */
export class UpdateQueue {
  readonly all: Update[] = [];
  private pending: Update[] = [];
  private nextId = 1;
  private allowed: ReadonlySet<string> | undefined;
  private readonly listeners = new Set<() => void>();

  push(payload: UpdatePayload): Update {
    const update: Update = { update_id: this.nextId++, ...payload };
    this.all.push(update);
    // Telegram never queues update kinds the bot did not ask for.
    if (this.isAllowed(update)) this.pending.push(update);
    this.notify();
    return update;
  }

  /** Applies an `allowed_updates` parameter; an empty list restores the default. */
  setAllowed(list: unknown): void {
    if (!Array.isArray(list)) return;
    const names = list.filter((item): item is string => typeof item === 'string');
    this.allowed = names.length === 0 ? undefined : new Set(names);
    this.pending = this.pending.filter((update) => this.isAllowed(update));
    this.notify();
  }

  allowedList(): string[] | undefined {
    return this.allowed === undefined ? undefined : [...this.allowed];
  }

  /** Confirms updates as a `getUpdates` offset does; a negative offset keeps only the last ones. */
  confirm(offset: number): void {
    const before = this.pending.length;
    if (offset < 0) this.pending = this.pending.slice(offset);
    else this.pending = this.pending.filter((update) => update.update_id >= offset);
    if (this.pending.length !== before) this.notify();
  }

  /** Removes one delivered update (webhook). */
  acknowledge(updateId: number): void {
    this.pending = this.pending.filter((update) => update.update_id !== updateId);
    this.notify();
  }

  peek(limit: number): Update[] {
    return this.pending.slice(0, limit);
  }

  get size(): number {
    return this.pending.length;
  }

  clear(): void {
    this.pending = [];
    this.notify();
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // --- Internal helpers ---

  private isAllowed(update: Update): boolean {
    const type = updateType(update);
    if (type === undefined) return false;
    return this.allowed === undefined ? !DEFAULT_EXCLUDED.has(type) : this.allowed.has(type);
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
