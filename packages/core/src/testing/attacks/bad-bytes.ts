import { describe, expect, it } from 'vitest';
import { isAnonboardError } from '../../errors.js';
import { createFeed } from '../../facades/feed.js';
import { silentLogger } from '../../operations/console-logger.js';
import type { Scene, StorageFactory } from './scene.js';
import { scenes, snapshotOf } from './scene.js';

/** A NUL: PostgreSQL cannot store it in text; SQLite and memory would, silently. */
const NUL = '\u0000';

/**
 * Promise: bad bytes are refused the same way on every storage. A NUL character in any text the
 * outside world hands the board or the feed (an ad, a search, a first message, a relayed message,
 * a report, a suggested post, a watched source's post) is refused with `text_invalid`, a clear
 * sentence for the person, and changes nothing stored; never a storage failure (PostgreSQL's 500).
 */
export function badBytes(name: string, factory: StorageFactory): void {
  describe(`${name}: a NUL in a text is refused cleanly and stores nothing`, () => {
    const scene = scenes(factory);

    /** Alice has an open chat with Bob about his ad; Carol watches a source of a feed. */
    async function world(s: Scene) {
      const alice = await s.person('alice');
      const bob = await s.person('bob');
      const carol = await s.person('carol');
      const chat = await s.chat(bob, alice, 'Bicycle');
      const kayak = await s.ad(bob, 'Kayak');
      const feed = createFeed({
        storage: s.storage,
        transport: s.transport,
        clock: s.clock,
        logger: silentLogger,
      });
      await feed.configure({ channel: '@news', admins: [bob.id] });
      await feed.addSource({ ref: '-1001', title: 'City news' });
      await feed.subscribe({ user: carol.id, keywords: ['bridge'] });
      await s.drain();
      return { alice, bob, carol, chat, kayak, feed };
    }

    type World = Awaited<ReturnType<typeof world>>;
    type Attempt = (w: World, s: Scene) => Promise<unknown>;
    const attempts: Record<string, Attempt | { prepare: Attempt; attack: Attempt }> = {
      'an ad’s title': (w, s) => s.board.publishAd({ author: w.alice.id, title: `Lamp${NUL}` }),
      'an ad’s text': (w, s) =>
        s.board.publishAd({ author: w.alice.id, title: 'Lamp', text: `Works${NUL}fine` }),
      'a search': (_w, s) => s.board.listAds({ search: `Kay${NUL}`, limit: 10 }),
      'a first message from the Mini App': (w, s) =>
        s.board.sendInvite({
          sender: w.carol.id,
          adId: w.kayak,
          content: { kind: 'text', text: `Still for sale?${NUL}` },
        }),
      'a first message through the bot': {
        prepare: (w, s) => s.board.openAd({ user: w.carol.id, adId: w.kayak }),
        attack: (w, s) =>
          s.board.receive({ user: w.carol.id, messageIds: [41], summary: `Hi${NUL}` }),
      },
      'a message in a chat': (w, s) =>
        s.board.receive({ user: w.alice.id, messageIds: [42], summary: `See you${NUL}` }),
      'an edit of a relayed message': (w, s) =>
        s.board.editRelayed({ user: w.alice.id, messageId: 1, text: `Edited${NUL}`, part: 'text' }),
      'a report’s reason': (w, s) =>
        s.board.report({ user: w.alice.id, reason: `Spam${NUL}`, chatId: w.chat.id }),
      'a suggested post': (w) => w.feed.suggest({ user: w.carol.id, text: `News${NUL}` }),
      'a source’s title': (w) => w.feed.addSource({ ref: '-1002', title: `Town${NUL}` }),
      keywords: (w) => w.feed.subscribe({ user: w.carol.id, keywords: [`road${NUL}`] }),
      'a watched source’s post': (w, s) =>
        w.feed.ingest({
          sourceRef: '-1001',
          messageId: 9,
          text: `The bridge${NUL} reopens`,
          date: s.clock.now(),
          via: 'userbot',
        }),
      'a post in the channel’s direct messages': (w) =>
        w.feed.ingestDirect({
          chatRef: '-1009',
          channelTitle: 'City news',
          messageId: 3,
          text: `Bridge${NUL}`,
          offer: { price: null, sendAt: null },
        }),
    };

    for (const [what, attempt] of Object.entries(attempts)) {
      it(`${what}`, async () => {
        const s = await scene();
        const w = await world(s);
        const { prepare, attack } = typeof attempt === 'function' ? { attack: attempt } : attempt;
        await prepare?.(w, s);
        await s.drain();
        const before = await snapshotOf(s, [w.alice, w.bob, w.carol], w.feed);
        const outcome = await attack(w, s).then(
          () => 'accepted',
          (error: unknown) => (isAnonboardError(error) ? error.code : String(error)),
        );
        await s.drain();
        expect(outcome).toBe('text_invalid');
        const after = await snapshotOf(s, [w.alice, w.bob, w.carol], w.feed);
        expect(after).toEqual(before);
      });
    }

    it('the refusal is a sentence for the person, in their language', async () => {
      const s = await scene();
      const alice = await s.person('alice');
      const error = await s.board
        .publishAd({ author: alice.id, title: `Lamp${NUL}` })
        .catch((e: unknown) => e);
      expect(s.board.explain(error, 'en')).toMatch(/character/);
      expect(s.board.explain(error, 'ru')).toMatch(/символ/);
      expect(s.board.explain(error, 'en')).not.toContain(NUL);
    });
  });
}
