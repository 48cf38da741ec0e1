import type { FeedRepositories } from '@anonboard/core';
import type { TxScope } from '../scope.js';
import { PostgresAuditRepository } from './audit.js';
import { PostgresCardRepository } from './cards.js';
import { PostgresIngestRepository } from './ingest.js';
import { PostgresItemRepository } from './items.js';
import { PostgresScoreCacheRepository } from './scores.js';
import { PostgresFeedSettingsRepository } from './settings.js';
import { PostgresSourceRepository } from './sources.js';
import { PostgresSubscriptionRepository } from './subscriptions.js';

/** The monitoring feed's repositories of one transaction. */
export function createFeedRepositories(db: TxScope): FeedRepositories {
  return {
    sources: new PostgresSourceRepository(db),
    subscriptions: new PostgresSubscriptionRepository(db),
    settings: new PostgresFeedSettingsRepository(db),
    ingest: new PostgresIngestRepository(db),
    scores: new PostgresScoreCacheRepository(db),
    items: new PostgresItemRepository(db),
    audit: new PostgresAuditRepository(db),
    cards: new PostgresCardRepository(db),
  };
}
