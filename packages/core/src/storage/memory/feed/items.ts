import type { ModerationItem } from '../../../moderation/item.js';
import type { ItemRepository } from '../../../ports/feed-storage.js';
import type { Journal } from '../journal.js';
import type { FeedTables } from './tables.js';

export function memoryItems(t: FeedTables, j: Journal): ItemRepository {
  return {
    async insert(item) {
      j.set(t.items, item.id, item);
      t.itemOrder.push(item.id);
      j.onRollback(() => t.itemOrder.pop());
    },
    async get(id) {
      return t.items.get(id);
    },
    async update(next, expected) {
      if (t.items.get(next.id)?.status !== expected) return false;
      j.set(t.items, next.id, next);
      return true;
    },
    async listOpen(limit) {
      const out: ModerationItem[] = [];
      for (const id of t.itemOrder) {
        const item = t.items.get(id) as ModerationItem;
        if (item.status === 'queued' || item.status === 'claimed') out.push(item);
        if (out.length >= limit) break;
      }
      return out;
    },
    async listReportsAbout(userId, limit) {
      const out: ModerationItem[] = [];
      for (const id of t.itemOrder) {
        if (out.length >= limit) break;
        const { origin } = t.items.get(id) as ModerationItem;
        if (origin.kind === 'report' && (origin.reporter === userId || origin.reported === userId))
          out.push(t.items.get(id) as ModerationItem);
      }
      return out;
    },
    async listSince(since, limit) {
      const out: ModerationItem[] = [];
      for (const id of t.itemOrder) {
        const item = t.items.get(id) as ModerationItem;
        if (item.createdAt >= since) out.push(item);
        if (out.length >= limit) break;
      }
      return out;
    },
  };
}
