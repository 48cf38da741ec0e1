import { type ItemMedia, storedMedia } from '@anonboard/core';
import { describe, expect, it } from 'vitest';
import { buttonsOf, feedSetup, textsOf } from './helpers.js';

const photo: ItemMedia = { files: [{ kind: 'photo', fileId: 'AgAC-yard' }] };
const album: ItemMedia = {
  files: [
    { kind: 'photo', fileId: 'AgAC-front' },
    { kind: 'video', fileId: 'BAAC-back' },
  ],
};

/** Suggests, confirms and returns once the admins' cards are out. */
async function suggestAndConfirm(
  setup: Awaited<ReturnType<typeof feedSetup>>,
  text: string,
  media: ItemMedia,
) {
  const { feed, transport, dispatcher, author } = setup;
  await feed.suggest({ user: author.id, text, media });
  await dispatcher.drain();
  await feed.press({ user: author.id, token: buttonsOf(transport, author)[0]?.token ?? '' });
  await dispatcher.drain();
}

describe('media of items', () => {
  it('a suggested photo goes above the preview, above every card, and into the channel with its caption', async () => {
    const setup = await feedSetup();
    const { transport, feed, dispatcher, author, anna, boris } = setup;
    await suggestAndConfirm(setup, 'Во дворе открыли каток', photo);
    const toAuthor = transport.to(author.platformId);
    expect(toAuthor[0]).toMatchObject({ kind: 'media', files: photo.files });
    expect(toAuthor[1]).toMatchObject({ kind: 'text' });
    expect(toAuthor[1]?.kind === 'text' && toAuthor[1].text).toContain('📎 Выше: фото');
    for (const admin of [anna, boris]) {
      const [media, card] = transport.to(admin.platformId);
      expect(media).toMatchObject({ kind: 'media', files: photo.files });
      expect(media?.kind === 'media' && media.caption).toBeUndefined();
      expect(card?.kind === 'text' && card.text).toMatch(
        /📎 Выше: фото\n🕒 .+\n\nВо дворе открыли каток$/,
      );
    }
    await feed.press({ user: anna.id, token: buttonsOf(transport, anna)[0]?.token ?? '' });
    await dispatcher.drain();
    expect(transport.to('@city_news')).toMatchObject([
      { kind: 'publish', text: 'Во дворе открыли каток', media: { files: photo.files } },
    ]);
    expect(textsOf(transport, author).at(-1)).toContain('опубликован');
  });

  it('media without a caption is a post; an album stays one album', async () => {
    const setup = await feedSetup();
    const { transport, feed, dispatcher, anna } = setup;
    await suggestAndConfirm(setup, '   ', album);
    const [item] = await feed.queue();
    expect(item).toMatchObject({ text: '', media: album });
    expect(transport.to(anna.platformId)[0]).toMatchObject({ kind: 'media', files: album.files });
    await feed.press({ user: anna.id, token: buttonsOf(transport, anna)[0]?.token ?? '' });
    await dispatcher.drain();
    expect(transport.to('@city_news')).toMatchObject([
      { kind: 'publish', text: '', media: { files: album.files } },
    ]);
    // Text alone must still say something.
    await expect(
      (async () => feed.suggest({ user: setup.author.id, text: '  ' }))(),
    ).rejects.toMatchObject({
      code: 'text_empty',
    });
  });

  it('a text longer than a caption: the media carries the first part, the rest follows as texts', async () => {
    const setup = await feedSetup();
    const { transport, feed, dispatcher, anna } = setup;
    const text = Array.from({ length: 50 }, (_, i) => `Абзац ${i + 1}: ${'слово '.repeat(10)}`)
      .join('\n\n')
      .trim();
    expect(text.length).toBeGreaterThan(3000);
    await suggestAndConfirm(setup, text, album);
    await feed.press({ user: anna.id, token: buttonsOf(transport, anna)[0]?.token ?? '' });
    await dispatcher.drain();
    const posts = transport.to('@city_news');
    expect(posts.length).toBeGreaterThanOrEqual(2);
    const [first, ...rest] = posts;
    expect(first).toMatchObject({ kind: 'publish', media: { files: album.files } });
    expect(first?.kind === 'publish' && first.text.length).toBeLessThanOrEqual(1024);
    for (const part of rest) {
      expect(part.kind === 'publish' && part.media).toBeUndefined();
      expect(part.kind === 'publish' && part.text.length).toBeLessThanOrEqual(4096);
    }
    // Nothing lost, in order: the parts put together are the text.
    const joined = posts.map((p) => (p.kind === 'publish' ? p.text : '')).join('\n\n');
    expect(joined.replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' '));
  });

  it('an uncaptioned photo from a source reaches manual review ("no text") with its file', async () => {
    const setup = await feedSetup();
    const { feed, transport, dispatcher, anna, reader } = setup;
    await feed.subscribe({ user: reader.id, keywords: [] });
    const result = await feed.ingest({
      sourceRef: '-1001',
      messageId: 5,
      text: '',
      media: 'photo',
      files: photo.files,
      date: 0,
      via: 'channel',
    });
    expect(result).toMatchObject({ outcome: 'manual_review', review: { reason: 'no_text' } });
    await dispatcher.drain();
    const [media, card] = transport.to(anna.platformId);
    expect(media).toMatchObject({ kind: 'media', files: photo.files });
    expect(card?.kind === 'text' && card.text).toContain('нет текста для оценки');
  });

  it('media stored before file ids (copies of messages) reads back as none', () => {
    expect(storedMedia(album)).toEqual(album);
    expect(storedMedia({ from: 'u1', messageIds: [3, 4] })).toBeNull();
    expect(storedMedia({ files: [] })).toBeNull();
    expect(storedMedia(null)).toBeNull();
  });
});
