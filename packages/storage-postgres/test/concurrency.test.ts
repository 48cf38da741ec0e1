import {
  createBoard,
  type Effect,
  type InviteId,
  type OutboxEntry,
  type PolicyOverrides,
  type SourceId,
  type UserId,
} from '@anonboard/core';
import { RecordingTransport, records } from '@anonboard/core/testing';
import { describe, expect, it } from 'vitest';
import {
  openPostgresStorage,
  type PostgresStorage,
  type PostgresStorageSettings,
} from '../src/index.js';
import { database, db } from './database.js';

const u = (id: string) => id as UserId;

/** Two storages (two pools, as two bot instances would have) on one schema. */
async function instances(
  over: PostgresStorageSettings = {},
): Promise<[PostgresStorage, PostgresStorage]> {
  const schema = database().schema();
  const open = () =>
    openPostgresStorage({ connectionString: database().url, schema, max: 4, ...over });
  return Promise.all([open(), open()]);
}

const closeAll = (storages: PostgresStorage[]) => Promise.all(storages.map((s) => s.close()));

/** Rate limits out of the way, for races about something else (one person, many ads). */
const unlimited = (over: PolicyOverrides = {}): PolicyOverrides => {
  const plenty = { max: 1_000_000, windowMs: 60_000 };
  return {
    invitesPerDay: 1_000_000,
    invitesPerRecipientPerDay: 1_000_000,
    sameTextInvitesPerDay: 1_000_000,
    ...over,
    rateLimits: { relay: plenty, invite: plenty, ad: plenty, report: plenty, ...over.rateLimits },
  };
};

