import {
  createRuntime,
  Dispatcher,
  type Effect,
  laneOf,
  MemoryStorage,
  type Repositories,
  silentLogger,
  type UserId,
} from '@anonboard/core';
import { ManualClock, RecordingTransport, SequentialIds } from '@anonboard/core/testing';
import { describe, expect, it } from 'vitest';
import type { AfterDelivery, DeliveryRules } from '../../src/outbox/delivery-rules.js';

/** Counts the transactions the dispatcher opens. */
class CountingStorage extends MemoryStorage {
  transactions = 0;
  override transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T> {
    this.transactions++;
    return super.transaction(fn);
  }
}

const ann = 'u-ann' as UserId;
const annAddress = '100:ann';

/** A dispatcher driven by `rules` alone (no domain's), and Ann, who can be written to. */
async function setup(rules: readonly DeliveryRules[]) {
  const storage = new CountingStorage();
  const clock = new ManualClock();
  const transport = new RecordingTransport();
  const { ctx } = createRuntime({ storage, clock, ids: new SequentialIds(), logger: silentLogger });
  await storage.transaction((tx) =>
    tx.users.ensure({ id: ann, platformId: annAddress, locale: 'en', at: clock.now() }),
  );
  const dispatcher = new Dispatcher(ctx, transport, rules);
  const write = (...effects: Effect[]) =>
    storage.transaction((tx) =>
      tx.outbox.add(
        effects.map((effect) => ({ lane: laneOf(effect), effect })),
        clock.now(),
      ),
    );
  const texts = () => transport.to(annAddress).flatMap((m) => (m.kind === 'text' ? [m.text] : []));
  return { storage, transport, dispatcher, write, texts };
}

const notice = (text: 'command.start' | 'command.myads' | 'command.mychats'): Effect => ({
  type: 'notify',
  to: ann,
  text,
});

describe('delivery rules', () => {
  it('a void check a domain registers completes a delivery unsent, in the leasing transaction', async () => {
    const seen: string[] = [];
    const rules: DeliveryRules[] = [
      {
        void: {
          notify: async (tx, effect, { to }) => {
            // It reads with the lease: the recipient as read, and the transaction for the rest.
            seen.push(`${to?.platformId} ${(await tx.users.get(effect.to))?.locale}`);
            return effect.text === 'command.myads';
          },
        },
      },
    ];
    const voiding = await setup(rules);
    await voiding.write(notice('command.start'), notice('command.myads'));
    const before = voiding.storage.transactions;
    expect(await voiding.dispatcher.drain()).toBe(2);
    const spent = voiding.storage.transactions - before;

    expect(voiding.texts()).toEqual(['Menu']);
    expect(seen).toEqual([`${annAddress} en`, `${annAddress} en`]);
    expect(await voiding.storage.transaction((tx) => tx.outbox.stats())).toEqual({
      pending: 0,
      dead: 0,
    });

    // Without the rule both go out, and the check cost no transaction of its own.
    const plain = await setup([]);
    await plain.write(notice('command.start'), notice('command.myads'));
    const plainBefore = plain.storage.transactions;
    await plain.dispatcher.drain();
    expect(plain.texts()).toEqual(['Menu', 'My ads']);
    expect(plain.storage.transactions - plainBefore).toBe(spent);
  });

  it("after-delivery hooks of every domain get the platform's message ids; their follow-ups go out in the same drain", async () => {
    const ids: number[][] = [];
    const follow =
      (text: 'command.myads' | 'command.mychats'): AfterDelivery<'notify'> =>
      async (_tx, effect, sent) => {
        if (effect.text !== 'command.start') return [];
        ids.push([...sent.messageIds]);
        return [notice(text)];
      };
    const env = await setup([
      { after: { notify: follow('command.myads') } },
      { after: { notify: follow('command.mychats') } },
    ]);
    await env.write(notice('command.start'));
    expect(await env.dispatcher.drain()).toBe(3);

    expect(env.texts()).toEqual(['Menu', 'My ads', 'My chats']);
    const first = env.transport.to(annAddress)[0];
    const firstId = first?.kind === 'text' ? first.messageId : undefined;
    expect(ids).toEqual([[firstId], [firstId]]);
  });

  it('a refusal for good reaches the given-up hook; a blocked bot reaches the unreachable hook', async () => {
    const givenUp: string[] = [];
    const lost: UserId[] = [];
    const env = await setup([
      {
        givenUp: {
          notify: async (_tx, effect, why) => {
            givenUp.push(`${effect.text}: ${why}`);
            return [];
          },
        },
        unreachable: async (user) => {
          lost.push(user);
        },
      },
    ]);
    env.transport.failNext(annAddress, { kind: 'rejected', reason: 'message is too long' });
    await env.write(notice('command.start'));
    await env.dispatcher.drain();
    expect(givenUp).toEqual(['command.start: message is too long']);
    expect(lost).toEqual([]);

    env.transport.failNext(annAddress, { kind: 'unreachable' });
    await env.write(notice('command.myads'));
    await env.dispatcher.drain();
    expect(lost).toEqual([ann]);
    expect(givenUp).toHaveLength(1);
  });
});
