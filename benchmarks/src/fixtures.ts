import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  AdId,
  Board,
  ButtonRows,
  ChatId,
  InviteId,
  Repositories,
  Storage,
  Transport,
  UserId,
} from '@anonboard/core';
import { openSqliteStorage } from '@anonboard/storage-sqlite';

/** A transport that only counts: benchmarks measure anonboard, not a recorder's memory. */
export class CountingTransport implements Transport {
  delivered = 0;
  private nextId = 1;
  async sendText(_m: { to: string; text: string; buttons?: ButtonRows }) {
    this.delivered++;
    return { messageId: this.nextId++ };
  }
  async copy(m: { to: string; from: string; messageIds: readonly number[] }) {
    this.delivered++;
    return { messageIds: m.messageIds.map(() => this.nextId++) };
  }
  async edit() {
    this.delivered++;
  }
  async sendMedia(m: { to: string; files: readonly unknown[] }) {
    this.delivered++;
    return { messageIds: m.files.map(() => this.nextId++) };
  }
  async publish() {
    this.delivered++;
    return { messageId: this.nextId++ };
  }
}

/** A SQLite file in a fresh temp folder, removed by `dispose`. */
export function tempSqlite(): {
  storage: ReturnType<typeof openSqliteStorage>;
  dispose: () => Promise<void>;
} {
  const dir = mkdtempSync(join(tmpdir(), 'anonboard-bench-'));
  const storage = openSqliteStorage({ path: join(dir, 'bench.sqlite') });
  return {
    storage,
    dispose: async () => {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Writes `count` accepted chats straight through the repositories, 5 000 per transaction: the
 * fast way to load a big dataset (each chat: two people, an ad, an accepted invite, a chat).
 * Returns the senders of chat `i` (alternating sides).
 */
export async function loadChats(storage: Storage, count: number, offset = 0): Promise<UserId[]> {
  const senders: UserId[] = [];
  const batch = 5000;
  for (let start = 0; start < count; start += batch) {
    await storage.transaction(async (tx: Repositories) => {
      for (let i = start; i < Math.min(count, start + batch); i++) {
        const n = i + offset;
        const author = `a${n}` as UserId;
        const reader = `r${n}` as UserId;
        await tx.users.ensure({ id: author, platformId: `10${n}`, locale: 'ru', at: 0 });
        await tx.users.ensure({ id: reader, platformId: `20${n}`, locale: 'ru', at: 0 });
        const adId = `ad${n}` as AdId;
        await tx.ads.insert({
          id: adId,
          authorId: author,
          title: `Ad ${n}`,
          text: '',
          createdAt: n,
          status: 'open',
        });
        const inviteId = `i${n}` as InviteId;
        const chatId = `c${n}` as ChatId;
        await tx.invites.insert({
          id: inviteId,
          adId,
          adTitle: `Ad ${n}`,
          senderId: reader,
          recipientId: author,
          content: { kind: 'text', text: 'hello' },
          createdAt: n,
          status: 'accepted',
          decidedAt: n,
          chatId,
        });
        await tx.chats.insert({
          id: chatId,
          inviteId,
          adId,
          label: `Ad ${n}`,
          authorId: author,
          readerId: reader,
          openedAt: n,
          status: 'active',
        });
        senders.push(n % 2 === 0 ? reader : author);
      }
    });
  }
  return senders;
}

/**
 * Relays `messages` messages from `senders` (round-robin), draining every `drainEvery`; latencies
 * of `receive` in ms. `inFlight` updates are handled at once (1: one after another, as grammY's
 * own polling does; more: as a webhook server or @grammyjs/runner hands them over). Message ids
 * count up from `firstMessageId`: a later load on the same board passes ids no earlier one used,
 * so its message links are new rows rather than updates of old ones.
 */
export async function relayLoad(
  board: Board,
  senders: readonly UserId[],
  messages: number,
  {
    drainEvery = 64,
    inFlight = 1,
    firstMessageId = 1,
  }: { drainEvery?: number; inFlight?: number; firstMessageId?: number } = {},
) {
  const dispatcher = board.dispatcher;
  if (dispatcher === undefined) throw new Error('[anonboard] [bench] the board needs a transport');
  const latencies = new Float64Array(messages);
  let next = 0;
  const handle = async () => {
    for (let m = next++; m < messages; m = next++) {
      const t = performance.now();
      await board.receive({
        user: senders[m % senders.length] as UserId,
        messageIds: [firstMessageId + m],
      });
      latencies[m] = performance.now() - t;
      if ((m + 1) % drainEvery === 0) await dispatcher.drain();
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, handle));
  await dispatcher.drain();
  const seconds = (performance.now() - started) / 1000;
  latencies.sort();
  return { perSecond: messages / seconds, latencies };
}

/**
 * `count` senders spread over chats 0…`chats` that {@link loadChats} wrote (old rows and new),
 * alternating sides: what touches the whole dataset rather than its newest pages.
 */
export function spreadSenders(chats: number, count: number): UserId[] {
  return Array.from({ length: count }, (_, i) => {
    const n = Math.floor((i * chats) / count);
    return (n % 2 === 0 ? `r${n}` : `a${n}`) as UserId;
  });
}

/**
 * Limits lifted far above any benchmark's load: relays still pay for the limit check and the
 * history row, but are never refused (a refusal would end the run, not measure it).
 */
export const benchPolicy = {
  invitesPerDay: 1_000_000,
  rateLimits: { relay: { max: 1_000_000_000, windowMs: 60_000 } },
} as const;
