import type { FeedRepositories } from '../../../ports/feed-storage.js';
import type { Journal } from '../journal.js';
import { memoryAudit } from './audit.js';
import { memoryCards } from './cards.js';
import { memoryIngest } from './ingest.js';
import { memoryItems } from './items.js';
import { memoryScores } from './scores.js';
import { memoryFeedSettings } from './settings.js';
import { memorySources } from './sources.js';
import { memorySubscriptions } from './subscriptions.js';
import type { FeedTables } from './tables.js';

export { FeedTables } from './tables.js';

/** The feed's repositories of one transaction, over the shared feed tables. */
export function createFeedRepositories(t: FeedTables, j: Journal): FeedRepositories {
  return {
    sources: memorySources(t, j),
    subscriptions: memorySubscriptions(t, j),
    settings: memoryFeedSettings(t, j),
    ingest: memoryIngest(t, j),
    scores: memoryScores(t, j),
    items: memoryItems(t, j),
    audit: memoryAudit(t, j),
    cards: memoryCards(t, j),
  };
}
