import type { Repositories } from '@anonboard/core';
import type { Database } from 'better-sqlite3';
import { type AdStatements, prepareAds, SqliteAdRepository } from './ads.js';
import { type BlockStatements, prepareBlocks, SqliteBlockRepository } from './blocks.js';
import { type ChatStatements, prepareChats, SqliteChatRepository } from './chats.js';
import { createFeedRepositories, type FeedStatements, prepareFeed } from './feed/index.js';
import { type HistoryStatements, prepareHistory, SqliteHistoryRepository } from './history.js';
import { type InboxStatements, prepareInbox, SqliteInboxRepository } from './inbox.js';
import { type InviteStatements, prepareInvites, SqliteInviteRepository } from './invites.js';
import { type LimitStatements, prepareLimits, SqliteLimitRepository } from './limits.js';
import { type MessageStatements, prepareMessages, SqliteMessageMapRepository } from './messages.js';
import { type OutboxStatements, prepareOutbox, SqliteOutboxRepository } from './outbox.js';
import type { TxScope } from './scope.js';
import { prepareTokens, SqliteTokenRepository, type TokenStatements } from './tokens.js';
import {
  prepareTombstones,
  SqliteTombstoneRepository,
  type TombstoneStatements,
} from './tombstones.js';
import { prepareUsers, SqliteUserRepository, type UserStatements } from './users.js';

/** Every statement of every repository, prepared once per connection and reused. */
export interface Statements {
  readonly users: UserStatements;
  readonly ads: AdStatements;
  readonly invites: InviteStatements;
  readonly chats: ChatStatements;
  readonly blocks: BlockStatements;
  readonly messages: MessageStatements;
  readonly tokens: TokenStatements;
  readonly inbox: InboxStatements;
  readonly outbox: OutboxStatements;
  readonly limits: LimitStatements;
  readonly history: HistoryStatements;
  readonly tombstones: TombstoneStatements;
  readonly feed: FeedStatements;
}

export function prepareStatements(db: Database): Statements {
  return {
    users: prepareUsers(db),
    ads: prepareAds(db),
    invites: prepareInvites(db),
    chats: prepareChats(db),
    blocks: prepareBlocks(db),
    messages: prepareMessages(db),
    tokens: prepareTokens(db),
    inbox: prepareInbox(db),
    outbox: prepareOutbox(db),
    limits: prepareLimits(db),
    history: prepareHistory(db),
    tombstones: prepareTombstones(db),
    feed: prepareFeed(db),
  };
}

/** The repositories of one transaction: cheap objects over the shared statements. */
export function createRepositories(s: Statements, scope: TxScope): Repositories {
  return {
    users: new SqliteUserRepository(s.users, scope),
    ads: new SqliteAdRepository(s.ads, scope),
    invites: new SqliteInviteRepository(s.invites, scope),
    chats: new SqliteChatRepository(s.chats, scope),
    blocks: new SqliteBlockRepository(s.blocks, scope),
    messages: new SqliteMessageMapRepository(s.messages, scope),
    tokens: new SqliteTokenRepository(s.tokens, scope),
    inbox: new SqliteInboxRepository(s.inbox, scope),
    outbox: new SqliteOutboxRepository(s.outbox, scope),
    limits: new SqliteLimitRepository(s.limits, scope),
    history: new SqliteHistoryRepository(s.history, scope),
    tombstones: new SqliteTombstoneRepository(s.tombstones, scope),
    feed: createFeedRepositories(s.feed, scope),
  };
}
