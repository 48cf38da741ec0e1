import type { ChatId, Effect, ItemId, SourceId, UserId } from '@anonboard/core';
import { records } from '@anonboard/core/testing';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStorage, type SqliteStorage } from '../src/index.js';
import { adsSql } from '../src/repositories/ads.js';
import { blocksSql } from '../src/repositories/blocks.js';
import { chatsSql } from '../src/repositories/chats.js';
import { auditSql } from '../src/repositories/feed/audit.js';
import { cardsSql } from '../src/repositories/feed/cards.js';
import { ingestSql } from '../src/repositories/feed/ingest.js';
import { itemsSql } from '../src/repositories/feed/items.js';
import { scoresSql } from '../src/repositories/feed/scores.js';
import { settingsSql } from '../src/repositories/feed/settings.js';
import { sourcesSql } from '../src/repositories/feed/sources.js';
import { subscriptionsSql } from '../src/repositories/feed/subscriptions.js';
import { historySql } from '../src/repositories/history.js';
import { inboxSql } from '../src/repositories/inbox.js';
import { invitesSql } from '../src/repositories/invites.js';
import { limitsSql } from '../src/repositories/limits.js';
import { messagesSql } from '../src/repositories/messages.js';
import { outboxSql } from '../src/repositories/outbox.js';
import { tokensSql } from '../src/repositories/tokens.js';
import { usersSql } from '../src/repositories/users.js';
import { feedItem, feedOf } from './feed-records.js';
import { tempPath } from './temp.js';

/** Every query a board runs per update or per delivery. */
const hot: Record<string, string> = {
  'outbox.due': outboxSql.due,
  'outbox.leaseOne': outboxSql.leaseOne,
  'outbox.leaseMany': outboxSql.leaseMany,
  'outbox.complete': outboxSql.complete,
  'outbox.retry': outboxSql.retry,
  'outbox.fail': outboxSql.fail,
  // What the triggers run to find a lane's next head.
  'outbox lane head': `SELECT lane, id, max(available_at, leased_until) FROM outbox
    WHERE lane = ? AND dead = 0 ORDER BY id LIMIT 1`,
  'chats.listActiveFor': chatsSql.listActiveFor,
  'chats.get': chatsSql.get,
  'chats.update': chatsSql.update,
  'invites.sentSince': invitesSql.sentSince,
  'invites.findBySenderAndAd': invitesSql.findBySenderAndAd,
  'invites.get': invitesSql.get,
  'invites.update': invitesSql.update,
  'invites.listPendingBetween': invitesSql.listPendingBetween,
  'invites.listPendingCreatedBefore': invitesSql.listPendingCreatedBefore,
  'messages.find': messagesSql.find,
  'tokens.get': tokensSql.get,
  'tokens.consume': tokensSql.consume,
  'blocks.has': blocksSql.has,
  'users.get': usersSql.get,
  'users.getByPlatformId': usersSql.getByPlatformId,
  'users.update': usersSql.update,
  'ads.get': adsSql.get,
  'ads.listByStatus': adsSql.listByStatus,
  'ads.listByAuthor': adsSql.listByAuthor,
  'ads.listAll': adsSql.listAll,
  // Safety, per action: rate limits, relay history, reports, a person's things.
  'limits.forget': limitsSql.forget,
  'limits.take': limitsSql.take,
  'limits.oldest': limitsSql.oldest,
  'limits.giveBackLast': limitsSql.giveBackLast,
  'limits.giveBackOne': limitsSql.giveBackOne,
  'limits.getCooldown': limitsSql.getCooldown,
  'history.lastOfChat': historySql.lastOfChat,
  'history.ofChat': historySql.ofChat,
  'history.deleteFrom': historySql.deleteFrom,
  'invites.listPendingFor': invitesSql.listPendingFor,
  'invites.scrubFrom': invitesSql.scrubFrom,
  'chats.listFor': chatsSql.listFor,
  'feed.subscriptions.remove': subscriptionsSql.remove,
  // Housekeeping: each purge reads only what goes.
  'history.purgeBefore': historySql.purgeBefore,
  'limits.purgeHits': limitsSql.purgeHits,
  'limits.purgeCooldowns': limitsSql.purgeCooldowns,
  'inbox.purgeBefore': inboxSql.purgeBefore,
  // Statistics over a time window.
  'invites.countByStatus': invitesSql.countByStatus,
  'invites.countByDay': invitesSql.countByDay,
  'invites.countByAd': invitesSql.countByAd,
  'chats.tally': chatsSql.tally,
  'feed.ingest.outcomes': ingestSql.outcomes,
  'feed.items.listSince': itemsSql.listSince,
  // The monitoring feed, per message ingested and per decision.
  'feed.sources.get': sourcesSql.get,
  'feed.sources.getByRef': sourcesSql.getByRef,
  'feed.subscriptions.get': subscriptionsSql.get,
  'feed.subscriptions.version': subscriptionsSql.version,
  // What the subscription triggers run.
  'feed subscriptions version bump':
    'UPDATE feed_subscriptions_version SET version = version + 1 WHERE id = 1',
  'feed.settings.get': settingsSql.get,
  'feed.ingest.claim': ingestSql.claim,
  'feed.ingest.settle': ingestSql.settle,
  'feed.ingest.itemFor': ingestSql.itemFor,
  'feed.scores.get': scoresSql.get,
  'feed.items.get': itemsSql.get,
  'feed.items.update': itemsSql.update,
  'feed.items.listOpen': itemsSql.listOpen,
  'feed.audit.list': auditSql.list,
  'feed.cards.list': cardsSql.list,
};

