import type { FeedSettingsRepository } from '../../../ports/feed-storage.js';
import type { Journal } from '../journal.js';
import type { FeedTables } from './tables.js';

export function memoryFeedSettings(t: FeedTables, j: Journal): FeedSettingsRepository {
  return {
    async get() {
      return t.settings;
    },
    async put(settings) {
      const before = t.settings;
      t.settings = settings;
      j.onRollback(() => {
        t.settings = before;
      });
    },
  };
}
