import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isAnonboardError } from '../../errors.js';
import { createFeed } from '../../facades/feed.js';
import type { AdId } from '../../ids.js';
import type { User } from '../../users/user.js';
import type { Scene, StorageFactory } from './scene.js';
import { platformIdOf, scenes } from './scene.js';

/**
 * Promise: "they can never write to you again" and a ban survive `/forgetme`. A blocked person
 * (or the blocker) who forgets and comes back is still blocked; a banned person who forgets comes
 * back banned. What carries them is a tombstone under a keyed one-way name: the raw platform id
 * is stored nowhere, and someone neither blocked nor banned leaves no tombstone at all.
 */
export function forgettingIsNoWayOut(name: string, factory: StorageFactory): void {
  describe(`${name}: a block and a ban outlive /forgetme`, () => {
    const scene = scenes(factory);

    /** Bob blocked Alice in a chat about his bicycle. */
    async function blocked(s: Scene) {
      const alice = await s.person('alice');
      const bob = await s.person('bob');
      const chat = await s.chat(bob, alice, 'Bicycle');
      await s.board.blockChat({ user: bob.id, chatId: chat.id });
      await s.drain();
      return { alice, bob };
    }

    /** `who` writes a first message to `adId` through the bot; what they were answered. */
    async function write(s: Scene, who: User, adId: AdId): Promise<string[]> {
      const answers: string[] = [];
      for (const step of [
        () => s.board.openAd({ user: who.id, adId }),
        () => s.board.receive({ user: who.id, messageIds: [700], summary: 'Hello again' }),
      ]) {
        await step().then(
          () => answers.push('ok'),
          (error: unknown) => answers.push(isAnonboardError(error) ? error.code : String(error)),
        );
      }
      await s.drain();
      return answers;
    }

    /** The copies and texts `to` received from now on, while `act` runs. */
    async function reaching(s: Scene, to: User, act: () => Promise<unknown>) {
      const before = s.seenBy(to).length;
      await act();
      return s.seenBy(to).slice(before);
    }

    it('a blocked person who forgets and comes back still cannot reach the blocker', async () => {
      const s = await scene();
      const { alice, bob } = await blocked(s);
      await s.board.forget({ user: alice.id });
      await s.drain();
      const kayak = await s.ad(bob, 'Kayak');

      const back = await s.person('alice');
      expect(back.id).not.toBe(alice.id); // a new person…
      // …who is answered as anyone would be, and whose message is dropped.
      const seen = await reaching(s, bob, async () => {
        expect(await write(s, back, kayak)).toEqual(['ok', 'ok']);
      });
      expect(seen).toEqual([]);
      expect(s.transport.sent.filter((m) => m.kind === 'copy' && m.to === bob.platformId)).toEqual(
        [],
      );
      // A stranger still gets through, so the drop is the block's.
      const dave = await s.person('dave');
      expect(await reaching(s, bob, () => write(s, dave, kayak))).not.toEqual([]);
    });

    it('a blocker who forgets and comes back is not reachable by the person they blocked', async () => {
      const s = await scene();
      const { alice, bob } = await blocked(s);
      await s.board.forget({ user: bob.id });
      await s.drain();
      const back = await s.person('bob');
      const kayak = await s.ad(back, 'Kayak');
      expect(await reaching(s, back, () => write(s, alice, kayak))).toEqual([]);
    });

    it('when both sides forget, in either order, the block holds between their returns', async () => {
      for (const order of [
        ['alice', 'bob'],
        ['bob', 'alice'],
      ] as const) {
        const s = await scene();
        const people = await blocked(s);
        await s.board.forget({ user: people.alice.id });
        await s.board.forget({ user: people.bob.id });
        await s.drain();
        const back: Record<string, User> = {};
        for (const who of order) back[who] = await s.person(who);
        const bob = back.bob as User;
        const kayak = await s.ad(bob, 'Kayak');
        expect(await reaching(s, bob, () => write(s, back.alice as User, kayak))).toEqual([]);
      }
    });

    it('a banned person who forgets comes back banned', async () => {
      const s = await scene();
      const alice = await s.person('alice');
      const bob = await s.person('bob');
      const anna = await s.person('anna');
      await s.chat(bob, alice, 'Bicycle');
      const feed = createFeed({ storage: s.storage, clock: s.clock });
      await feed.configure({ admins: [anna.id] });
      await s.board.report({ user: alice.id, reason: 'Rude' });
      await s.drain();
      const card = s.seenBy(anna).findLast((m) => m.kind === 'text' && m.buttons !== undefined);
      const ban = card?.kind === 'text' ? card.buttons?.flat()[2]?.token : undefined;
      await s.board.press({ user: anna.id, token: ban ?? '' });
      await s.drain();
      expect((await s.storage.transaction((tx) => tx.users.get(bob.id)))?.banned).toBe(true);

      await s.board.forget({ user: bob.id });
      const back = await s.person('bob');
      expect(back.id).not.toBe(bob.id);
      expect(back.banned).toBe(true);
      await expect(s.board.publishAd({ author: back.id, title: 'Garage' })).rejects.toMatchObject({
        code: 'banned',
      });
      const lamp = await s.ad(alice, 'Lamp');
      await expect(s.board.openAd({ user: back.id, adId: lamp })).rejects.toMatchObject({
        code: 'banned',
      });
    });

    it('someone reported who forgets before the decision is banned by it, away or back', async () => {
      for (const when of ['while away', 'after coming back'] as const) {
        const s = await scene();
        const alice = await s.person('alice');
        const bob = await s.person('bob');
        const anna = await s.person('anna');
        await s.chat(bob, alice, 'Bicycle');
        const feed = createFeed({ storage: s.storage, clock: s.clock });
        await feed.configure({ admins: [anna.id] });
        await s.board.report({ user: alice.id, reason: 'Rude' });
        await s.drain();
        const card = s.seenBy(anna).findLast((m) => m.kind === 'text' && m.buttons !== undefined);
        const ban = card?.kind === 'text' ? card.buttons?.flat()[2]?.token : undefined;

        await s.board.forget({ user: bob.id });
        const decide = () => s.board.press({ user: anna.id, token: ban ?? '' });
        if (when === 'while away') await decide();
        const back = await s.person('bob');
        if (when === 'after coming back') await decide();
        await s.drain();

        const now = await s.storage.transaction((tx) => tx.users.get(back.id));
        expect({ when, banned: now?.banned }).toEqual({ when, banned: true });
        await expect(s.board.publishAd({ author: back.id, title: 'Garage' })).rejects.toMatchObject(
          { code: 'banned' },
        );
      }
    });

    it('the tombstone holds no platform id: only a keyed hash names it, and nothing else is left', async () => {
      const s = await scene();
      const { alice } = await blocked(s);
      const raw = platformIdOf('alice');
      await s.board.forget({ user: alice.id });

      const probe = await s.storage
        .transaction(async (tx) => {
          const byRaw = await tx.users.getByPlatformId(raw);
          const underRaw = await tx.tombstones.take(raw);
          const underPlainHash = await tx.tombstones.take(
            createHash('sha256').update(raw).digest('base64url'),
          );
          // Only the installation's secret finds it.
          const secret = await tx.tombstones.secret('not the secret');
          const key = createHmac('sha256', secret).update(raw).digest('base64url');
          const tombstone = await tx.tombstones.take(key);
          const forgotten = await tx.users.get(alice.id);
          throw new Probe({ byRaw, underRaw, underPlainHash, secret, key, tombstone, forgotten });
        })
        .catch((error: unknown) => {
          if (error instanceof Probe) return error.found; // rolled back: nothing was taken
          throw error;
        });
      expect(probe.byRaw).toBeUndefined();
      expect(probe.underRaw).toBeUndefined();
      expect(probe.underPlainHash).toBeUndefined();
      expect(probe.secret).not.toBe('not the secret');
      expect(probe.tombstone).toMatchObject({ key: probe.key, banned: false });
      expect(JSON.stringify(probe.tombstone)).not.toContain(raw);
      // Nothing links the tombstone to the forgotten person's old record.
      expect(probe.tombstone?.ghost).not.toBe(alice.id);
      expect(probe.forgotten?.platformId).not.toContain(raw);
    });

    it('someone neither blocked nor banned leaves no tombstone', async () => {
      const s = await scene();
      const carol = await s.person('carol');
      const dave = await s.person('dave');
      await s.chat(carol, dave, 'Tent');
      await s.board.forget({ user: dave.id });
      const tombstone = await s.storage.transaction(async (tx) => {
        const secret = await tx.tombstones.secret('unused');
        const key = createHmac('sha256', secret).update(platformIdOf('dave')).digest('base64url');
        return tx.tombstones.take(key);
      });
      expect(tombstone).toBeUndefined();
      const back = await s.person('dave');
      expect(back).toMatchObject({ banned: false });
      const kayak = await s.ad(carol, 'Kayak');
      expect(await reaching(s, carol, () => write(s, back, kayak))).not.toEqual([]);
    });
  });
}

/** Carries what a probe found out of a transaction it rolls back. */
class Probe extends Error {
  constructor(readonly found: Record<string, unknown> & ProbeFound) {
    super('probe');
  }
}

interface ProbeFound {
  readonly byRaw: User | undefined;
  readonly underRaw: unknown;
  readonly underPlainHash: unknown;
  readonly secret: string;
  readonly key: string;
  readonly tombstone: { readonly ghost: string; readonly key: string } | undefined;
  readonly forgotten: User | undefined;
}