/**
 * Partial indexes a query may walk from the start: they hold only the rows the query wants
 * (open items, oldest first), so the walk stops after `LIMIT` rows.
 */
const partialWalks = ['feed_items_open'];

const tables = [
  'users',
  'ads',
  'invites',
  'chats',
  'blocks',
  'message_links',
  'tokens',
  'inbox',
  'outbox',
  'outbox_lanes',
  'feed_sources',
  'feed_subscriptions',
  'feed_subscriptions_version',
  'feed_settings',
  'feed_ingest',
  'feed_scores',
  'feed_items',
  'feed_audit',
  'feed_cards',
  'limit_hits',
  'limit_cooldowns',
  'history',
];

/** The steps of `sql`'s query plan, with every parameter bound to null. */
function plan(db: Database.Database, sql: string): string[] {
  const statement = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const named = [...sql.matchAll(/@(\w+)/g)].map((m) => m[1] as string);
  const rows =
    named.length > 0
      ? statement.all(Object.fromEntries(named.map((name) => [name, null])))
      : statement.all(...(sql.match(/\?/g) ?? []).map(() => null));
  return (rows as { detail: string }[]).map((r) => r.detail);
}

/** A step that walks one of {@link partialWalks}. */
function isPartialWalk(step: string): boolean {
  return partialWalks.some((index) => step.endsWith(` USING INDEX ${index}`));
}

function expectIndexed(db: Database.Database) {
  for (const [name, sql] of Object.entries(hot)) {
    const steps = plan(db, sql);
    const scans = steps.filter(
      (s) => tables.some((t) => s.startsWith(`SCAN ${t}`)) && !isPartialWalk(s),
    );
    expect({ name, scans }).toEqual({ name, scans: [] });
    const searches = steps.some((s) => s.startsWith('SEARCH ') || isPartialWalk(s));
    expect({ name, searches }).toEqual({
      name,
      searches: true,
    });
  }
}

