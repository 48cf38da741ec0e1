import { describe, expect, it } from 'vitest';
import { isAnonboardError } from '../../errors.js';
import type { User } from '../../users/user.js';
import { type Scene, type StorageFactory, scenes } from './scene.js';

const MINUTE = 60_000;

/**
 * Promise: the relay limit counts relays, nothing else. A first message sent through the bot
 * (it counts against the invite limit) and the messages refused while a cooldown holds do not
 * use up a person's relays, whether the bot names the sender by id or by platform identity. (A
 * storage may ask a relay's take ahead of knowing it counts, to save a round trip; it gives the
 * take back then, and this holds on every storage all the same.)
 */
export function relayLimitCountsRelays(name: string, factory: StorageFactory): void {
  describe(`${name}: only relays count against the relay limit`, () => {
    const scene = scenes(factory);

    /** What became of a message `who` sends, named by id or by platform identity. */
    const send = (s: Scene, who: User, id: number, byPlatform = false) =>
      s.board
        .receive({
          user: byPlatform ? { platformId: who.platformId } : who.id,
          messageIds: [id],
          summary: `m${id}`,
        })
        .then(
          (outcome) => outcome.type,
          (error: unknown) => (isAnonboardError(error) ? error.code : String(error)),
        );

    it('a first message through the bot does not count as a relay', async () => {
      const s = await scene({
        policy: { rateLimits: { relay: { max: 2, windowMs: 10 * MINUTE } } },
      });
      const alice = await s.person('alice');
      const bob = await s.person('bob');
      const carol = await s.person('carol');
      await s.chat(bob, alice, 'Bicycle');
      for (const byPlatform of [false, true]) {
        const ad = await s.ad(carol, `Kayak ${byPlatform}`);
        await s.board.openAd({ user: alice.id, adId: ad });
        expect(await send(s, alice, 1, byPlatform)).toBe('invite');
      }
      expect([await send(s, alice, 2), await send(s, alice, 3, true)]).toEqual([
        'relayed',
        'relayed',
      ]);
      expect(await send(s, alice, 4)).toBe('rate_limited');
    });

    it('messages refused during a cooldown do not count once it ends', async () => {
      const s = await scene({
        policy: {
          rateLimits: { relay: { max: 2, windowMs: 10 * MINUTE } },
          cooldownStepsMs: [30 * MINUTE],
        },
      });
      const alice = await s.person('alice');
      const bob = await s.person('bob');
      await s.chat(bob, alice, 'Bicycle');
      expect([await send(s, alice, 1), await send(s, alice, 2)]).toEqual(['relayed', 'relayed']);
      expect(await send(s, alice, 3)).toBe('rate_limited');
      // The window is empty again, the cooldown still holds: refused, and not counted.
      s.clock.advance(25 * MINUTE);
      expect([await send(s, alice, 4), await send(s, alice, 5, true)]).toEqual([
        'rate_limited',
        'rate_limited',
      ]);
      s.clock.advance(6 * MINUTE);
      expect([await send(s, alice, 6), await send(s, alice, 7, true)]).toEqual([
        'relayed',
        'relayed',
      ]);
      expect(await send(s, alice, 8)).toBe('rate_limited');
    });
  });
}
