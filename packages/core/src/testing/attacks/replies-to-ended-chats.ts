import { describe, expect, it } from 'vitest';
import type { Chat } from '../../chats/chat.js';
import type { User } from '../../users/user.js';
import type { Scene, StorageFactory } from './scene.js';
import { scenes } from './scene.js';

/**
 * Promise: a reply goes to the chat of the message it replies to, or nowhere. Replying to a
 * relayed message of a chat that has ended (or was blocked) never reaches anyone, not even the
 * only other chat the sender has; the sender is told that chat has ended.
 */
export function repliesToEndedChats(name: string, factory: StorageFactory): void {
  describe(`${name}: a reply into an ended chat reaches nobody`, () => {
    const scene = scenes(factory);

    /** Alice answered Bob's and Carol's ads; Bob wrote to her (message id in Alice's chat). */
    async function twoChats(s: Scene) {
      const alice = await s.person('alice');
      const bob = await s.person('bob');
      const carol = await s.person('carol');
      const withBob = await s.chat(bob, alice, 'Bicycle');
      const withCarol = await s.chat(carol, alice, 'Canoe');
      await s.board.receive({ user: bob.id, messageIds: [31], summary: 'Still interested?' });
      await s.drain();
      const copy = s.seenBy(alice).findLast((m) => m.kind === 'copy');
      if (copy?.kind !== 'copy') throw new Error('Bob’s message did not reach Alice');
      return { alice, bob, carol, withBob, withCarol, bobsMessage: copy.copies[0] as number };
    }

    async function replyAfter(
      s: Scene,
      end: (bob: User, chat: Chat) => Promise<unknown>,
    ): Promise<void> {
      const { alice, bob, carol, withBob, bobsMessage } = await twoChats(s);
      await end(bob, withBob);
      await s.drain();
      const carolBefore = s.seenBy(carol).length;
      const bobBefore = s.seenBy(bob).length;
      const aliceBefore = s.seenBy(alice).length;

      const outcome = await s.board.receive({
        user: alice.id,
        messageIds: [77],
        replyTo: bobsMessage,
        summary: 'Yes, my address is 5 Elm Street',
      });
      await s.drain();

      expect(outcome).toEqual({ type: 'chat_ended', chatId: withBob.id });
      expect(s.seenBy(carol).slice(carolBefore)).toEqual([]);
      expect(s.seenBy(bob).slice(bobBefore)).toEqual([]);
      const told = s.seenBy(alice).slice(aliceBefore);
      expect(told).toEqual([
        expect.objectContaining({ kind: 'text', text: expect.stringContaining('“Bicycle”') }),
      ]);
      expect(told[0]?.kind === 'text' && told[0].text).toMatch(/ended/);
      // Nothing of it is kept: it was not relayed.
      const history = await s.storage.transaction((tx) => tx.history.ofChat(withBob.id, 100));
      expect(history.map((h) => h.summary)).not.toContain('Yes, my address is 5 Elm Street');
    }

    it('a reply to a message of a chat the other side ended goes nowhere, not to the only other chat', async () => {
      const s = await scene();
      await replyAfter(s, (bob, chat) => s.board.endChat({ user: bob.id, chatId: chat.id }));
    });

    it('a reply to a message of a chat the other side blocked goes nowhere', async () => {
      const s = await scene();
      await replyAfter(s, (bob, chat) => s.board.blockChat({ user: bob.id, chatId: chat.id }));
    });

    it('with several chats left, a reply into an ended chat asks nothing and relays nothing', async () => {
      const s = await scene();
      const { alice, bob, withBob, bobsMessage } = await twoChats(s);
      const dave = await s.person('dave');
      await s.chat(dave, alice, 'Kayak');
      await s.board.endChat({ user: bob.id, chatId: withBob.id });
      await s.drain();
      const outcome = await s.board.receive({
        user: alice.id,
        messageIds: [78],
        replyTo: bobsMessage,
        summary: 'Hello?',
      });
      await s.drain();
      expect(outcome.type).toBe('chat_ended');
      // No chooser was offered: its buttons would relay the message into another chat.
      expect(s.seenBy(alice).some((m) => m.kind === 'text' && m.buttons !== undefined)).toBe(false);
      expect(
        s.transport.sent.filter((m) => m.kind === 'copy' && m.from === alice.platformId),
      ).toEqual([]);
    });

    it('a reply to a message of a live chat still goes to that chat', async () => {
      const s = await scene();
      const { alice, bob, carol, bobsMessage } = await twoChats(s);
      const carolBefore = s.seenBy(carol).length;
      const outcome = await s.board.receive({
        user: alice.id,
        messageIds: [79],
        replyTo: bobsMessage,
        summary: 'Yes',
      });
      await s.drain();
      expect(outcome.type).toBe('relayed');
      expect(s.seenBy(bob).at(-1)).toMatchObject({ kind: 'copy', messageIds: [79], replyTo: 31 });
      expect(s.seenBy(carol).slice(carolBefore)).toEqual([]);
    });
  });
}
