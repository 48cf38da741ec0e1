import type { ScoreCacheRepository } from '../../../ports/feed-storage.js';
import type { Journal } from '../journal.js';
import type { FeedTables } from './tables.js';

export function memoryScores(t: FeedTables, j: Journal): ScoreCacheRepository {
  return {
    async get(hash) {
      return t.scores.get(hash);
    },
    async put(hash, score) {
      // An empty list of flags is stored as none, as the SQL storages do.
      const { flags, ...rest } = score;
      j.set(t.scores, hash, flags === undefined || flags.length === 0 ? rest : score);
    },
  };
}