describe('query plans of the hot queries', () => {
  let storage: SqliteStorage;
  let db: Database.Database;
  const effect: Effect = { type: 'notify', to: 'u' as UserId, text: 'relay.noChat' };

  beforeAll(async () => {
    const path = tempPath('plans');
    storage = openSqliteStorage({ path });
    // 100k pending entries over 10k lanes.
    await storage.transaction((tx) =>
      tx.outbox.add(
        Array.from({ length: 100_000 }, (_, n) => ({ lane: `user:${n % 10_000}`, effect })),
        0,
      ),
    );
    // A feed that has run for a while: 20k messages seen, 2k items of which 50 are open.
    await storage.transaction(async (tx) => {
      const feed = feedOf(tx);
      for (let n = 0; n < 20_000; n++) {
        const sourceId = `s${n % 20}` as SourceId;
        await feed.ingest.claim({ sourceId, messageId: n, contentHash: `h${n % 15_000}`, at: n });
        await feed.ingest.settle(sourceId, n, 'dropped_keywords', null);
      }
      for (let n = 0; n < 2_000; n++) {
        const id = `i${n}` as ItemId;
        const decided = { status: 'expired', decidedAt: n + 1 } as const;
        await feed.items.insert(feedItem(id, { createdAt: n, ...(n < 1_950 ? decided : {}) }));
        await feed.audit.add({ itemId: id, action: 'expire', by: null, at: n + 1, reason: null });
        await feed.cards.put(id, 'a1' as UserId, n);
      }
    });
    // A board that has run for a while: 2k chats, 20k relayed messages, 4k invites, 10k hits.
    await storage.transaction(async (tx) => {
      for (let n = 0; n < 2_000; n++) {
        const [a, b] = [`u${n % 300}`, `u${(n * 7 + 1) % 300}`];
        const ended = { status: 'ended', endedAt: n + 1, endedBy: null, reason: 'ended' } as const;
        await tx.chats.insert(
          records.chat(`c${n}`, `i${n}`, a, b, { openedAt: n, ...(n % 4 === 0 ? ended : {}) }),
        );
        await tx.invites.insert(
          records.invite(`i${n}`, b, a, `a${n % 500}`, {
            createdAt: n,
            status: 'accepted',
            decidedAt: n,
            chatId: `c${n}` as ChatId,
          }),
        );
        await tx.invites.insert(records.invite(`p${n}`, a, b, `b${n}`, { createdAt: n }));
      }
      for (let n = 0; n < 20_000; n++) {
        const chatId = `c${n % 2_000}` as ChatId;
        const [from, to] = [`u${n % 300}` as UserId, `u${(n + 1) % 300}` as UserId];
        await tx.history.add({ chatId, from, to, messageIds: [n], summary: 'hi', at: n });
      }
      for (let n = 0; n < 10_000; n++) {
        await tx.limits.take(`relay:u${n % 1_000}`, n, 60_000, 30);
        await tx.inbox.claim(`k${n}`, n);
      }
      for (let n = 0; n < 100; n++) {
        await tx.limits.setCooldown(`relay:u${n}`, { level: 1, until: n + 60, lastViolation: n });
      }
    });
    db = new Database(path);
  });
  afterAll(async () => {
    db.close();
    await storage.close();
  });

  it('use an index and never scan a table, as the planner sees a fresh database', () => {
    expectIndexed(db);
  });

  it('still do after ANALYZE has gathered statistics', () => {
    db.exec('ANALYZE');
    expectIndexed(db);
  });

  it('read a person by id in one probe of the table itself (users is keyed by id)', () => {
    // A rowid table with a TEXT PRIMARY KEY would read its automatic index, then the table.
    expect(plan(db, usersSql.get)).toEqual(['SEARCH users USING PRIMARY KEY (id=?)']);
    expect(plan(db, usersSql.update)).toEqual(['SEARCH users USING PRIMARY KEY (id=?)']);
    expect(plan(db, usersSql.getByPlatformId)).toEqual([
      'SEARCH users USING INDEX sqlite_autoindex_users_2 (platform_id=?)',
    ]);
  });

  it('claim takes lane heads from the due-lane index: 32 of 10k lanes, each its oldest', async () => {
    const claimed = await storage.transaction((tx) => tx.outbox.claim(0, 32, 60_000));
    expect(claimed).toHaveLength(32);
    expect(new Set(claimed.map((e) => e.lane)).size).toBe(32);
    // Ids 1..10000 are the heads of lanes 0..9999.
    expect(claimed.every((e) => e.id <= 10_000)).toBe(true);
    const next = await storage.transaction((tx) => tx.outbox.claim(0, 32, 60_000));
    expect(next.map((e) => e.id).some((id) => claimed.some((c) => c.id === id))).toBe(false);
    expect(await storage.transaction((tx) => tx.outbox.stats())).toEqual({
      pending: 100_000,
      dead: 0,
    });
  });
});
