import type { AuditRepository } from '../../../ports/feed-storage.js';
import type { Journal } from '../journal.js';
import { appendCopy, type FeedTables } from './tables.js';

export function memoryAudit(t: FeedTables, j: Journal): AuditRepository {
  return {
    async add(entry) {
      appendCopy(j, t.audit, entry.itemId, entry);
    },
    async list(itemId) {
      return t.audit.get(itemId) ?? [];
    },
  };
}