/** A promise both sides wait on until both arrived. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return () => {
    if (++arrived === parties) open();
    return opened;
  };
}

const relay = (lane: string, producer: string, k: number): Effect => ({
  type: 'notify',
  to: u(lane),
  text: 'relay.noChat',
  params: { producer, k },
});

describe.skipIf(db === undefined)('several instances on one database', () => {
  it('dispatchers draining one outbox while it fills: each entry leased once, lanes in order', async () => {
    const [a, b] = await instances();
    const LANES = 12;
    const STEPS = 12;
    const lanes = Array.from({ length: LANES }, (_, n) => `user:${n}`);
    let producing = 2;
    let produced = 0;

    // Two producers, one per instance: each step adds one entry to some lanes, in one transaction.
    const produce = async (storage: PostgresStorage, producer: string) => {
      for (let k = 0; k < STEPS; k++) {
        const some = lanes.filter((_, n) => (n + k) % 3 !== 0).reverse();
        produced += some.length;
        await storage.transaction(async (tx) => {
          await tx.outbox.add(
            some.map((lane) => ({ lane, effect: relay(lane, producer, k) })),
            0,
          );
          // Holds the lanes' locks a moment, as a relay finishing other work would: completes
          // of those lanes' heads must wait, then see these entries.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
        });
      }
      producing--;
    };

    // Four dispatchers, two per instance. Leases never expire here (now stays 1, lease 60 s), so
    // an entry claimed twice would be a double lease.
    const claims: OutboxEntry[] = [];
    const leasedLanes = new Set<string>();
    const violations: string[] = [];
    const dispatch = async (storage: PostgresStorage) => {
      for (;;) {
        const batch = await storage.transaction((tx) => tx.outbox.claim(1, 5, 60_000));
        if (batch.length === 0) {
          if (producing === 0) {
            const { pending } = await storage.transaction((tx) => tx.outbox.stats());
            if (pending === 0) return;
          }
          await new Promise((resolve) => setTimeout(resolve, 2));
          continue;
        }
        for (const entry of batch) {
          if (leasedLanes.has(entry.lane)) violations.push(`lane ${entry.lane} leased twice`);
          leasedLanes.add(entry.lane);
          claims.push(entry);
        }
        await Promise.all(
          batch.map(async (entry) => {
            await new Promise((resolve) => setTimeout(resolve, Math.random() * 2));
            // Free the lane before completing: no one may lease it until the complete commits.
            leasedLanes.delete(entry.lane);
            await storage.transaction((tx) => tx.outbox.complete(entry.id));
          }),
        );
      }
    };

    await Promise.all([
      produce(a, 'a'),
      produce(b, 'b'),
      dispatch(a),
      dispatch(a),
      dispatch(b),
      dispatch(b),
    ]);

    expect(violations).toEqual([]);
    const ids = claims.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(produced);
    for (const lane of lanes) {
      const ofLane = claims.filter((e) => e.lane === lane);
      // Leased in id order, and each producer's entries in the order it wrote them.
      expect(ofLane.map((e) => e.id)).toEqual([...ofLane.map((e) => e.id)].sort((x, y) => x - y));
      for (const producer of ['a', 'b']) {
        const ks = ofLane
          .filter((e) => e.effect.type === 'notify' && e.effect.params?.producer === producer)
          .map((e) => (e.effect.type === 'notify' ? Number(e.effect.params?.k) : -1));
        expect(ks).toEqual([...ks].sort((x, y) => x - y));
        expect(new Set(ks).size).toBe(ks.length);
      }
    }
    expect(await a.transaction((tx) => tx.outbox.stats())).toEqual({ pending: 0, dead: 0 });
    const { rows } = await database()
      .pool(1)
      .query(`SELECT count(*)::int AS n FROM "${a.schema}".outbox_lanes`);
    expect(rows).toEqual([{ n: 0 }]);
    await closeAll([a, b]);
  });

  it('a dispatcher whose lease expired finishing late neither loses nor repeats later entries', async () => {
    const [a, b] = await instances();
    const effect = relay('x', 'p', 0);
    await a.transaction((tx) =>
      tx.outbox.add(
        [
          { lane: 'x', effect },
          { lane: 'x', effect },
        ],
        0,
      ),
    );
    const [first] = await a.transaction((tx) => tx.outbox.claim(0, 10, 100));
    // A stalls; its lease expires and B takes the same entry (at-least-once), delivers it.
    const [again] = await b.transaction((tx) => tx.outbox.claim(200, 10, 100));
    expect(again?.id).toBe(first?.id);
    await b.transaction((tx) => tx.outbox.complete(again?.id ?? 0));
    const [second] = await b.transaction((tx) => tx.outbox.claim(201, 10, 100));
    expect(second?.id).toBeGreaterThan(first?.id ?? 0);
    // A's late complete of the first entry changes nothing about the second one's lease.
    await a.transaction((tx) => tx.outbox.complete(first?.id ?? 0));
    expect(await a.transaction((tx) => tx.outbox.claim(202, 10, 100))).toEqual([]);
    await b.transaction((tx) => tx.outbox.complete(second?.id ?? 0));
    expect(await a.transaction((tx) => tx.outbox.stats())).toEqual({ pending: 0, dead: 0 });
    await closeAll([a, b]);
  });

  it('racing the same first messages: exactly one invite per (sender, ad)', async () => {
    const [a, b] = await instances();
    const policy = unlimited();
    const boards = [a, b].map((storage) =>
      createBoard({ storage, transport: new RecordingTransport(), policy }),
    );
    const [one, two] = boards as [(typeof boards)[0], (typeof boards)[0]];
    const author = await one.identify({ platformId: '1001' });
    const reader = await one.identify({ platformId: '1002' });
    const ads = await Promise.all(
      Array.from({ length: 15 }, (_, n) => one.publishAd({ author: author.id, title: `Ad ${n}` })),
    );
    const content = { kind: 'text', text: 'hello' } as const;
    for (const ad of ads) {
      const results = await Promise.allSettled(
        [one, two].map((board) => board.sendInvite({ sender: reader.id, adId: ad.id, content })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.find((r) => r.status === 'rejected')).toMatchObject({
        reason: { code: 'already_invited' },
      });
    }
    await closeAll([a, b]);
  });

  it('racing the same accepts: exactly one chat per invite', async () => {
    const [a, b] = await instances();
    const policy = unlimited();
    const one = createBoard({ storage: a, transport: new RecordingTransport(), policy });
    const two = createBoard({ storage: b, transport: new RecordingTransport(), policy });
    const author = await one.identify({ platformId: '1001' });
    const reader = await one.identify({ platformId: '1002' });
    const invites: InviteId[] = [];
    for (let n = 0; n < 15; n++) {
      const ad = await one.publishAd({ author: author.id, title: `Ad ${n}` });
      const content = { kind: 'text', text: 'hello' } as const;
      invites.push((await one.sendInvite({ sender: reader.id, adId: ad.id, content })).id);
    }
    for (const inviteId of invites) {
      const results = await Promise.allSettled(
        [one, two].map((board) => board.acceptInvite({ user: author.id, inviteId })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    }
    const { rows } = await database()
      .pool(1)
      .query(
        `SELECT count(*)::int AS chats, count(DISTINCT c.invite_id)::int AS invites,
           count(*) FILTER (WHERE i.status <> 'accepted' OR i.chat_id <> c.id)::int AS mismatched
         FROM "${a.schema}".chats c JOIN "${a.schema}".invites i ON i.id = c.invite_id`,
      );
    expect(rows).toEqual([{ chats: 15, invites: 15, mismatched: 0 }]);
    await closeAll([a, b]);
  });

  it('the daily invite limit holds when one sender writes through both instances at once', async () => {
    const [a, b] = await instances();
    const policy = unlimited({ invitesPerDay: 3 });
    const one = createBoard({ storage: a, transport: new RecordingTransport(), policy });
    const two = createBoard({ storage: b, transport: new RecordingTransport(), policy });
    const author = await one.identify({ platformId: '1001' });
    const reader = await one.identify({ platformId: '1002' });
    const ads = await Promise.all(
      Array.from({ length: 12 }, (_, n) => one.publishAd({ author: author.id, title: `Ad ${n}` })),
    );
    const content = { kind: 'text', text: 'hello' } as const;
    const results = await Promise.allSettled(
      ads.map((ad, n) =>
        (n % 2 === 0 ? one : two).sendInvite({ sender: reader.id, adId: ad.id, content }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    for (const r of results) {
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'invite_limit' });
    }
    await closeAll([a, b]);
  });

  for (const isolation of ['read committed', 'repeatable read', 'serializable'] as const) {
    it(`racing takes of one rate-limit key from both allow exactly max (${isolation})`, async () => {
      // At the stricter levels the losers fail with 40001 and run again: give them room.
      const [a, b] = await instances({ isolation, maxRetries: 50 });
      const MAX = 5;
      const take = (storage: PostgresStorage, now: number) =>
        storage.transaction(async (tx) => {
          const { allowed } = await tx.limits.take('relay:u1', now, 1000, MAX);
          // Holds the key's lock a moment, so the others queue behind it.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
          return allowed;
        });
      const race = async (now: number) => {
        const takes = Array.from({ length: 16 }, (_, n) => take(n % 2 === 0 ? a : b, now));
        return (await Promise.all(takes)).filter(Boolean).length;
      };
      expect(await race(100)).toBe(MAX); // the first takes of a new key meet on its primary key
      expect(await race(600)).toBe(0);
      expect(await race(1100)).toBe(MAX); // the window moved past the first five
      const { rows } = await database()
        .pool(1)
        .query(`SELECT key, hits FROM "${a.schema}".limit_keys`);
      expect(rows).toEqual([{ key: 'relay:u1', hits: Array(MAX).fill(1100) }]);
      await closeAll([a, b]);
    });
  }

  it('the invite rate limit holds when one sender writes through both instances at once', async () => {
    const [a, b] = await instances();
    const policy = unlimited({ rateLimits: { invite: { max: 3, windowMs: 600_000 } } });
    const one = createBoard({ storage: a, transport: new RecordingTransport(), policy });
    const two = createBoard({ storage: b, transport: new RecordingTransport(), policy });
    const author = await one.identify({ platformId: '1001' });
    const reader = await one.identify({ platformId: '1002' });
    const ads = await Promise.all(
      Array.from({ length: 12 }, (_, n) => one.publishAd({ author: author.id, title: `Ad ${n}` })),
    );
    const results = await Promise.allSettled(
      ads.map((ad, n) =>
        (n % 2 === 0 ? one : two).sendInvite({
          sender: reader.id,
          adId: ad.id,
          content: { kind: 'text', text: `hello ${n}` },
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    for (const r of results) {
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'rate_limited' });
    }
    await closeAll([a, b]);
  });

  it('subscription changes from both bump the shared version exactly once each', async () => {
    const [a, b] = await instances();
    const seen = await Promise.all(
      Array.from({ length: 30 }, (_, n) =>
        (n % 2 === 0 ? a : b).transaction(async ({ feed }) => {
          await feed.subscriptions.put({
            userId: u(`u${n}`),
            sources: [],
            keywords: ['x'],
            threshold: null,
            updatedAt: n,
          });
          return feed.subscriptions.version();
        }),
      ),
    );
    // Each transaction saw its own bump and no other uncommitted one: 1…30, each once.
    expect([...seen].sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, n) => n + 1));
    await closeAll([a, b]);
  });

  it('racing the same monitored messages: one claim per message, one new per content', async () => {
    const [a, b] = await instances();
    const claim = (s: PostgresStorage, source: string, messageId: number, hash: string) =>
      s.transaction((tx) =>
        tx.feed.ingest.claim({ sourceId: source as SourceId, messageId, contentHash: hash, at: 1 }),
      );
    for (let n = 0; n < 10; n++) {
      const same = await Promise.all([claim(a, 's1', n, `a${n}`), claim(b, 's1', n, `a${n}`)]);
      expect(same.sort()).toEqual(['duplicate', 'new']);
      const reposted = await Promise.all([claim(a, 's2', n, `b${n}`), claim(b, 's3', n, `b${n}`)]);
      expect(reposted.sort()).toEqual(['new', 'repost']);
    }
    await closeAll([a, b]);
  });
});

describe.skipIf(db === undefined)('retries', () => {
  it('a transaction that lost a serialization race runs again and sees the winner', async () => {
    const [a, b] = await instances({ isolation: 'serializable' });
    const meet = barrier(2);
    let attempts = 0;
    // Write skew: each posts an ad only when the author has none. Serializable lets one commit.
    const postFirstAd = (storage: PostgresStorage, id: string) =>
      storage.transaction(async (tx) => {
        const first = ++attempts <= 2;
        const existing = await tx.ads.list({ authorId: u('u1'), limit: 1 });
        if (first) await meet();
        if (existing.length > 0) return false;
        await tx.ads.insert(records.ad(id, 'u1'));
        return true;
      });
    const results = await Promise.all([postFirstAd(a, 'a1'), postFirstAd(b, 'a2')]);
    expect(results.filter(Boolean)).toHaveLength(1);
    // At least the loser ran again (SSI may abort a retry too, which runs once more).
    expect(attempts).toBeGreaterThanOrEqual(3);
    expect(await a.transaction((tx) => tx.ads.list({ authorId: u('u1'), limit: 10 }))).toHaveLength(
      1,
    );
    await closeAll([a, b]);
  });

  it('a deadlock victim runs again; with retries off it fails with code conflict', async () => {
    for (const maxRetries of [8, 0]) {
      const [a, b] = await instances({ maxRetries });
      await a.transaction(async (tx) => {
        await tx.users.ensure({ id: u('u1'), platformId: '1', locale: 'ru', at: 0 });
        await tx.users.ensure({ id: u('u2'), platformId: '2', locale: 'ru', at: 0 });
      });
      const meet = barrier(2);
      let attempts = 0;
      // Each locks one user row, waits for the other to do the same, then wants the other's.
      const crosswise = (storage: PostgresStorage, first: string, second: string) =>
        storage.transaction(async (tx) => {
          const initial = ++attempts <= 2;
          await tx.users.update(u(first), { locale: 'en' });
          if (initial) await meet();
          await tx.users.update(u(second), { locale: 'en' });
          return first;
        });
      const results = await Promise.allSettled([
        crosswise(a, 'u1', 'u2'),
        crosswise(b, 'u2', 'u1'),
      ]);
      if (maxRetries > 0) {
        expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
        // The server aborts one of the two (under load, now and then both), which ran again.
        expect(attempts).toBeGreaterThanOrEqual(3);
      } else {
        expect(attempts).toBe(2);
        const failures = results.filter((r) => r.status === 'rejected');
        expect(failures.length).toBeGreaterThanOrEqual(1);
        for (const failure of failures) {
          expect(failure).toMatchObject({
            reason: { name: 'PostgresStorageError', code: 'conflict', cause: { code: '40P01' } },
          });
        }
      }
      await closeAll([a, b]);
    }
  });
});
