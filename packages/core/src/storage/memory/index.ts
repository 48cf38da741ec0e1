import type { Repositories } from '../../ports/storage.js';
import { memoryAds } from './ads.js';
import { memoryBlocks } from './blocks.js';
import { memoryChats } from './chats.js';
import { createFeedRepositories, type FeedTables } from './feed/index.js';
import { memoryHistory } from './history.js';
import { memoryInbox } from './inbox.js';
import { memoryInvites } from './invites.js';
import type { Journal } from './journal.js';
import { memoryLimits } from './limits.js';
import { memoryMessages } from './messages.js';
import { memoryOutbox } from './outbox.js';
import type { MemoryTables } from './tables.js';
import { memoryTokens } from './tokens.js';
import { memoryTombstones } from './tombstones.js';
import { memoryUsers } from './users.js';

export { FeedTables } from './feed/index.js';
export { Journal } from './journal.js';
export { MemoryTables } from './tables.js';

/** The repositories of one transaction: cheap objects over the shared tables and its journal. */
export function createRepositories(t: MemoryTables, feed: FeedTables, j: Journal): Repositories {
  return {
    users: memoryUsers(t, j),
    ads: memoryAds(t, j),
    invites: memoryInvites(t, j),
    chats: memoryChats(t, j),
    blocks: memoryBlocks(t, j),
    messages: memoryMessages(t, j),
    tokens: memoryTokens(t, j),
    inbox: memoryInbox(t, j),
    outbox: memoryOutbox(t, j),
    limits: memoryLimits(t, j),
    history: memoryHistory(t, j),
    tombstones: memoryTombstones(t, j),
    feed: createFeedRepositories(feed, j),
  };
}
