import type { FeedSettings, IngestOutcome, Source, Subscription } from '../feed/source.js';
import type { ItemId, SourceId, UserId } from '../ids.js';
import type { AuditEntry, ItemScore, ModerationItem } from '../moderation/item.js';
import type { FeedRepositories, IngestTally } from '../ports/feed-storage.js';
import type { Journal } from './journal.js';

interface IngestRow {
  readonly at: number;
  readonly outcome: IngestOutcome | 'pending';
  readonly itemId: ItemId | null;
}

/** The monitoring feed's tables, in memory. */
export class MemoryFeedState {
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

  repositories(j: Journal): FeedRepositories {
    const s = this;
    const key = (sourceId: SourceId, messageId: number) => `${sourceId}:${messageId}`;
    const appendTo = <K, V>(map: Map<K, V[]>, k: K, v: V) => {
      const list = map.get(k);
      if (list === undefined) j.set(map, k, [v]);
      else j.set(map, k, [...list, v]);
    };
    return {
      sources: {
        async add(source) {
          const existing = s.sourceByRef.get(source.ref);
          if (existing !== undefined) return s.sources.get(existing) as Source;
          j.set(s.sources, source.id, source);
          j.set(s.sourceByRef, source.ref, source.id);
          return source;
        },
        async get(id) {
          return s.sources.get(id);
        },
        async getByRef(ref) {
          const id = s.sourceByRef.get(ref);
          return id === undefined ? undefined : s.sources.get(id);
        },
        async list() {
          return [...s.sources.values()];
        },
        async remove(id) {
          const source = s.sources.get(id);
          if (source === undefined) return false;
          j.delete(s.sources, id);
          j.delete(s.sourceByRef, source.ref);
          return true;
        },
      },
      subscriptions: {
        async put(subscription) {
          j.set(s.subscriptions, subscription.userId, subscription);
          const before = s.subscriptionVersion;
          s.subscriptionVersion++;
          j.onRollback(() => {
            s.subscriptionVersion = before;
          });
        },
        async get(userId) {
          return s.subscriptions.get(userId);
        },
        async remove(userId) {
          if (!s.subscriptions.has(userId)) return false;
          j.delete(s.subscriptions, userId);
          const before = s.subscriptionVersion;
          s.subscriptionVersion++;
          j.onRollback(() => {
            s.subscriptionVersion = before;
          });
          return true;
        },
        async list() {
          return [...s.subscriptions.values()];
        },
        async version() {
          return s.subscriptionVersion;
        },
      },
      settings: {
        async get() {
          return s.settings;
        },
        async put(settings) {
          const before = s.settings;
          s.settings = settings;
          j.onRollback(() => {
            s.settings = before;
          });
        },
      },
      ingest: {
        async claim({ sourceId, messageId, contentHash, at }) {
          if (s.ingested.has(key(sourceId, messageId))) return 'duplicate';
          const repost = contentHash !== '' && s.hashes.has(contentHash);
          j.set(s.ingested, key(sourceId, messageId), {
            at,
            outcome: repost ? 'repost' : 'pending',
            itemId: null,
          });
          if (!repost && contentHash !== '') j.set(s.hashes, contentHash, at);
          return repost ? 'repost' : 'new';
        },
        async settle(sourceId, messageId, outcome, itemId) {
          const row = s.ingested.get(key(sourceId, messageId));
          if (row !== undefined)
            j.set(s.ingested, key(sourceId, messageId), { ...row, outcome, itemId });
        },
        async itemFor(sourceId, messageId) {
          return s.ingested.get(key(sourceId, messageId))?.itemId ?? undefined;
        },
        async tally({ since, until, bucketMs }) {
          const rows = new Map<string, IngestTally>();
          for (const [id, row] of s.ingested) {
            if (row.at < since || row.at >= until) continue;
            const sourceId = id.slice(0, id.lastIndexOf(':')) as SourceId;
            const bucket = Math.floor(row.at / bucketMs) * bucketMs;
            const itemStatus =
              row.itemId === null ? null : (s.items.get(row.itemId)?.status ?? null);
            const k = `${sourceId}|${bucket}|${row.outcome}|${itemStatus}`;
            const seen = rows.get(k);
            rows.set(k, {
              sourceId,
              bucket,
              outcome: row.outcome,
              itemStatus,
              count: (seen?.count ?? 0) + 1,
            });
          }
          return [...rows.values()];
        },
        async outcomes(since) {
          const counts: Partial<Record<IngestOutcome | 'pending', number>> = {};
          for (const row of s.ingested.values()) {
            if (row.at >= since) counts[row.outcome] = (counts[row.outcome] ?? 0) + 1;
          }
          return counts;
        },
      },
      scores: {
        async get(hash) {
          return s.scores.get(hash);
        },
        async put(hash, score) {
          // An empty list of flags is stored as none, as the SQL storages do.
          const { flags, ...rest } = score;
          j.set(s.scores, hash, flags === undefined || flags.length === 0 ? rest : score);
        },
      },
      items: {
        async insert(item) {
          j.set(s.items, item.id, item);
          s.itemOrder.push(item.id);
          j.onRollback(() => s.itemOrder.pop());
        },
        async get(id) {
          return s.items.get(id);
        },
        async update(next, expected) {
          if (s.items.get(next.id)?.status !== expected) return false;
          j.set(s.items, next.id, next);
          return true;
        },
        async listOpen(limit) {
          const out: ModerationItem[] = [];
          for (const id of s.itemOrder) {
            const item = s.items.get(id) as ModerationItem;
            if (item.status === 'queued' || item.status === 'claimed') out.push(item);
            if (out.length >= limit) break;
          }
          return out;
        },
        async listReportsAbout(userId, limit) {
          const out: ModerationItem[] = [];
          for (const id of s.itemOrder) {
            if (out.length >= limit) break;
            const { origin } = s.items.get(id) as ModerationItem;
            if (
              origin.kind === 'report' &&
              (origin.reporter === userId || origin.reported === userId)
            )
              out.push(s.items.get(id) as ModerationItem);
          }
          return out;
        },
        async listSince(since, limit) {
          const out: ModerationItem[] = [];
          for (const id of s.itemOrder) {
            const item = s.items.get(id) as ModerationItem;
            if (item.createdAt >= since) out.push(item);
            if (out.length >= limit) break;
          }
          return out;
        },
      },
      audit: {
        async add(entry) {
          appendTo(s.audit, entry.itemId, entry);
        },
        async list(itemId) {
          return s.audit.get(itemId) ?? [];
        },
      },
      cards: {
        async put(itemId, admin, messageId) {
          const cards = s.cards.get(itemId) ?? [];
          const at = cards.findIndex((c) => c.admin === admin);
          if (at < 0) appendTo(s.cards, itemId, { admin, messageId });
          else
            j.set(
              s.cards,
              itemId,
              cards.map((c, i) => (i === at ? { admin, messageId } : c)),
            );
        },
        async list(itemId) {
          return s.cards.get(itemId) ?? [];
        },
      },
    };
  }
}
