import { describe, expect, it } from 'vitest';
import { isAnonboardError } from '../../errors.js';
import type { User } from '../../users/user.js';
import { platformIdOf, type Scene, type StorageFactory, scenes, snapshotOf } from './scene.js';

/**
 * Promise: nothing hands the other side a person's profile. A first message with a Telegram app
 * link (`tg://user?id=`, any `tg://`; an adapter writes the address behind a mention by name,
 * Telegram's `text_mention`, into the summary as `tg://user?id=<id>`) is refused with
 * `profile_link`, even where links are allowed; a relayed or edited message linking a profile is
 * refused too (a relay is a copy, and a copy keeps a mention clickable). Nothing is stored or
 * sent on a refusal.
 */
export function profileLinks(name: string, factory: StorageFactory): void {
  describe(`${name}: no profile link reaches the other side`, () => {
    const scene = scenes(factory);

    /** The address a mention of `who` by name points at. */
    const profileOf = (who: User) => `tg://user?id=${who.platformId}`;

    /** What an attempt came to, and whether the board (and what anyone received) changed. */
    async function attempt(s: Scene, people: readonly User[], fn: () => Promise<unknown>) {
      const before = await snapshotOf(s, people);
      const outcome = await fn().then(
        () => 'accepted',
        (error: unknown) => (isAnonboardError(error) ? error.code : String(error)),
      );
      await s.drain();
      const after = await snapshotOf(s, people);
      return { outcome, unchanged: JSON.stringify(after) === JSON.stringify(before) };
    }

    it('a first message from the Mini App with a tg:// link is refused, even where links are allowed', async () => {
      const s = await scene({ policy: { firstMessageLinks: true } });
      const alice = await s.person('alice');
      const bob = await s.person('bob');
      const kayak = await s.ad(bob, 'Kayak');
      for (const text of [
        `I am ${profileOf(alice)}`,
        'Ask tg://resolve?domain=someone',
        'TG://USER?ID=1',
      ]) {
        expect(
          await attempt(s, [alice, bob], () =>
            s.board.sendInvite({ sender: alice.id, adId: kayak, content: { kind: 'text', text } }),
          ),
        ).toEqual({ outcome: 'profile_link', unchanged: true });
      }
      // An ordinary link is this board's to allow.
      const sent = await s.board.sendInvite({
        sender: alice.id,
        adId: kayak,
        content: { kind: 'text', text: 'See https://example.com' },
      });
      expect(sent.status).toBe('pending');
    });

    it('a first message through the bot mentioning someone by name (text_mention) is refused', async () => {
      const s = await scene();
      const alice = await s.person('alice');
      const bob = await s.person('bob');
      const kayak = await s.ad(bob, 'Kayak');
      await s.board.openAd({ user: alice.id, adId: kayak });
      await s.drain();
      const bobBefore = s.seenBy(bob).length;
      // What an adapter makes of “Hi, I am Alice” with “Alice” a mention of her profile.
      const summary = `Hi, I am Alice ${profileOf(alice)}`;
      expect(
        await attempt(s, [alice, bob], () =>
          s.board.receive({ user: alice.id, messageIds: [40], summary }),
        ),
      ).toEqual({ outcome: 'profile_link', unchanged: true });
      expect(s.seenBy(bob).slice(bobBefore)).toEqual([]);
      // The ad is still open for her: the same message without the mention goes through.
      const outcome = await s.board.receive({ user: alice.id, messageIds: [41], summary: 'Hi' });
      expect(outcome.type).toBe('invite');
    });

    it('in a chat, a message linking the sender’s profile is refused; nothing is copied', async () => {
      const s = await scene();
      const alice = await s.person('alice');
      const bob = await s.person('bob');
      await s.chat(bob, alice, 'Bicycle');
      const bobBefore = s.seenBy(bob).length;
      for (const summary of [
        `Call me: Alice ${profileOf(alice)}`,
        `tg://openmessage?user_id=${platformIdOf('alice')}`,
      ]) {
        expect(
          await attempt(s, [alice, bob], () =>
            s.board.receive({ user: alice.id, messageIds: [50], summary }),
          ),
        ).toEqual({ outcome: 'profile_link', unchanged: true });
      }
      expect(s.seenBy(bob).slice(bobBefore)).toEqual([]);
      const relayed = await s.board.receive({ user: alice.id, messageIds: [51], summary: 'Hi' });
      expect(relayed.type).toBe('relayed');
    });

    it('an edit that adds a profile link to a relayed message is refused; the copy keeps its text', async () => {
      const s = await scene();
      const alice = await s.person('alice');
      const bob = await s.person('bob');
      await s.chat(bob, alice, 'Bicycle');
      await s.board.receive({ user: alice.id, messageIds: [60], summary: 'Hello' });
      await s.drain();
      expect(
        await attempt(s, [alice, bob], () =>
          s.board.editRelayed({
            user: alice.id,
            messageId: 60,
            text: `Hello, ${profileOf(alice)}`,
            part: 'text',
          }),
        ),
      ).toEqual({ outcome: 'profile_link', unchanged: true });
      expect(s.transport.sent.some((m) => m.kind === 'edit')).toBe(false);
    });

    it('the refusal says why, in the person’s language', async () => {
      const s = await scene();
      const alice = await s.person('alice');
      const bob = await s.person('bob');
      await s.chat(bob, alice, 'Bicycle');
      const error = await s.board
        .receive({ user: alice.id, messageIds: [70], summary: profileOf(alice) })
        .catch((e: unknown) => e);
      expect(s.board.explain(error, 'en')).toMatch(/profile/);
      expect(s.board.explain(error, 'ru')).toMatch(/профиль/);
    });
  });
}
