import type { SubscriptionRepository } from '../../../ports/feed-storage.js';
import type { Journal } from '../journal.js';
import type { FeedTables } from './tables.js';

export function memorySubscriptions(t: FeedTables, j: Journal): SubscriptionRepository {
  // Every change bumps the version, so watchers know to reload the list.
  const bump = () => {
    const before = t.subscriptionVersion;
    t.subscriptionVersion++;
    j.onRollback(() => {
      t.subscriptionVersion = before;
    });
  };
  return {
    async put(subscription) {
      j.set(t.subscriptions, subscription.userId, subscription);
      bump();
    },
    async get(userId) {
      return t.subscriptions.get(userId);
    },
    async remove(userId) {
      if (!t.subscriptions.has(userId)) return false;
      j.delete(t.subscriptions, userId);
      bump();
      return true;
    },
    async list() {
      return [...t.subscriptions.values()];
    },
    async version() {
      return t.subscriptionVersion;
    },
  };
}
