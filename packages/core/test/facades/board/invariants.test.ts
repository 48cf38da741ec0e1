import type { Ad, ChatId, Repositories, User } from '@anonboard/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { setup } from '../../helpers.js';

type Step =
  | { kind: 'invite'; sender: number; ad: number }
  | { kind: 'accept' | 'decline'; invite: number; by: number }
  | { kind: 'relay'; user: number }
  | { kind: 'end' | 'block'; user: number; chat: number };

const PEOPLE = 4;
const ADS = 3;
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('invite' as const),
    sender: fc.nat(PEOPLE - 1),
    ad: fc.nat(ADS - 1),
  }),
  fc.record({
    kind: fc.constantFrom('accept' as const, 'decline' as const),
    invite: fc.nat(20),
    by: fc.nat(PEOPLE - 1),
  }),
  fc.record({ kind: fc.constant('relay' as const), user: fc.nat(PEOPLE - 1) }),
  fc.record({
    kind: fc.constantFrom('end' as const, 'block' as const),
    user: fc.nat(PEOPLE - 1),
    chat: fc.nat(5),
  }),
);

/** Runs a random interleaving; every refused step must be a typed error. */
async function play(steps: Step[]) {
  const env = await setup({ policy: { invitesPerDay: 1000 } });
  const { board, people, dispatcher, transport, storage } = env;
  const users = await people(...Array.from({ length: PEOPLE }, (_, i) => `p${i}`));
  const ads: Ad[] = [];
  for (let i = 0; i < ADS; i++) {
    ads.push(await board.publishAd({ author: (users[i % PEOPLE] as User).id, title: `Ad ${i}` }));
  }
  const invites: string[] = [];
  const blockedPairs = new Set<string>();
  /** How many invites each person declined. */
  const declines = new Map<string, number>();
  let nextMessage = 1;
  const pair = (a: string, b: string) => [a, b].sort().join('|');
  const attempt = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (error) {
      expect(error).toMatchObject({ name: 'AnonboardError' });
    }
  };
  for (const s of steps) {
    switch (s.kind) {
      case 'invite':
        await attempt(async () => {
          const invite = await board.sendInvite({
            sender: (users[s.sender] as User).id,
            adId: ads[s.ad]?.id as never,
            content: { kind: 'text', text: `hello ${nextMessage++}` },
          });
          invites.push(invite.id);
        });
        break;
      case 'accept':
      case 'decline': {
        const inviteId = invites[s.invite % Math.max(1, invites.length)];
        if (inviteId === undefined) break;
        const input = { user: (users[s.by] as User).id, inviteId: inviteId as never };
        await attempt(async () => {
          if (s.kind === 'accept') return board.acceptInvite(input);
          await board.declineInvite(input);
          const author = users[s.by] as User;
          declines.set(author.platformId, (declines.get(author.platformId) ?? 0) + 1);
        });
        break;
      }
      case 'relay':
        await attempt(() =>
          board.receive({ user: (users[s.user] as User).id, messageIds: [nextMessage++] }),
        );
        break;
      case 'end':
      case 'block': {
        const user = users[s.user] as User;
        const chats = await board.listChats(user.id);
        const chat = chats[s.chat % Math.max(1, chats.length)];
        if (chat === undefined) break;
        if (s.kind === 'block') {
          const full = await storage.transaction((tx) => tx.chats.get(chat.id));
          if (full !== undefined) blockedPairs.add(pair(full.authorId, full.readerId));
        }
        await attempt(() =>
          s.kind === 'end'
            ? board.endChat({ user: user.id, chatId: chat.id })
            : board.blockChat({ user: user.id, chatId: chat.id }),
        );
        break;
      }
    }
    await dispatcher.drain();
  }
  return { board, storage, users, transport, invites, blockedPairs, pair, declines };
}

describe('invariants under random interleavings', () => {
  it('one invite per (reader, ad), one chat per invite, no self-invites, blocked pairs never talk, declined senders never hear', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
        const { storage, users, invites, blockedPairs, pair, transport, declines } =
          await play(steps);
        await storage.transaction(async (tx: Repositories) => {
          const all = await Promise.all(invites.map((id) => tx.invites.get(id as never)));
          const seen = new Set<string>();
          const chatIds = new Set<ChatId>();
          for (const invite of all) {
            if (invite === undefined) throw new Error('a returned invite is missing');
            const key = `${invite.senderId}|${invite.adId}`;
            expect(seen.has(key)).toBe(false);
            seen.add(key);
            expect(invite.senderId).not.toBe(invite.recipientId);
            if (invite.status === 'accepted') {
              expect(chatIds.has(invite.chatId)).toBe(false);
              chatIds.add(invite.chatId);
            }
          }
          // No active chat joins a blocked pair.
          for (const user of users) {
            for (const chat of await tx.chats.listActiveFor(user.id)) {
              expect(blockedPairs.has(pair(chat.authorId, chat.readerId))).toBe(false);
              expect(chatIds.has(chat.id)).toBe(true);
            }
          }
        });
        // A decline is told only to the author who declined: each person hears of exactly
        // as many declines as they made, so no sender ever hears of theirs.
        for (const user of users) {
          const told = transport
            .to(user.platformId)
            .filter((m) => m.kind === 'text' && /отклон/i.test(m.text));
          expect(told).toHaveLength(declines.get(user.platformId) ?? 0);
        }
      }),
      { numRuns: 60, seed: 20261121 },
    );
  });
});
