import { describe, expect, it } from 'vitest';
import { createFeed } from '../../facades/feed.js';
import type { ActionToken } from '../../ids.js';
import type { User } from '../../users/user.js';
import type { SentMessage } from '../fakes.js';
import type { Scene, StorageFactory } from './scene.js';
import { scenes } from './scene.js';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Promise: what `/forgetme` and the retention period erase is gone everywhere, not only from
 * the history. Buttons holding a message summary or a draft, undelivered and dead deliveries
 * carrying the person's words, a report's reason and their lines of evidence (a placeholder
 * instead), and their closed ads (nothing serves them). Buttons expire: an old press relays
 * nothing, and `maintain()` deletes them with the outbox entries written before the retention.
 */
export function forgettingLeavesNoText(name: string, factory: StorageFactory): void {
  describe(`${name}: forgetting and retention leave no text behind`, () => {
    const scene = scenes(factory);

    /** The tokens of the last message with buttons `user` received. */
    function lastTokens(s: Scene, user: User): ActionToken[] {
      const last = s.seenBy(user).findLast((m) => m.kind === 'text' && m.buttons !== undefined);
      return last?.kind === 'text'
        ? (last.buttons ?? []).flat().map((b) => b.token as ActionToken)
        : [];
    }

    /** Everything the storage still holds that the attack can reach: tokens, outbox, ads. */
    async function leftovers(s: Scene, tokens: readonly ActionToken[]): Promise<string> {
      return s.storage.transaction(async (tx) => {
        const found = [];
        for (const token of tokens) found.push(await tx.tokens.get(token));
        found.push(await tx.outbox.list(0, 10_000));
        found.push(await tx.ads.list({ limit: 1000 }));
        return JSON.stringify(found);
      });
    }

    /** Alice is in chats with Bob and Carol; she writes without replying: a chooser. */
    async function chooser(s: Scene, text: string) {
      const alice = await s.person('alice');
      const bob = await s.person('bob');
      const carol = await s.person('carol');
      await s.chat(bob, alice, 'Bicycle');
      await s.chat(carol, alice, 'Canoe');
      expect(
        await s.board.receive({ user: alice.id, messageIds: [41], summary: text }),
      ).toMatchObject({ type: 'choose' });
      await s.drain();
      return { alice, bob, carol, tokens: lastTokens(s, alice) };
    }

    it('/forgetme deletes the chooser’s buttons and the summary they hold', async () => {
      const s = await scene();
      const { alice, tokens } = await chooser(s, 'My address is 5 Elm Street');
      expect(tokens).toHaveLength(2);
      expect(await leftovers(s, tokens)).toContain('5 Elm Street');
      await s.board.forget({ user: alice.id });
      expect(await leftovers(s, tokens)).not.toContain('5 Elm Street');
    });

    it('/forgetme deletes a suggestion’s draft waiting for confirmation', async () => {
      const s = await scene();
      const alice = await s.person('alice');
      const anna = await s.person('anna');
      const feed = createFeed({ storage: s.storage, clock: s.clock });
      await feed.configure({ channel: '@city', admins: [anna.id] });
      await feed.suggest({ user: alice.id, text: 'Ring 555-0199 for the keys' });
      await feed.dispatcher?.drain();
      await s.drain();
      const tokens = lastTokens(s, alice);
      expect(tokens.length).toBeGreaterThan(0);
      expect(await leftovers(s, tokens)).toContain('555-0199');
      await s.board.forget({ user: alice.id });
      expect(await leftovers(s, tokens)).not.toContain('555-0199');
    });

    it('/forgetme removes undelivered and dead deliveries carrying the person’s words', async () => {
      const s = await scene();
      const bob = await s.person('bob');
      const dave = await s.person('dave');
      const erin = await s.person('erin');
      const kayak = await s.ad(bob, 'Kayak');
      // Dave's first message could not be delivered (dead); Erin's waits in the outbox.
      s.transport.failNext(bob.platformId, { kind: 'rejected', reason: 'bad request' });
      await s.board.sendInvite({
        sender: dave.id,
        adId: kayak,
        content: { kind: 'text', text: 'Dave here, 555-0100' },
      });
      await s.drain();
      await s.board.sendInvite({
        sender: erin.id,
        adId: kayak,
        content: { kind: 'text', text: 'Erin here, 555-0111' },
      });
      expect(await s.storage.transaction((tx) => tx.outbox.stats())).toMatchObject({ dead: 1 });
      expect(await leftovers(s, [])).toContain('555-0100');
      expect(await leftovers(s, [])).toContain('555-0111');

      await s.board.forget({ user: dave.id });
      await s.board.forget({ user: erin.id });
      expect(await leftovers(s, [])).not.toMatch(/555-01(00|11)/);
      const before = s.seenBy(bob).length;
      await s.drain();
      expect(JSON.stringify(s.seenBy(bob).slice(before))).not.toMatch(/555-01/);
    });

    it('/forgetme of either side puts a placeholder for their words in a report, and revises the card', async () => {
      for (const who of ['reported', 'reporter'] as const) {
        const s = await scene();
        const alice = await s.person('alice');
        const bob = await s.person('bob');
        const anna = await s.person('anna');
        const feed = createFeed({ storage: s.storage, clock: s.clock });
        await feed.configure({ admins: [anna.id] });
        const chat = await s.chat(bob, alice, 'Bicycle');
        await s.board.receive({ user: bob.id, messageIds: [51], summary: 'Bob: call 555-0123' });
        await s.board.receive({ user: alice.id, messageIds: [52], summary: 'Alice: no thanks' });
        await s.drain();
        const item = await s.board.report({
          user: alice.id,
          chatId: chat.id,
          reason: 'He keeps posting 555-0123 and Alice: no thanks',
        });
        await s.drain();
        if (item === 'choose') throw new Error('the report asked which chat');
        const gone = who === 'reported' ? bob : alice;
        const kept = who === 'reported' ? 'Alice: no thanks' : 'Bob: call 555-0123';
        const erased = who === 'reported' ? 'Bob: call 555-0123' : 'Alice: no thanks';

        await s.board.forget({ user: gone.id });
        await s.drain();
        const stored = await s.storage.transaction((tx) => tx.feed.items.get(item.id));
        expect(stored?.origin.kind).toBe('report');
        const evidence = stored?.origin.kind === 'report' ? stored.origin.evidence : [];
        expect(evidence.map((line) => line.summary)).toContain(kept);
        expect(JSON.stringify(stored)).not.toContain(erased);
        expect(stored?.text).not.toContain('555-0123');
        expect(stored?.status).toBe('queued'); // still waits for a decision
        // Anna's card was revised: it no longer quotes them.
        const card = s.seenBy(anna).findLast((m) => m.kind === 'edit' || m.kind === 'text');
        expect(card?.kind).toBe('edit');
        expect(JSON.stringify(card)).not.toContain(erased);
      }
    });

    it('/forgetme deletes the person’s ads: closed, they are served to nobody', async () => {
      const s = await scene();
      const alice = await s.person('alice');
      const lamp = await s.ad(alice, 'Lamp with my street name');
      await s.board.closeAd({ user: alice.id, adId: lamp });
      const open = await s.ad(alice, 'Chair');
      await s.board.forget({ user: alice.id });
      expect(await s.board.getAd(lamp)).toBeUndefined();
      expect(await s.board.getAd(open)).toBeUndefined();
      expect(await leftovers(s, [])).not.toContain('street name');
    });

    it('a 40-day-old chooser button relays nothing, with a clear refusal; maintain() deletes it', async () => {
      const s = await scene();
      const { alice, bob, tokens } = await chooser(s, 'Old news');
      s.clock.advance(40 * DAY);
      const copiesBefore = s.transport.sent.filter((m) => m.kind === 'copy').length;
      await expect(s.board.press({ user: alice.id, token: tokens[0] ?? '' })).rejects.toMatchObject(
        { code: 'invalid_state', message: expect.stringContaining('expired') },
      );
      await s.drain();
      expect(s.transport.sent.filter((m) => m.kind === 'copy')).toHaveLength(copiesBefore);
      expect(s.seenBy(bob).some((m) => JSON.stringify(m).includes('Old news'))).toBe(false);

      const report = await s.board.maintain();
      expect(report.purgedTokens).toBeGreaterThanOrEqual(2);
      expect(await leftovers(s, tokens)).not.toContain('Old news');
      await expect(s.board.press({ user: alice.id, token: tokens[1] ?? '' })).rejects.toMatchObject(
        { code: 'invalid_state' },
      );
    });

    it('a button younger than its lifetime still works, and maintain() keeps it', async () => {
      const s = await scene();
      const { alice, bob, tokens } = await chooser(s, 'Fresh news');
      s.clock.advance(29 * DAY);
      await s.board.maintain();
      await s.board.press({ user: alice.id, token: tokens[0] ?? '' });
      await s.drain();
      const copies = (m: SentMessage) => m.kind === 'copy' && m.to === bob.platformId;
      expect(s.transport.sent.filter(copies).length).toBeGreaterThan(0);
    });

    it('maintain() deletes dead and stale deliveries written before the retention period', async () => {
      const s = await scene();
      const bob = await s.person('bob');
      const dave = await s.person('dave');
      const kayak = await s.ad(bob, 'Kayak');
      s.transport.failNext(bob.platformId, { kind: 'rejected', reason: 'bad request' });
      await s.board.sendInvite({
        sender: dave.id,
        adId: kayak,
        content: { kind: 'text', text: 'Dave here, 555-0100' },
      });
      await s.drain();
      expect(await leftovers(s, [])).toContain('555-0100');
      s.clock.advance(29 * DAY);
      expect((await s.board.maintain()).purgedDeliveries).toBe(0);
      expect(await leftovers(s, [])).toContain('555-0100');
      s.clock.advance(2 * DAY);
      expect((await s.board.maintain()).purgedDeliveries).toBeGreaterThan(0);
      expect(await leftovers(s, [])).not.toContain('555-0100');
      expect(await s.storage.transaction((tx) => tx.outbox.stats())).toEqual({
        pending: 0,
        dead: 0,
      });
    });
  });
}
