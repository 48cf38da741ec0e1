import type { CardRepository } from '../../../ports/feed-storage.js';
import type { Journal } from '../journal.js';
import { appendCopy, type FeedTables } from './tables.js';

/** Where each admin's card of an item is (one message per admin, replaced when re-sent). */
export function memoryCards(t: FeedTables, j: Journal): CardRepository {
  return {
    async put(itemId, admin, messageId) {
      const cards = t.cards.get(itemId) ?? [];
      const at = cards.findIndex((c) => c.admin === admin);
      if (at < 0) appendCopy(j, t.cards, itemId, { admin, messageId });
      else
        j.set(
          t.cards,
          itemId,
          cards.map((c, i) => (i === at ? { admin, messageId } : c)),
        );
    },
    async list(itemId) {
      return t.cards.get(itemId) ?? [];
    },
  };
}
