import type { Ad } from '../ads/ad.js';
import type { Chat } from '../chats/chat.js';
import type { ActionToken, AdId, ChatId, InviteId, UserId } from '../ids.js';
import type { Invite } from '../invites/invite.js';
import type {
  MessageLink,
  MessageSide,
  OutboxEntry,
  Repositories,
  Storage,
} from '../ports/storage.js';
import type { ActionTokenRecord } from '../shell/actions.js';
import type { User } from '../users/user.js';
import { Journal } from './journal.js';
import { MemoryFeedState } from './memory-feed.js';
import { MemorySafetyState } from './memory-safety.js';

interface OutboxRow {
  entry: OutboxEntry;
  availableAt: number;
  leasedUntil: number;
  leaseOwner: string | null;
  dead: boolean;
  error: string | null;
}

const pairKey = (a: UserId, b: UserId) => (a < b ? `${a}|${b}` : `${b}|${a}`);
const sideKey = (s: MessageSide) => `${s.userId}:${s.messageId}`;

/**
 * Storage in memory, for tests, benchmarks and quick starts. Transactions run one at a time and
 * roll back through an undo journal. Passes the same contract suite as the durable storages.
 *
 * ```ts
 * const board = createBoard({ storage: new MemoryStorage() });
 * ```
 */
