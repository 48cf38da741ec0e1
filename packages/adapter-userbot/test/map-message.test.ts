import { Api } from 'telegram';
import { describe, expect, it } from 'vitest';
import {
  mediaKindOf,
  sourceRefOf,
  toSourceMessage,
  usernameOfChat,
  usernameOfLink,
} from '../src/map-message.js';
import { big, channel, post, privateMessage, user } from './support/telegram.js';

function documentWith(...attributes: Api.TypeDocumentAttribute[]): Api.MessageMediaDocument {
  return new Api.MessageMediaDocument({
    document: new Api.Document({
      id: big(1),
      accessHash: big(2),
      fileReference: Buffer.alloc(0),
      date: 0,
      mimeType: 'application/octet-stream',
      size: big(10),
      dcId: 2,
      attributes,
    }),
  });
}

const video = (roundMessage = false) =>
  new Api.DocumentAttributeVideo({ duration: 1, w: 1, h: 1, roundMessage });

describe('sourceRefOf', () => {
  it('gives channels -100<id> and basic groups -<id>, and people nothing', () => {
    expect(sourceRefOf(new Api.PeerChannel({ channelId: big(1234) }))).toBe('-1001234');
    expect(sourceRefOf(new Api.PeerChat({ chatId: big(77) }))).toBe('-77');
    expect(sourceRefOf(new Api.PeerUser({ userId: big(42) }))).toBeUndefined();
  });
});

describe('mediaKindOf', () => {
  it.each([
    [undefined, undefined],
    [new Api.MessageMediaEmpty(), undefined],
    [new Api.MessageMediaPhoto({}), 'photo'],
    [documentWith(video()), 'video'],
    [documentWith(video(true)), 'video_note'],
    [documentWith(video(), new Api.DocumentAttributeAnimated()), 'animation'],
    [documentWith(new Api.DocumentAttributeAudio({ duration: 1, voice: true })), 'voice'],
    [documentWith(new Api.DocumentAttributeAudio({ duration: 1 })), 'audio'],
    [documentWith(new Api.DocumentAttributeFilename({ fileName: 'a.pdf' })), 'document'],
    [
      documentWith(
        new Api.DocumentAttributeSticker({ alt: '🙂', stickerset: new Api.InputStickerSetEmpty() }),
      ),
      'sticker',
    ],
    [new Api.MessageMediaGeo({ geo: new Api.GeoPointEmpty() }), 'location'],
    [new Api.MessageMediaDice({ value: 3, emoticon: '🎲' }), 'dice'],
  ])('%o → %s', (media, kind) => {
    expect(mediaKindOf(media)).toBe(kind);
  });
});

describe('toSourceMessage', () => {
  const city = channel(1234, { username: 'city_news' });
  const secret = channel(99);

  it('maps id, text, date in ms, and the link of the message', () => {
    const message = post(secret, 5, 'Текст');
    expect(toSourceMessage(message, 'city_news')).toEqual({
      sourceRef: '-10099',
      messageId: 5,
      text: 'Текст',
      date: (1_700_000_000 + 5) * 1000,
      link: 'https://t.me/city_news/5',
    });
    expect(toSourceMessage(message)).not.toHaveProperty('link');
  });

  it('takes the caption of media as the text', () => {
    const message = post(city, 6, 'Подпись', { media: new Api.MessageMediaPhoto({}) });
    expect(toSourceMessage(message)).toMatchObject({ text: 'Подпись', media: 'photo' });
  });

  it('maps nothing from a private chat', () => {
    const ivan = user(1);
    expect(toSourceMessage(privateMessage(ivan, 1, 'привет'))).toBeUndefined();
  });
});

describe('usernames', () => {
  it('reads a public t.me link, not a private or invite one', () => {
    expect(usernameOfLink('https://t.me/city_news')).toBe('city_news');
    expect(usernameOfLink('https://t.me/+AbCdEfGh123')).toBeUndefined();
    expect(usernameOfLink(null)).toBeUndefined();
  });

  it('reads the username of a channel, or its first active collectible one', () => {
    expect(usernameOfChat(channel(1, { username: 'main' }))).toBe('main');
    const collectible = channel(2);
    collectible.usernames = [
      new Api.Username({ username: 'old', active: false }),
      new Api.Username({ username: 'fresh', active: true }),
    ];
    expect(usernameOfChat(collectible)).toBe('fresh');
    expect(usernameOfChat(user(3))).toBeUndefined();
  });
});
