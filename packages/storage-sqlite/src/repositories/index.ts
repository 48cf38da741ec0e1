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

/**
 * The repositories of one transaction: each made on first use (a relay touches a handful of the
 * twenty), over the shared statements.
 */
export function createRepositories(s: Statements, scope: TxScope): Repositories {
  return new TxRepositories(s, scope);
}

class TxRepositories implements Repositories {
  #users?: SqliteUserRepository;
  #ads?: SqliteAdRepository;
  #invites?: SqliteInviteRepository;
  #chats?: SqliteChatRepository;
  #blocks?: SqliteBlockRepository;
  #messages?: SqliteMessageMapRepository;
  #tokens?: SqliteTokenRepository;
  #inbox?: SqliteInboxRepository;
  #outbox?: SqliteOutboxRepository;
  #limits?: SqliteLimitRepository;
  #history?: SqliteHistoryRepository;
  #tombstones?: SqliteTombstoneRepository;
  #feed?: Repositories['feed'];

  constructor(
    private readonly s: Statements,
    private readonly scope: TxScope,
  ) {}

  get users() {
    this.#users ??= new SqliteUserRepository(this.s.users, this.scope);
    return this.#users;
  }
  get ads() {
    this.#ads ??= new SqliteAdRepository(this.s.ads, this.scope);
    return this.#ads;
  }
  get invites() {
    this.#invites ??= new SqliteInviteRepository(this.s.invites, this.scope);
    return this.#invites;
  }
  get chats() {
    this.#chats ??= new SqliteChatRepository(this.s.chats, this.scope);
    return this.#chats;
  }
  get blocks() {
    this.#blocks ??= new SqliteBlockRepository(this.s.blocks, this.scope);
    return this.#blocks;
  }
  get messages() {
    this.#messages ??= new SqliteMessageMapRepository(this.s.messages, this.scope);
    return this.#messages;
  }
  get tokens() {
    this.#tokens ??= new SqliteTokenRepository(this.s.tokens, this.scope);
    return this.#tokens;
  }
  get inbox() {
    this.#inbox ??= new SqliteInboxRepository(this.s.inbox, this.scope);
    return this.#inbox;
  }
  get outbox() {
    this.#outbox ??= new SqliteOutboxRepository(this.s.outbox, this.scope);
    return this.#outbox;
  }
  get limits() {
    this.#limits ??= new SqliteLimitRepository(this.s.limits, this.scope);
    return this.#limits;
  }
  get history() {
    this.#history ??= new SqliteHistoryRepository(this.s.history, this.scope);
    return this.#history;
  }
  get tombstones() {
    this.#tombstones ??= new SqliteTombstoneRepository(this.s.tombstones, this.scope);
    return this.#tombstones;
  }
  get feed() {
    this.#feed ??= createFeedRepositories(this.s.feed, this.scope);
    return this.#feed;
  }
}
