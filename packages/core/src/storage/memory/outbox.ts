import type { OutboxEntry, OutboxRepository } from '../../ports/storage.js';
import type { Journal } from './journal.js';
import { append, type MemoryTables, type OutboxRow } from './tables.js';

/** Takes a settled entry out of its lane's queue, so the lane's next entry can be claimed. */
function removeFromLane(t: MemoryTables, j: Journal, id: number): void {
  const row = t.outbox.get(id);
  if (row === undefined || row.dead) return;
  const lane = row.entry.lane;
  const queue = t.lanes.get(lane);
  if (queue === undefined) return;
  const index = queue.indexOf(id);
  if (index < 0) return;
  const rest = [...queue.slice(0, index), ...queue.slice(index + 1)];
  if (rest.length === 0) j.delete(t.lanes, lane);
  else j.set(t.lanes, lane, rest);
}

export function memoryOutbox(t: MemoryTables, j: Journal): OutboxRepository {
  return {
    async add(entries, at) {
      for (const { lane, effect } of entries) {
        // Ids only grow; a rolled-back transaction leaves a gap, as a database sequence does.
        const id = t.nextOutboxId++;
        j.set(t.outbox, id, {
          entry: { id, lane, effect, attempts: 0, createdAt: at },
          availableAt: at,
          leasedUntil: 0,
          leaseOwner: null,
          dead: false,
          error: null,
        });
        append(j, t.lanes, lane, id);
      }
    },
    async claim(now, limit, leaseMs, owner) {
      const out: OutboxEntry[] = [];
      for (const queue of t.lanes.values()) {
        if (out.length >= limit) break;
        const row = t.outbox.get(queue[0] as number) as OutboxRow;
        if (row.availableAt > now || row.leasedUntil > now) continue;
        const leased = { ...row, leasedUntil: now + leaseMs, leaseOwner: owner ?? null };
        j.set(t.outbox, row.entry.id, leased);
        out.push(row.entry);
      }
      return out;
    },
    async renew(ids, owner, until) {
      let n = 0;
      for (const id of ids) {
        const row = t.outbox.get(id);
        if (row === undefined || row.dead || row.leaseOwner !== owner) continue;
        j.set(t.outbox, id, { ...row, leasedUntil: until });
        n++;
      }
      return n;
    },
    async release(owner) {
      let n = 0;
      for (const row of t.outbox.values()) {
        if (row.dead || row.leaseOwner !== owner) continue;
        j.set(t.outbox, row.entry.id, { ...row, leasedUntil: 0, leaseOwner: null });
        n++;
      }
      return n;
    },
    async oldestPendingAt() {
      let oldest: number | null = null;
      for (const row of t.outbox.values()) {
        if (!row.dead && (oldest === null || row.entry.createdAt < oldest))
          oldest = row.entry.createdAt;
      }
      return oldest;
    },
    async complete(id) {
      removeFromLane(t, j, id);
      j.delete(t.outbox, id);
    },
    async retry(id, availableAt, error) {
      const row = t.outbox.get(id);
      if (row === undefined) return;
      const entry = { ...row.entry, attempts: row.entry.attempts + 1 };
      j.set(t.outbox, id, { ...row, entry, availableAt, leasedUntil: 0, leaseOwner: null, error });
    },
    async fail(id, error) {
      const row = t.outbox.get(id);
      if (row === undefined) return;
      removeFromLane(t, j, id);
      const entry = { ...row.entry, attempts: row.entry.attempts + 1 };
      j.set(t.outbox, id, { ...row, entry, dead: true, leasedUntil: 0, leaseOwner: null, error });
    },
    async list(afterId, limit) {
      return [...t.outbox.keys()]
        .filter((id) => id > afterId)
        .sort((a, b) => a - b)
        .slice(0, limit)
        .map((id) => (t.outbox.get(id) as OutboxRow).entry);
    },
    async stats() {
      let pending = 0;
      let dead = 0;
      for (const row of t.outbox.values()) row.dead ? dead++ : pending++;
      return { pending, dead };
    },
  };
}
