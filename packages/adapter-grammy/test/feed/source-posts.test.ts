import type { Score, Scorer } from '@anonboard/core';
import { describe, expect, it } from 'vitest';
import { buttonData, textOf, waitForText } from '../support/people.js';
import { ask, cardsAbout, waitRevised } from './support/flows.js';
import { startFeedHarness } from './support/harness.js';

/** A scorer that reads its score from the text («[0.9]»), as a model would judge it. */
const bracketScorer: Scorer = {
  name: 'bracket',
  async score(text): Promise<Score> {
    const value = /\[(\d\.\d+)\]/.exec(text)?.[1];
    if (value === undefined) throw new Error('no score in the text');
    return { score: Number(value), reason: `said ${value}` };
  },
};

describe('a watched source channel where the bot is an administrator', () => {
  it('an edit that adds a keyword to a dropped post makes it an item', async () => {
    const h = await startFeedHarness({ scorer: bracketScorer });
    const { emu, source } = h;
    const { bob } = h.people;
    await ask(emu, bob, 'keywords', 'собрание', 'ищу: «собрание»');

    const post = await source.post('Продам гараж [0.90]');
    await emu.idle();
    expect(await h.feed.queue()).toEqual([]);
    await source.edit(post, 'Продам гараж. СРОЧНО: собрание жильцов [0.90]');
    const [card] = await cardsAbout(h, 'собрание жильцов');
    expect(textOf(card)).toMatch(
      /^🆕 📡 Мониторинг · Городской чат\n🧠 Оценка 0\.90 \(bracket\): said 0\.90\n🕒 .+\n✏️ Изменено .+: текст и оценка — новые\n\n/,
    );
    expect(h.errors).toEqual([]);
  });

  it('an edit of a queued post re-scores it: every card shows the new text and score, and the channel gets the new text', async () => {
    const h = await startFeedHarness({ scorer: bracketScorer });
    const { emu, source, channel, admins } = h;
    const { bob } = h.people;
    await ask(emu, bob, 'keywords', 'собрание', 'ищу: «собрание»');

    const post = await source.post('Собрание в 18:00 [0.60]');
    const [first, second] = await cardsAbout(h, 'Собрание в 18:00');
    expect(textOf(first)).toContain('🧠 Оценка 0.60 (bracket)');
    await source.edit(post, 'Собрание перенесли на 19:00 [0.95]');
    for (const [admin, card] of [
      [admins[0], first],
      [admins[1], second],
    ] as const) {
      const revised = await emu.waitFor(
        () =>
          admin.received.find(
            (m) => m.message_id === card.message_id && textOf(m).includes('перенесли на 19:00'),
          ),
        { message: 'the card to be revised' },
      );
      expect(textOf(revised)).toContain('🧠 Оценка 0.95 (bracket): said 0.95');
      expect(textOf(revised)).toContain('✏️ Изменено');
      expect(textOf(revised)).not.toContain('0.60');
      expect(buttonData(revised)).toHaveLength(2);
    }
    // No second card: the edit revised the ones the admins have.
    expect(admins[0].received.filter((m) => textOf(m).includes('Собрание'))).toHaveLength(1);

    const revised = admins[0].received.find((m) => m.message_id === first.message_id);
    await admins[0].press(revised ?? first);
    const published = await emu.waitFor(() => channel.lastPost());
    expect(published.text).toBe('Собрание перенесли на 19:00 [0.95]\n\n— Городской чат');
    await waitForText(emu, bob, '📢 Опубликовано по вашей подписке');
    await waitRevised(emu, admins[1], second.message_id, '📢 Опубликовано');

    // Published: a later edit changes neither the channel post nor the cards.
    await source.edit(post, 'Собрание отменили [0.99]');
    await emu.idle();
    await h.feed.dispatcher?.drain();
    expect(channel.posts.map((p) => p.text)).toEqual([
      'Собрание перенесли на 19:00 [0.95]\n\n— Городской чат',
    ]);
    expect(admins[1].received.map(textOf).join('\n')).not.toContain('отменили');
    expect(h.errors).toEqual([]);
  });

  it('an album of the source reaches every card as an album, and the channel as one album with its caption', async () => {
    const h = await startFeedHarness({ scorer: bracketScorer });
    const { emu, source, channel, admins } = h;
    const { bob } = h.people;
    await ask(emu, bob, 'keywords', 'ярмарка', 'ищу: «ярмарка»');

    const parts = await source.postAlbum([
      { type: 'photo', caption: 'Ярмарка во дворе в субботу [0.80]' },
      { type: 'photo' },
      { type: 'video' },
    ]);
    const [first, second] = await cardsAbout(h, 'Ярмарка во дворе');
    expect(textOf(first)).toContain('📎 Выше: фото, фото, видео');
    for (const [admin, card] of [
      [admins[0], first],
      [admins[1], second],
    ] as const) {
      const album = admin.received.filter(
        (m) => m.media_group_id !== undefined && m.message_id < card.message_id,
      );
      expect(album).toHaveLength(3);
      expect(new Set(album.map((m) => m.media_group_id)).size).toBe(1);
      expect(album.map((m) => m.photo?.at(-1)?.file_id ?? m.video?.file_id)).toEqual(
        parts.map((m) => m.photo?.at(-1)?.file_id ?? m.video?.file_id),
      );
    }
    // One item for the whole album.
    expect(await h.feed.queue()).toHaveLength(1);

    await admins[0].press(first);
    await emu.waitFor(() => (channel.posts.length === 3 ? true : undefined));
    const post = channel.posts;
    expect(post[0]?.caption).toBe('Ярмарка во дворе в субботу [0.80]\n\n— Городской чат');
    expect(post.map((m) => (m.photo ? 'photo' : m.video ? 'video' : '?'))).toEqual([
      'photo',
      'photo',
      'video',
    ]);
    expect(new Set(post.map((m) => m.media_group_id)).size).toBe(1);
    expect(post.every((m) => m.forward_origin === undefined)).toBe(true);
    await waitForText(emu, bob, '📢 Опубликовано по вашей подписке');
    expect(h.errors).toEqual([]);
  });

  it('a long captioned post: the card shortens it visibly, the channel gets the caption part with the photo and the rest as text', async () => {
    const h = await startFeedHarness({ scorer: bracketScorer });
    const { emu, source, channel, admins } = h;
    const { bob } = h.people;
    await ask(emu, bob, 'keywords', 'ярмарка', 'ищу: «ярмарка»');
    // A full 1,024-character caption and the source line no longer fit a caption: the photo
    // carries the first part, the rest follows as a text (Telegram would refuse a longer caption).
    const caption = `Ярмарка [0.90]. ${'Подробности ярмарки. '.repeat(48)}`.slice(0, 1024);
    await source.postMedia('photo', { caption });
    const [card] = await cardsAbout(h, 'Ярмарка [0.90]');
    await admins[0].press(card);
    await emu.waitFor(() => (channel.posts.length === 2 ? true : undefined));
    const [photo, rest] = channel.posts;
    expect(photo?.photo).toBeDefined();
    expect(photo?.caption?.length).toBeLessThanOrEqual(1024);
    expect(rest?.text).toContain('— Городской чат');
    expect(`${photo?.caption} ${rest?.text}`.replace(/\s+/g, ' ')).toBe(
      `${caption.trim()} — Городской чат`.replace(/\s+/g, ' '),
    );
    expect(h.errors).toEqual([]);
  });

  it('a photo posted without a caption, captioned later with a keyword: an item with its photo', async () => {
    const h = await startFeedHarness({ scorer: bracketScorer });
    const { emu, source, admins } = h;
    const { bob } = h.people;
    await ask(emu, bob, 'keywords', 'субботник', 'ищу: «субботник»');
    const photo = await source.postMedia('photo');
    await emu.idle();
    expect(await h.feed.queue()).toEqual([]);
    await source.edit(photo, 'Субботник во дворе [0.70]');
    const [card] = await cardsAbout(h, 'Субботник во дворе');
    expect(textOf(card)).toContain('✏️ Изменено');
    const above = admins[0].received.find((m) => m.message_id === card.message_id - 1);
    expect(above?.photo?.at(-1)?.file_id).toBe(photo.photo?.at(-1)?.file_id);
    expect(h.errors).toEqual([]);
  });

  it('posts of channels nobody watches pass on', async () => {
    const seen: string[] = [];
    const h = await startFeedHarness({
      after: (bot) => bot.on('channel_post', (ctx) => void seen.push(ctx.chat.title)),
    });
    await h.people.bob.command('subscribe');
    await h.unwatched.post('СРОЧНО: собрание');
    await h.source.post('СРОЧНО: собрание');
    await h.emu.waitFor(() => (seen.length > 0 ? seen : undefined));
    await h.emu.idle();
    expect(seen).toEqual(['Чужой канал']);
    expect(h.errors).toEqual([]);
  });
});
