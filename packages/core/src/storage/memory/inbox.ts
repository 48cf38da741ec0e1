import type { InboxRepository } from '../../ports/storage.js';
import type { Journal } from './journal.js';
import type { MemoryTables } from './tables.js';

export function memoryInbox(t: MemoryTables, j: Journal): InboxRepository {
  return {
    async claim(key, at) {
      if (t.inbox.has(key)) return false;
      j.set(t.inbox, key, at);
      return true;
    },
    async purgeBefore(before) {
      let n = 0;
      for (const [key, at] of t.inbox) {
        if (at < before) {
          j.delete(t.inbox, key);
          n++;
        }
      }
      return n;
    },
  };
}
