import {
  backoffDelay,
  createBoard,
  type DispatcherOptions,
  defaultBackoff,
  MemoryStorage,
  silentLogger,
  type UserId,
} from '@anonboard/core';
import { RecordingTransport } from '@anonboard/core/testing';
import { describe, expect, it } from 'vitest';
import { copiesTo, lastButtons, setup, textsTo } from '../helpers.js';

/** Bob's ad, Alice's invite, accepted: an open chat between them. */
async function openChat(tuning?: DispatcherOptions) {
  const env = await setup(tuning === undefined ? {} : { dispatcher: tuning });
  const { board, people, transport, dispatcher } = env;
  const [bob, alice] = await people('bob', 'alice');
  if (bob === undefined || alice === undefined) throw new Error('people');
  const ad = await board.publishAd({ author: bob.id, title: 'Гараж' });
  await board.sendInvite({ sender: alice.id, adId: ad.id, content: { kind: 'text', text: 'hi' } });
  await dispatcher.drain();
  await board.press({ user: bob.id, token: lastButtons(transport, bob)[0]?.token ?? '' });
  await dispatcher.drain();
  return { ...env, bob, alice };
}

const u1 = 'u1' as UserId;

describe('dispatcher', () => {
  it('retries a rate limit after the time asked, keeping order per recipient', async () => {
    const { board, transport, dispatcher, clock, bob, alice } = await openChat();
    transport.failNext(bob.platformId, { kind: 'rate_limited', retryAfterMs: 3000 });
    for (const id of [1, 2, 3]) await board.receive({ user: alice.id, messageIds: [id] });
    await dispatcher.drain();
    expect(copiesTo(transport, bob)).toHaveLength(0); // the first waits, so the others wait behind it
    clock.advance(2999);
    await dispatcher.drain();
    expect(copiesTo(transport, bob)).toHaveLength(0);
    clock.advance(1);
    await dispatcher.drain();
    expect(copiesTo(transport, bob).map((c) => c.messageIds[0])).toEqual([1, 2, 3]);
  });

  it('retries transient errors with backoff, then dead-letters after the last attempt', async () => {
    const { board, transport, dispatcher, clock, storage, bob, alice } = await openChat();
    transport.failNext(bob.platformId, { kind: 'transient' }, 2);
    await board.receive({ user: alice.id, messageIds: [1] });
    await dispatcher.drain();
    clock.advance(defaultBackoff.baseMs);
    await dispatcher.drain();
    clock.advance(defaultBackoff.baseMs * 2);
    await dispatcher.drain();
    expect(copiesTo(transport, bob)).toHaveLength(1);

    transport.failNext(bob.platformId, { kind: 'transient' }, defaultBackoff.maxAttempts);
    await board.receive({ user: alice.id, messageIds: [2] });
    for (let i = 0; i < defaultBackoff.maxAttempts; i++) {
      await dispatcher.drain();
      clock.advance(defaultBackoff.maxMs);
    }
    expect(await storage.transaction((tx) => tx.outbox.stats())).toEqual({ pending: 0, dead: 1 });
    expect(copiesTo(transport, bob)).toHaveLength(1);
  });

  it('a permanent refusal marks the recipient unreachable and ends their chats', async () => {
    const { board, transport, dispatcher, bob, alice } = await openChat();
    transport.failNext(bob.platformId, { kind: 'unreachable' });
    await board.receive({ user: alice.id, messageIds: [1] });
    await dispatcher.drain();
    expect(textsTo(transport, alice).at(-1)).toBe('Собеседник недоступен, чат «Гараж» завершён.');
    expect(await board.listChats(alice.id)).toEqual([]);
    // Bob comes back: he is reachable again (his chats stay ended).
    expect((await board.identify({ platformId: bob.platformId })).reachable).toBe(true);
  });

  it('a rejected delivery is dead-lettered without touching the chat', async () => {
    const { board, transport, dispatcher, storage, bob, alice } = await openChat();
    transport.failNext(bob.platformId, { kind: 'rejected', reason: 'message to copy not found' });
    await board.receive({ user: alice.id, messageIds: [1] });
    await dispatcher.drain();
    expect(await storage.transaction((tx) => tx.outbox.stats())).toEqual({ pending: 0, dead: 1 });
    expect(await board.listChats(alice.id)).toHaveLength(1);
  });

  it('nothing queued before a block reaches the other side after it', async () => {
    const { board, transport, dispatcher, bob, alice } = await openChat();
    await board.receive({ user: alice.id, messageIds: [1] });
    await board.blockChat({ user: bob.id });
    await dispatcher.drain();
    expect(copiesTo(transport, bob)).toHaveLength(0);
  });

  it('start() delivers in the background and stop() waits for it', async () => {
    const { board, transport, dispatcher, bob, alice } = await openChat();
    dispatcher.start();
    await board.receive({ user: alice.id, messageIds: [5] });
    await expect.poll(() => copiesTo(transport, bob).length).toBe(1);
    await dispatcher.stop();
  });

  it('a running dispatcher is woken when its storage hears of entries written elsewhere', async () => {
    // What another process writes, as a storage that can watch (PostgreSQL) reports it.
    const watchers = new Set<() => void>();
    const storage = Object.assign(new MemoryStorage(), {
      watchOutbox(wake: () => void) {
        watchers.add(wake);
        return () => watchers.delete(wake);
      },
    });
    const elsewhere = (n: number) =>
      storage.transaction((tx) =>
        tx.outbox.add(
          [{ lane: 'user:u1', effect: { type: 'notify', to: u1, text: 'relay.noChat' } }],
          n,
        ),
      );
    const transport = new RecordingTransport();
    const hourly = { logger: silentLogger, dispatcher: { pollIntervalMs: 3_600_000 } };
    const board = createBoard({ storage, transport, ...hourly });
    await storage.transaction((tx) =>
      tx.users.ensure({ id: u1, platformId: '1', locale: 'ru', at: 0 }),
    );
    board.dispatcher?.start();
    expect(watchers.size).toBe(1);
    // Let its first look find nothing and go to sleep for the hour.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await elsewhere(1);
    for (const wake of watchers) wake();
    await expect.poll(() => transport.sent.length).toBe(1);
    await board.dispatcher?.stop();
    expect(watchers.size).toBe(0); // stopped, it watches no more
  });

  it('a running dispatcher costs a relay two transactions: the one that writes it, the one that settles it', async () => {
    const { board, dispatcher, storage, transport, bob, alice } = await openChat();
    let transactions = 0;
    const transaction = storage.transaction.bind(storage);
    storage.transaction = (fn) => {
      transactions++;
      return transaction(fn);
    };
    dispatcher.start();
    await expect.poll(() => transactions).toBeGreaterThan(0); // the loop's first look
    await new Promise((resolve) => setTimeout(resolve, 20));
    transactions = 0;
    await board.receive({ user: alice.id, messageIds: [7] });
    await expect.poll(() => copiesTo(transport, bob).length).toBe(1);
    await dispatcher.stop();
    expect(transactions).toBe(2);
  });

  it('relays in a row cost one transaction each: the next one records the delivery before it', async () => {
    // Deliveries wait for the next relay however slow the machine is (stop() records the last).
    const { board, dispatcher, storage, transport, bob, alice } = await openChat({
      rideWaitMs: 3_600_000,
    });
    let transactions = 0;
    const transaction = storage.transaction.bind(storage);
    storage.transaction = (fn) => {
      transactions++;
      return transaction(fn);
    };
    dispatcher.start();
    await expect.poll(() => transactions).toBeGreaterThan(0); // the loop's first look
    await new Promise((resolve) => setTimeout(resolve, 20));
    transactions = 0;
    for (const id of [1, 2, 3]) {
      await board.receive({ user: alice.id, messageIds: [id] });
      await expect.poll(() => copiesTo(transport, bob).length).toBe(id);
    }
    await dispatcher.stop();
    // Three relays, and the last delivery recorded by itself as the dispatcher stopped.
    expect(transactions).toBe(4);
    expect(await storage.transaction((tx) => tx.outbox.stats())).toEqual({ pending: 0, dead: 0 });
    // Each copy is linked to its original: a reply to a copy is a reply to the original.
    const copies = copiesTo(transport, bob).map((c) => c.copies[0] as number);
    for (const [i, copy] of copies.entries()) {
      await board.receive({ user: bob.id, messageIds: [50 + i], replyTo: copy });
    }
    await dispatcher.drain();
    expect(copiesTo(transport, alice).map((c) => c.replyTo)).toEqual([1, 2, 3]);
  });

  it('a delivery whose record rode a transaction that rolled back records itself', async () => {
    const { board, dispatcher, storage, transport, bob, alice } = await openChat({
      rideWaitMs: 3_600_000,
    });
    let failNext = false;
    const transaction = storage.transaction.bind(storage);
    storage.transaction = (fn) =>
      transaction(async (tx) => {
        const value = await fn(tx);
        if (failNext) {
          failNext = false;
          throw new Error('the commit failed');
        }
        return value;
      });
    const pending = async () => (await storage.transaction((tx) => tx.outbox.stats())).pending;
    dispatcher.start();
    await board.receive({ user: alice.id, messageIds: [1] });
    await expect.poll(() => copiesTo(transport, bob).length).toBe(1);
    expect(await pending()).toBe(1); // delivered, its record waiting for the next relay
    failNext = true;
    await expect(board.receive({ user: alice.id, messageIds: [2] })).rejects.toThrow('commit');
    await expect.poll(pending).toBe(0);
    await dispatcher.stop();
    expect(copiesTo(transport, bob).map((c) => c.messageIds[0])).toEqual([1]);
  });

  it('messages written while one is in flight follow it in order, without waiting for a poll', async () => {
    const storage = new MemoryStorage();
    const transport = new RecordingTransport();
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const copy = transport.copy.bind(transport);
    transport.copy = async (message) => {
      if (message.messageIds[0] === 1) await held;
      return copy(message);
    };
    // A poll far beyond the test's timeout: only the hand-off and each round's next lease deliver.
    const options = { logger: silentLogger, dispatcher: { pollIntervalMs: 3_600_000 } };
    const board = createBoard({ storage, transport, ...options });
    const [bob, alice] = await Promise.all(
      ['1', '2'].map((platformId) => board.identify({ platformId })),
    );
    if (bob === undefined || alice === undefined) throw new Error('people');
    const ad = await board.publishAd({ author: bob.id, title: 'Гараж' });
    await board.sendInvite({
      sender: alice.id,
      adId: ad.id,
      content: { kind: 'text', text: 'hi' },
    });
    await board.dispatcher?.drain();
    await board.press({ user: bob.id, token: lastButtons(transport, bob)[0]?.token ?? '' });
    await board.dispatcher?.drain();
    board.dispatcher?.start();
    for (const id of [1, 2, 3]) await board.receive({ user: alice.id, messageIds: [id] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(copiesTo(transport, bob)).toEqual([]); // the first is in flight, the others wait behind it
    release();
    await expect
      .poll(() => copiesTo(transport, bob).map((c) => c.messageIds[0]))
      .toEqual([1, 2, 3]);
    await board.dispatcher?.stop();
  });

  it('stop() waits for deliveries handed off by the transactions that wrote them', async () => {
    const { board, transport, dispatcher, bob, alice } = await openChat();
    const copy = transport.copy.bind(transport);
    transport.copy = async (message) => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      return copy(message);
    };
    dispatcher.start();
    await board.receive({ user: alice.id, messageIds: [9] });
    await dispatcher.stop();
    expect(copiesTo(transport, bob).map((c) => c.messageIds[0])).toEqual([9]);
  });

  it('backoff grows exponentially, capped, with jitter in the upper half', () => {
    const p = { baseMs: 1000, maxMs: 8000, maxAttempts: 5 };
    expect(backoffDelay(0, p, () => 0)).toBe(500);
    expect(backoffDelay(0, p, () => 1)).toBe(1000);
    expect(backoffDelay(2, p, () => 1)).toBe(4000);
    expect(backoffDelay(10, p, () => 1)).toBe(8000);
  });
});

describe('leases', () => {
  it('a heartbeat keeps a slow delivery leased: no other dispatcher sends it meanwhile', async () => {
    const storage = new MemoryStorage();
    let release: () => void = () => {};
    const stalled = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = new RecordingTransport();
    const sendText = slow.sendText.bind(slow);
    slow.sendText = async (message) => {
      await stalled; // a delivery far slower than the lease
      return sendText(message);
    };
    const quick = new RecordingTransport();
    const leaseMs = 150;
    const options = { logger: silentLogger, dispatcher: { leaseMs, pollIntervalMs: 10 } };
    const a = createBoard({ storage, transport: slow, ...options });
    const b = createBoard({ storage, transport: quick, ...options });
    const bob = await a.identify({ platformId: '1' });
    await a.receive({ user: bob.id, messageIds: [1] }); // "you have no chats": one notice

    const slowRound = a.dispatcher?.round();
    // Several leases long, the other dispatcher keeps looking for due entries.
    b.dispatcher?.start();
    await new Promise((resolve) => setTimeout(resolve, leaseMs * 5));
    expect(quick.sent).toEqual([]);
    release();
    expect(await slowRound).toBe(1);
    await b.dispatcher?.stop();
    expect(slow.sent).toHaveLength(1);
    expect(quick.sent).toEqual([]);
  });

  it('leases under the storage’s own owner when it has one', async () => {
    const storage = Object.assign(new MemoryStorage(), { leaseOwner: 'holder-1' });
    const board = createBoard({
      storage,
      transport: new RecordingTransport(),
      logger: silentLogger,
    });
    expect(board.dispatcher?.owner).toBe('holder-1');
    const bob = await board.identify({ platformId: '1' });
    await board.receive({ user: bob.id, messageIds: [1] });
    // What the dispatcher leased is released as the holder's, so a successor can take it at once.
    const [entry] = await storage.transaction((tx) =>
      tx.outbox.claim(Date.now(), 1, 60_000, 'holder-1'),
    );
    expect(entry).toBeDefined();
    expect(await storage.transaction((tx) => tx.outbox.release('holder-1'))).toBe(1);
  });
});
