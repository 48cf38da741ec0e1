import { describe, expect, it } from 'vitest';
import { isAnonboardError } from '../../errors.js';
import type { AdId } from '../../ids.js';
import type { User } from '../../users/user.js';
import type { Scene, StorageFactory } from './scene.js';
import { scenes } from './scene.js';

/**
 * Promise: a block is not an oracle. Someone blocked by an author (or who blocked them) who
 * opens or writes to any of the author's ads sees exactly what a stranger sees: the same prompt,
 * the same "sent" confirmation, the same refusals after; their first message is dropped silently,
 * like a decline, so nothing links the author's anonymous ads together.
 */
export function noBlockOracle(name: string, factory: StorageFactory): void {
  describe(`${name}: a block cannot be detected from the other side`, () => {
    const scene = scenes(factory);

    /** Bob blocked Alice in a chat about his first ad; Bob then posts another, anonymous ad. */
    async function blocked(s: Scene) {
      const alice = await s.person('alice');
      const bob = await s.person('bob');
      const dave = await s.person('dave');
      const chat = await s.chat(bob, alice, 'Bicycle');
      await s.board.blockChat({ user: bob.id, chatId: chat.id });
      await s.drain();
      const kayak = await s.ad(bob, 'Kayak');
      return { alice, bob, dave, kayak };
    }

    /** What `who` sees and gets back for each step of writing to an ad through the bot. */
    async function writeThroughBot(s: Scene, who: User, adId: AdId, text: string) {
      const before = s.seenBy(who).length;
      const steps: unknown[] = [];
      const attempt = async (fn: () => Promise<unknown>) => {
        try {
          const value = await fn();
          steps.push({ ok: shape(value) });
        } catch (error) {
          steps.push({ refused: isAnonboardError(error) ? error.code : String(error) });
        }
        await s.drain();
      };
      await attempt(() => s.board.openAd({ user: who.id, adId }));
      await attempt(() => s.board.receive({ user: who.id, messageIds: [500], summary: text }));
      // A second try, as a stranger would be refused it.
      await attempt(() => s.board.openAd({ user: who.id, adId }));
      const seen = s.seenBy(who).slice(before);
      return { steps, seen: seen.map((m) => (m.kind === 'text' ? m.text : m.kind)) };
    }

    it('a blocked reader opening and writing to another ad of the blocker gets a stranger’s experience; nothing arrives', async () => {
      const s = await scene();
      const { alice, bob, dave, kayak } = await blocked(s);
      const bobBefore = s.seenBy(bob).length;

      const asStranger = await writeThroughBot(s, dave, kayak, 'Is it still for sale?');
      const bobAfterDave = s.seenBy(bob).length;
      const asBlocked = await writeThroughBot(s, alice, kayak, 'Is it still for sale?');

      expect(asBlocked).toEqual(asStranger);
      expect(asStranger.seen).toEqual([
        expect.stringContaining('Kayak'), // the prompt
        expect.stringContaining('Kayak'), // sent
      ]);
      expect(asStranger.steps).toEqual([
        { ok: 'Kayak' },
        { ok: 'invite' },
        { refused: 'already_invited' }, // one first message per ad
      ]);
      // Dave's message reached Bob; Alice's did not, in any form.
      expect(bobAfterDave).toBeGreaterThan(bobBefore);
      expect(s.seenBy(bob).slice(bobAfterDave)).toEqual([]);
      expect(
        s.transport.sent.filter((m) => m.kind === 'copy' && m.from === alice.platformId),
      ).toEqual([]);
    });

    it('a blocked reader writing from the Mini App (sendInvite) gets the same answer as a stranger; nothing arrives', async () => {
      const s = await scene();
      const { alice, bob, dave, kayak } = await blocked(s);
      const send = async (who: User) => {
        const before = s.seenBy(who).length;
        const invite = await s.board
          .sendInvite({ sender: who.id, adId: kayak, content: { kind: 'text', text: 'Price?' } })
          .then(
            () => 'sent',
            (error: unknown) => (isAnonboardError(error) ? error.code : 'error'),
          );
        const again = await s.board
          .sendInvite({ sender: who.id, adId: kayak, content: { kind: 'text', text: 'Hello?' } })
          .then(
            () => 'sent',
            (error: unknown) => (isAnonboardError(error) ? error.code : 'error'),
          );
        await s.drain();
        const seen = s.seenBy(who).slice(before);
        return { invite, again, seen: seen.map((m) => (m.kind === 'text' ? m.text : m.kind)) };
      };
      const bobBefore = s.seenBy(bob).length;
      const stranger = await send(dave);
      const bobAfterDave = s.seenBy(bob).length;
      expect(await send(alice)).toEqual(stranger);
      expect(stranger).toMatchObject({ invite: 'sent', again: 'already_invited' });
      expect(bobAfterDave).toBeGreaterThan(bobBefore);
      expect(s.seenBy(bob).slice(bobAfterDave)).toEqual([]);
    });

    it('the blocker writing to an ad of the person they blocked is dropped the same way', async () => {
      const s = await scene();
      const { alice, bob, dave } = await blocked(s);
      const lamp = await s.ad(alice, 'Lamp');
      const aliceBefore = s.seenBy(alice).length;
      const asStranger = await writeThroughBot(s, dave, lamp, 'Does it work?');
      const aliceAfterDave = s.seenBy(alice).length;
      expect(await writeThroughBot(s, bob, lamp, 'Does it work?')).toEqual(asStranger);
      expect(aliceAfterDave).toBeGreaterThan(aliceBefore);
      expect(s.seenBy(alice).slice(aliceAfterDave)).toEqual([]);
    });

    it('a dropped first message ends at once, quietly: no chat, nothing pending for the author', async () => {
      const s = await scene();
      const { alice, bob, kayak } = await blocked(s);
      await s.board.sendInvite({
        sender: alice.id,
        adId: kayak,
        content: { kind: 'text', text: 'Hi' },
      });
      const invite = await s.storage.transaction((tx) =>
        tx.invites.findBySenderAndAd(alice.id, kayak),
      );
      expect(invite?.status).toBe('withdrawn');
      expect(await s.board.listChats(bob.id)).toEqual([]);
      const pending = await s.storage.transaction((tx) => tx.invites.listPendingFor(bob.id, 10));
      expect(pending).toEqual([]);
    });
  });
}

/** What a person could tell apart in a method's answer: its kind, never ids or statuses. */
function shape(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && 'type' in value) return value.type;
  if (value !== null && typeof value === 'object' && 'title' in value) return value.title;
  return typeof value;
}
