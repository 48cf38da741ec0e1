import type { Repositories } from '@anonboard/core';
import { PostgresAdRepository } from './ads.js';
import { PostgresBlockRepository } from './blocks.js';
import { PostgresChatRepository } from './chats.js';
import { createFeedRepositories } from './feed/index.js';
import { PostgresHistoryRepository } from './history.js';
import { PostgresInboxRepository } from './inbox.js';
import { PostgresInviteRepository } from './invites.js';
import { PostgresLimitRepository } from './limits.js';
import { PostgresMessageMapRepository } from './messages.js';
import { PostgresOutboxRepository } from './outbox.js';
import type { TxScope } from './scope.js';
import { PostgresTokenRepository } from './tokens.js';
import { PostgresTombstoneRepository } from './tombstones.js';
import { PostgresUserRepository } from './users.js';

/** The repositories of one transaction: cheap objects over its connection. */
export function createRepositories(db: TxScope): Repositories {
  return {
    users: new PostgresUserRepository(db),
    ads: new PostgresAdRepository(db),
    invites: new PostgresInviteRepository(db),
    chats: new PostgresChatRepository(db),
    blocks: new PostgresBlockRepository(db),
    messages: new PostgresMessageMapRepository(db),
    tokens: new PostgresTokenRepository(db),
    inbox: new PostgresInboxRepository(db),
    outbox: new PostgresOutboxRepository(db),
    limits: new PostgresLimitRepository(db),
    history: new PostgresHistoryRepository(db),
    tombstones: new PostgresTombstoneRepository(db),
    feed: createFeedRepositories(db),
  };
}
