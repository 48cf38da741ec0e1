import type { FeedRepositories } from '@anonboard/core';
import type { Database } from 'better-sqlite3';
import type { TxScope } from '../scope.js';
import { type AuditStatements, prepareAudit, SqliteAuditRepository } from './audit.js';
import { type CardStatements, prepareCards, SqliteCardRepository } from './cards.js';
import { type IngestStatements, prepareIngest, SqliteIngestRepository } from './ingest.js';
import { type ItemStatements, prepareItems, SqliteItemRepository } from './items.js';
import { prepareScores, type ScoreStatements, SqliteScoreCacheRepository } from './scores.js';
import {
  prepareSettings,
  type SettingsStatements,
  SqliteFeedSettingsRepository,
} from './settings.js';
import { prepareSources, type SourceStatements, SqliteSourceRepository } from './sources.js';
import {
  prepareSubscriptions,
  SqliteSubscriptionRepository,
  type SubscriptionStatements,
} from './subscriptions.js';

/** Every statement of the monitoring feed's repositories, prepared once per connection. */
export interface FeedStatements {
  readonly sources: SourceStatements;
  readonly subscriptions: SubscriptionStatements;
  readonly settings: SettingsStatements;
  readonly ingest: IngestStatements;
  readonly scores: ScoreStatements;
  readonly items: ItemStatements;
  readonly audit: AuditStatements;
  readonly cards: CardStatements;
}

export function prepareFeed(db: Database): FeedStatements {
  return {
    sources: prepareSources(db),
    subscriptions: prepareSubscriptions(db),
    settings: prepareSettings(db),
    ingest: prepareIngest(db),
    scores: prepareScores(db),
    items: prepareItems(db),
    audit: prepareAudit(db),
    cards: prepareCards(db),
  };
}

/** The feed's repositories of one transaction. */
export function createFeedRepositories(s: FeedStatements, scope: TxScope): FeedRepositories {
  return {
    sources: new SqliteSourceRepository(s.sources, scope),
    subscriptions: new SqliteSubscriptionRepository(s.subscriptions, scope),
    settings: new SqliteFeedSettingsRepository(s.settings, scope),
    ingest: new SqliteIngestRepository(s.ingest, scope),
    scores: new SqliteScoreCacheRepository(s.scores, scope),
    items: new SqliteItemRepository(s.items, scope),
    audit: new SqliteAuditRepository(s.audit, scope),
    cards: new SqliteCardRepository(s.cards, scope),
  };
}