export class MemoryStorage implements Storage {
  private readonly users = new Map<UserId, User>();
  private readonly userByPlatform = new Map<string, UserId>();
  private readonly ads = new Map<AdId, Ad>();
  private readonly adOrder: AdId[] = [];
  private readonly invites = new Map<InviteId, Invite>();
  private readonly inviteBySenderAd = new Map<string, InviteId>();
  private readonly invitesBySender = new Map<UserId, InviteId[]>();
  private readonly chats = new Map<ChatId, Chat>();
  private readonly chatByInvite = new Map<InviteId, ChatId>();
  private readonly chatsByUser = new Map<UserId, ChatId[]>();
  private readonly blocks = new Map<string, number>();
  private readonly messages = new Map<string, MessageLink>();
  private readonly tokens = new Map<ActionToken, ActionTokenRecord>();
  private readonly tokenGroups = new Map<string, ActionToken[]>();
  private readonly inbox = new Map<string, number>();
  private readonly outbox = new Map<number, OutboxRow>();
  private readonly lanes = new Map<string, number[]>();
  private readonly feed = new MemoryFeedState();
  private readonly safety = new MemorySafetyState();
  private nextOutboxId = 1;
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;

  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T> {
    const run = this.tail.then(() => this.run(fn));
    this.tail = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private async run<T>(fn: (tx: Repositories) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('[anonboard] [memory] storage is closed');
    const journal = new Journal();
    try {
      const result = await fn(this.repositories(journal));
      journal.commit();
      return result;
    } catch (error) {
      journal.rollback();
      throw error;
    }
  }

  // --- Internal helpers ---

  private append<K, V>(journal: Journal, map: Map<K, V[]>, key: K, value: V): void {
    const list = map.get(key);
    if (list === undefined) {
      journal.set(map, key, [value]);
    } else {
      list.push(value);
      journal.onRollback(() => list.pop());
    }
  }

  private repositories(j: Journal): Repositories {
    const s = this;
    // Deletes matching tokens (a group's list keeps the others; consuming skips missing ones).
    const deleteTokens = (match: (record: ActionTokenRecord) => boolean, limit: number) => {
      let n = 0;
      for (const record of [...s.tokens.values()]) {
        if (n >= limit) break;
        if (!match(record)) continue;
        j.delete(s.tokens, record.token);
        n++;
      }
      return Promise.resolve(n);
    };
    return {
      feed: this.feed.repositories(j),
      limits: this.safety.limits(j),
      history: this.safety.historyRepository(j),
      tombstones: this.safety.tombstoneRepository(j),
      users: {
        async ensure({ id, platformId, locale, at }) {
          const existing = s.userByPlatform.get(platformId);
          if (existing !== undefined) return s.users.get(existing) as User;
          const user: User = {
            id,
            platformId,
            locale,
            reachable: true,
            banned: false,
            draftAdId: null,
            createdAt: at,
          };
          j.set(s.users, id, user);
          j.set(s.userByPlatform, platformId, id);
          return user;
        },
        async get(id) {
          return s.users.get(id);
        },
        async getByPlatformId(platformId) {
          const id = s.userByPlatform.get(platformId);
          return id === undefined ? undefined : s.users.get(id);
        },
        async update(id, patch) {
          const user = s.users.get(id);
          if (user === undefined) return;
          if (patch.platformId !== undefined && patch.platformId !== user.platformId) {
            j.delete(s.userByPlatform, user.platformId);
            j.set(s.userByPlatform, patch.platformId, id);
          }
          j.set(s.users, id, { ...user, ...patch });
        },
      },
      ads: {
        async insert(ad) {
          if (s.ads.has(ad.id)) throw new Error(`[anonboard] [memory] ad ${ad.id} exists`);
          j.set(s.ads, ad.id, ad);
          s.adOrder.push(ad.id);
          j.onRollback(() => s.adOrder.pop());
        },
        async get(id) {
          return s.ads.get(id);
        },
        async update(next, expected) {
          const current = s.ads.get(next.id);
          if (current?.status !== expected) return false;
          j.set(s.ads, next.id, next);
          return true;
        },
        async list(q) {
          const needle = q.search?.toLocaleLowerCase();
          let start = s.adOrder.length - 1;
          if (q.after !== undefined) start = s.adOrder.lastIndexOf(q.after) - 1;
          const out: Ad[] = [];
          for (let i = start; i >= 0 && out.length < q.limit; i--) {
            const ad = s.ads.get(s.adOrder[i] as AdId) as Ad;
            if (q.status !== undefined && ad.status !== q.status) continue;
            if (q.authorId !== undefined && ad.authorId !== q.authorId) continue;
            if (
              needle !== undefined &&
              !ad.title.toLocaleLowerCase().includes(needle) &&
              !ad.text.toLocaleLowerCase().includes(needle)
            )
              continue;
            out.push(ad);
          }
          return out;
        },
        async deleteBy(authorId) {
          const gone = new Set(s.adOrder.filter((id) => s.ads.get(id)?.authorId === authorId));
          if (gone.size === 0) return 0;
          for (const id of gone) j.delete(s.ads, id);
          const order = [...s.adOrder];
          s.adOrder.splice(0, s.adOrder.length, ...order.filter((id) => !gone.has(id)));
          j.onRollback(() => s.adOrder.splice(0, s.adOrder.length, ...order));
          return gone.size;
        },
      },
      invites: {
        async insert(invite) {
          const key = `${invite.senderId}|${invite.adId}`;
          if (s.inviteBySenderAd.has(key)) return false;
          j.set(s.invites, invite.id, invite);
          j.set(s.inviteBySenderAd, key, invite.id);
          s.append(j, s.invitesBySender, invite.senderId, invite.id);
          return true;
        },
        async get(id) {
          return s.invites.get(id);
        },
        async findBySenderAndAd(senderId, adId) {
          const id = s.inviteBySenderAd.get(`${senderId}|${adId}`);
          return id === undefined ? undefined : s.invites.get(id);
        },
        async update(next, expected) {
          if (s.invites.get(next.id)?.status !== expected) return false;
          j.set(s.invites, next.id, next);
          return true;
        },
        async sentSince(senderId, since) {
          let count = 0;
          let oldest: number | null = null;
          for (const id of s.invitesBySender.get(senderId) ?? []) {
            const { createdAt } = s.invites.get(id) as Invite;
            if (createdAt < since) continue;
            count++;
            if (oldest === null || createdAt < oldest) oldest = createdAt;
          }
          return { count, oldest };
        },
        async listPendingBetween(a, b) {
          const out: Invite[] = [];
          for (const [from, to] of [
            [a, b],
            [b, a],
          ] as const) {
            for (const id of s.invitesBySender.get(from) ?? []) {
              const invite = s.invites.get(id) as Invite;
              if (invite.status === 'pending' && invite.recipientId === to) out.push(invite);
            }
          }
          return out;
        },
        async countByStatus(since) {
          const counts: Partial<Record<Invite['status'], number>> = {};
          for (const invite of s.invites.values()) {
            if (invite.createdAt >= since) counts[invite.status] = (counts[invite.status] ?? 0) + 1;
          }
          return counts;
        },
        async countByDay(since) {
          const counts = new Map<
            string,
            { day: string; status: Invite['status']; count: number }
          >();
          for (const invite of s.invites.values()) {
            if (invite.createdAt < since) continue;
            const day = new Date(invite.createdAt).toISOString().slice(0, 10);
            const key = `${day}|${invite.status}`;
            const row = counts.get(key) ?? { day, status: invite.status, count: 0 };
            counts.set(key, { ...row, count: row.count + 1 });
          }
          return [...counts.values()].sort(
            (a, b) => a.day.localeCompare(b.day) || a.status.localeCompare(b.status),
          );
        },
        async countByAd(since, limit) {
          const perAd = new Map<AdId, Map<Invite['status'], number>>();
          for (const invite of s.invites.values()) {
            if (invite.createdAt < since) continue;
            const statuses = perAd.get(invite.adId) ?? new Map<Invite['status'], number>();
            statuses.set(invite.status, (statuses.get(invite.status) ?? 0) + 1);
            perAd.set(invite.adId, statuses);
          }
          const total = (m: Map<Invite['status'], number>) =>
            [...m.values()].reduce((a, b) => a + b, 0);
          return [...perAd.entries()]
            .sort(([a, x], [b, y]) => total(y) - total(x) || a.localeCompare(b))
            .slice(0, limit)
            .flatMap(([adId, statuses]) =>
              [...statuses.entries()]
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([status, count]) => ({ adId, status, count })),
            );
        },
        async scrubFrom(senderId) {
          let n = 0;
          for (const id of s.invitesBySender.get(senderId) ?? []) {
            const invite = s.invites.get(id) as Invite;
            j.set(s.invites, id, { ...invite, content: { kind: 'text', text: '' } });
            n++;
          }
          return n;
        },
        async listPendingFor(userId, limit) {
          const out: Invite[] = [];
          for (const invite of s.invites.values()) {
            if (
              invite.status === 'pending' &&
              (invite.senderId === userId || invite.recipientId === userId)
            )
              out.push(invite);
          }
          return out.sort((a, b) => a.createdAt - b.createdAt).slice(0, limit);
        },
        async listPendingCreatedBefore(before, limit) {
          const out: Invite[] = [];
          for (const invite of s.invites.values()) {
            if (invite.status === 'pending' && invite.createdAt < before) out.push(invite);
          }
          return out.sort((x, y) => x.createdAt - y.createdAt).slice(0, limit);
        },
      },
      chats: {
        async insert(chat) {
          if (s.chatByInvite.has(chat.inviteId)) return false;
          j.set(s.chats, chat.id, chat);
          j.set(s.chatByInvite, chat.inviteId, chat.id);
          s.append(j, s.chatsByUser, chat.authorId, chat.id);
          s.append(j, s.chatsByUser, chat.readerId, chat.id);
          return true;
        },
        async get(id) {
          return s.chats.get(id);
        },
        async update(next, expected) {
          if (s.chats.get(next.id)?.status !== expected) return false;
          j.set(s.chats, next.id, next);
          return true;
        },
        async listFor(userId, limit) {
          return (s.chatsByUser.get(userId) ?? [])
            .slice(0, limit)
            .map((id) => s.chats.get(id) as Chat);
        },
        async tally(since) {
          const counts = { opened: 0, ended: 0, blocked: 0 };
          for (const chat of s.chats.values()) {
            if (chat.openedAt >= since) counts.opened++;
            if (chat.status !== 'active' && chat.endedAt >= since) counts[chat.status]++;
          }
          return counts;
        },
        async listActiveFor(userId) {
          const out: Chat[] = [];
          for (const id of s.chatsByUser.get(userId) ?? []) {
            const chat = s.chats.get(id) as Chat;
            if (chat.status === 'active') out.push(chat);
          }
          return out;
        },
      },
      blocks: {
        async add(a, b, at) {
          if (!s.blocks.has(pairKey(a, b))) j.set(s.blocks, pairKey(a, b), at);
        },
        async has(a, b) {
          return s.blocks.has(pairKey(a, b));
        },
        async repoint(from, to) {
          let moved = 0;
          for (const [key, at] of [...s.blocks]) {
            const [low, high] = key.split('|') as [UserId, UserId];
            if (low !== from && high !== from) continue;
            j.delete(s.blocks, key);
            const pair = pairKey(low === from ? to : low, high === from ? to : high);
            if (!s.blocks.has(pair)) j.set(s.blocks, pair, at);
            moved++;
          }
          return moved;
        },
      },
      messages: {
        async link(chatId, a, b) {
          j.set(s.messages, sideKey(a), { chatId, peer: b });
          j.set(s.messages, sideKey(b), { chatId, peer: a });
        },
        async find(side) {
          return s.messages.get(sideKey(side));
        },
      },
      tokens: {
        async add(records) {
          for (const record of records) {
            j.set(s.tokens, record.token, record);
            s.append(j, s.tokenGroups, record.group, record.token);
          }
        },
        async get(token) {
          return s.tokens.get(token);
        },
        async consume(token) {
          const record = s.tokens.get(token);
          if (record === undefined) return false;
          for (const t of s.tokenGroups.get(record.group) ?? []) j.delete(s.tokens, t);
          j.delete(s.tokenGroups, record.group);
          return true;
        },
        async deleteFor(userId) {
          return deleteTokens((record) => record.userId === userId, Number.POSITIVE_INFINITY);
        },
        async purgeBefore(before, limit) {
          return deleteTokens((record) => record.createdAt < before, limit);
        },
      },
      inbox: {
        async claim(key, at) {
          if (s.inbox.has(key)) return false;
          j.set(s.inbox, key, at);
          return true;
        },
        async purgeBefore(before) {
          let n = 0;
          for (const [key, at] of s.inbox) {
            if (at < before) {
              j.delete(s.inbox, key);
              n++;
            }
          }
          return n;
        },
      },
      outbox: {
        async add(entries, at) {
          for (const { lane, effect } of entries) {
            // Ids only grow; a rolled-back transaction leaves a gap, as a database sequence does.
            const id = s.nextOutboxId++;
            j.set(s.outbox, id, {
              entry: { id, lane, effect, attempts: 0, createdAt: at },
              availableAt: at,
              leasedUntil: 0,
              leaseOwner: null,
              dead: false,
              error: null,
            });
            s.append(j, s.lanes, lane, id);
          }
        },
        async claim(now, limit, leaseMs, owner) {
          const out: OutboxEntry[] = [];
          for (const queue of s.lanes.values()) {
            if (out.length >= limit) break;
            const row = s.outbox.get(queue[0] as number) as OutboxRow;
            if (row.availableAt > now || row.leasedUntil > now) continue;
            const leased = { ...row, leasedUntil: now + leaseMs, leaseOwner: owner ?? null };
            j.set(s.outbox, row.entry.id, leased);
            out.push(row.entry);
          }
          return out;
        },
        async renew(ids, owner, until) {
          let n = 0;
          for (const id of ids) {
            const row = s.outbox.get(id);
            if (row === undefined || row.dead || row.leaseOwner !== owner) continue;
            j.set(s.outbox, id, { ...row, leasedUntil: until });
            n++;
          }
          return n;
        },
        async release(owner) {
          let n = 0;
          for (const row of s.outbox.values()) {
            if (row.dead || row.leaseOwner !== owner) continue;
            j.set(s.outbox, row.entry.id, { ...row, leasedUntil: 0, leaseOwner: null });
            n++;
          }
          return n;
        },
        async oldestPendingAt() {
          let oldest: number | null = null;
          for (const row of s.outbox.values()) {
            if (!row.dead && (oldest === null || row.entry.createdAt < oldest))
              oldest = row.entry.createdAt;
          }
          return oldest;
        },
        async complete(id) {
          s.removeFromLane(j, id);
          j.delete(s.outbox, id);
        },
        async retry(id, availableAt, error) {
          const row = s.outbox.get(id);
          if (row === undefined) return;
          const entry = { ...row.entry, attempts: row.entry.attempts + 1 };
          j.set(s.outbox, id, {
            ...row,
            entry,
            availableAt,
            leasedUntil: 0,
            leaseOwner: null,
            error,
          });
        },
        async fail(id, error) {
          const row = s.outbox.get(id);
          if (row === undefined) return;
          s.removeFromLane(j, id);
          const entry = { ...row.entry, attempts: row.entry.attempts + 1 };
          j.set(s.outbox, id, {
            ...row,
            entry,
            dead: true,
            leasedUntil: 0,
            leaseOwner: null,
            error,
          });
        },
        async list(afterId, limit) {
          return [...s.outbox.keys()]
            .filter((id) => id > afterId)
            .sort((a, b) => a - b)
            .slice(0, limit)
            .map((id) => (s.outbox.get(id) as OutboxRow).entry);
        },
        async stats() {
          let pending = 0;
          let dead = 0;
          for (const row of s.outbox.values()) row.dead ? dead++ : pending++;
          return { pending, dead };
        },
      },
    };
  }

  private removeFromLane(j: Journal, id: number): void {
    const row = this.outbox.get(id);
    if (row === undefined || row.dead) return;
    const lane = row.entry.lane;
    const queue = this.lanes.get(lane);
    if (queue === undefined) return;
    const index = queue.indexOf(id);
    if (index < 0) return;
    const rest = [...queue.slice(0, index), ...queue.slice(index + 1)];
    if (rest.length === 0) j.delete(this.lanes, lane);
    else j.set(this.lanes, lane, rest);
  }
}
