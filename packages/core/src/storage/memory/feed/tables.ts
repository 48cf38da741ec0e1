import type { FeedSettings, IngestOutcome, Source, Subscription } from '../../../feed/source.js';
import type { ItemId, SourceId, UserId } from '../../../ids.js';
import type { AuditEntry, ItemScore, ModerationItem } from '../../../moderation/item.js';
import type { Journal } from '../journal.js';

export interface IngestRow {
  readonly at: number;
  readonly outcome: IngestOutcome | 'pending';
  readonly itemId: ItemId | null;
}

/** The feed's tables, in memory. */
export class FeedTables {
  readonly sources = new Map<SourceId, Source>();
  readonly sourceByRef = new Map<string, SourceId>();
  readonly subscriptions = new Map<UserId, Subscription>();
  subscriptionVersion = 0;
  settings: FeedSettings | undefined;
  readonly ingested = new Map<string, IngestRow>();
  readonly hashes = new Map<string, number>();
  readonly scores = new Map<string, ItemScore>();
  readonly items = new Map<ItemId, ModerationItem>();
  readonly itemOrder: ItemId[] = [];
  readonly audit = new Map<ItemId, AuditEntry[]>();
  readonly cards = new Map<ItemId, { admin: UserId; messageId: number }[]>();
}

/** Sets `map[key]` to a copy of its list with `value` added (a list handed out stays as it was). */
export function appendCopy<K, V>(j: Journal, map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) j.set(map, key, [value]);
  else j.set(map, key, [...list, value]);
}
