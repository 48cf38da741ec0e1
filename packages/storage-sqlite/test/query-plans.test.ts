import type { Effect, UserId } from '@anonboard/core';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStorage, type SqliteStorage } from '../src/index.js';
import { adsSql } from '../src/repositories/ads.js';
import { blocksSql } from '../src/repositories/blocks.js';
import { chatsSql } from '../src/repositories/chats.js';
import { invitesSql } from '../src/repositories/invites.js';
import { messagesSql } from '../src/repositories/messages.js';
import { outboxSql } from '../src/repositories/outbox.js';
import { tokensSql } from '../src/repositories/tokens.js';
import { usersSql } from '../src/repositories/users.js';
import { tempPath } from './temp.js';

/** Every query a board runs per update or per delivery. */
const hot: Record<string, string> = {
  'outbox.claim': outboxSql.claim,
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
};

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

function expectIndexed(db: Database.Database) {
  for (const [name, sql] of Object.entries(hot)) {
    const steps = plan(db, sql);
    const scans = steps.filter((s) => tables.some((t) => s.startsWith(`SCAN ${t}`)));
    expect({ name, scans }).toEqual({ name, scans: [] });
    expect({ name, searches: steps.some((s) => s.startsWith('SEARCH ')) }).toEqual({
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
