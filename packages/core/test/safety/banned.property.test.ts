import { createFeed, type User } from '@anonboard/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lastButtons, setup } from '../helpers.js';

type Step =
  | { kind: 'connect'; reader: number; author: number }
  | { kind: 'invite'; sender: number; author: number }
  | { kind: 'relay'; user: number }
  | { kind: 'ban'; reporter: number };

const PEOPLE = 4;
const who = fc.nat(PEOPLE - 1);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('connect' as const), reader: who, author: who }),
  fc.record({ kind: fc.constant('invite' as const), sender: who, author: who }),
  fc.record({ kind: fc.constant('relay' as const), user: who }),
  fc.record({ kind: fc.constant('ban' as const), reporter: who }),
);

/** Ignores refusals (typed errors); anything else fails the property. */
const tolerate = (p: Promise<unknown>) =>
  p.catch((e: unknown) => expect(e).toMatchObject({ name: 'AnonboardError' }));

describe('a banned person can never reach anyone', () => {
  it('holds for random interleavings of chats, invites, relays and bans', async () => {
    let bans = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const env = await setup({
          policy: {
            invitesPerDay: 1000,
            rateLimits: {
              relay: { max: 1000, windowMs: 60_000 },
              invite: { max: 1000, windowMs: 60_000 },
            },
          },
        });
        const { board, transport, dispatcher, storage, clock } = env;
        const people = (await env.people(
          ...Array.from({ length: PEOPLE }, (_, i) => `p${i}`),
        )) as User[];
        const admin = await board.identify({ platformId: 'admin' });
        await createFeed({ storage, clock }).configure({ admins: [admin.id] });
        /** Each person's ads, one per step that needs a fresh one (one first message per ad). */
        const adOf = (author: User, n: number) =>
          board.publishAd({ author: author.id, title: `Ad ${n}` });
        const bannedAt = new Map<string, number>();
        let n = 1;
        for (const s of steps) {
          switch (s.kind) {
            case 'connect':
            case 'invite': {
              const author = people[s.author] as User;
              const reader = people[s.kind === 'connect' ? s.reader : s.sender] as User;
              const ad = await adOf(author, n++).catch((e: unknown) => {
                expect(e).toMatchObject({ name: 'AnonboardError' });
                return undefined;
              });
              if (ad === undefined) break;
              const adId = ad.id;
              await tolerate(
                board.sendInvite({
                  sender: reader.id,
                  adId,
                  content: { kind: 'text', text: `hello ${n++}` },
                }),
              );
              if (s.kind === 'invite') break;
              await dispatcher.drain();
              const accept = transport
                .to(author.platformId)
                .flatMap((m) => (m.kind === 'text' ? (m.buttons ?? []).flat() : []))
                .filter((b) => b.text === '✅ Принять')
                .at(-1);
              if (accept !== undefined)
                await tolerate(board.press({ user: author.id, token: accept.token }));
              break;
            }
            case 'relay':
              await tolerate(
                board.receive({
                  user: (people[s.user] as User).id,
                  messageIds: [n++],
                  summary: 'text',
                }),
              );
              break;
            case 'ban': {
              const reporter = people[s.reporter] as User;
              const [chat] = await board.listChats(reporter.id);
              if (chat === undefined) break;
              const full = await storage.transaction((tx) => tx.chats.get(chat.id));
              const reportedId = full?.authorId === reporter.id ? full?.readerId : full?.authorId;
              const reported = people.find((p) => p.id === reportedId) as User;
              await tolerate(board.report({ user: reporter.id, reason: 'abuse', chatId: chat.id }));
              await dispatcher.drain();
              const ban = lastButtons(transport, admin).find((b) => b.text === '⛔ Заблокировать');
              if (ban === undefined) break;
              await tolerate(board.press({ user: admin.id, token: ban.token }));
              if (!bannedAt.has(reported.platformId)) {
                bannedAt.set(reported.platformId, transport.sent.length);
                bans++;
              }
              break;
            }
          }
        }
        await dispatcher.drain();
        for (const [platformId, at] of bannedAt) {
          // After the ban nothing from them is copied to anyone, and they are in no chat.
          expect(
            transport.sent.slice(at).filter((m) => m.kind === 'copy' && m.from === platformId),
          ).toEqual([]);
          const user = people.find((p) => p.platformId === platformId) as User;
          expect(await board.listChats(user.id)).toEqual([]);
        }
      }),
      { numRuns: 40, seed: 9 },
    );
    expect(bans).toBeGreaterThan(5); // the property was exercised, not vacuously true
  });
});
