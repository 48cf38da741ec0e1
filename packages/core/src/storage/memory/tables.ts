import type { Ad } from '../../ads/ad.js';
import type { Chat } from '../../chats/chat.js';
import type { ActionToken, AdId, ChatId, InviteId, UserId } from '../../ids.js';
import type { Invite } from '../../invites/invite.js';
import type { Cooldown, HistoryRecord, Tombstone } from '../../ports/safety-storage.js';
import type { MessageLink, OutboxEntry } from '../../ports/storage.js';
import type { ActionTokenRecord } from '../../shell/actions.js';
import type { User } from '../../users/user.js';
import type { Journal } from './journal.js';

/** An outbox entry with its delivery state (what the SQL storages keep in columns). */
export interface OutboxRow {
  entry: OutboxEntry;
  availableAt: number;
  leasedUntil: number;
  leaseOwner: string | null;
  dead: boolean;
  error: string | null;
}

/**
 * The board's and safety's tables, in memory: one instance per storage, shared by the
 * repositories of every transaction. Secondary maps are the indexes a database would keep.
 */
export class MemoryTables {
  readonly users = new Map<UserId, User>();
  readonly userByPlatform = new Map<string, UserId>();
  readonly ads = new Map<AdId, Ad>();
  readonly adOrder: AdId[] = [];
  readonly invites = new Map<InviteId, Invite>();
  readonly inviteBySenderAd = new Map<string, InviteId>();
  readonly invitesBySender = new Map<UserId, InviteId[]>();
  readonly chats = new Map<ChatId, Chat>();
  readonly chatByInvite = new Map<InviteId, ChatId>();
  readonly chatsByUser = new Map<UserId, ChatId[]>();
  readonly blocks = new Map<string, number>();
  readonly messages = new Map<string, MessageLink>();
  readonly tokens = new Map<ActionToken, ActionTokenRecord>();
  readonly tokenGroups = new Map<string, ActionToken[]>();
  readonly inbox = new Map<string, number>();
  readonly outbox = new Map<number, OutboxRow>();
  readonly lanes = new Map<string, number[]>();
  nextOutboxId = 1;
  // Rate limits, relay history and tombstones.
  readonly hits = new Map<string, number[]>();
  readonly cooldowns = new Map<string, Cooldown>();
  history: HistoryRecord[] = [];
  readonly secrets = new Map<string, string>();
  readonly tombstones = new Map<string, Tombstone>();
}

/** Appends to the list at `map[key]` in place (rollback pops it), creating the list if needed. */
export function append<K, V>(j: Journal, map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) {
    j.set(map, key, [value]);
  } else {
    list.push(value);
    j.onRollback(() => list.pop());
  }
}
