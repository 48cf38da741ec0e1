import { type Emulator, startEmulator } from '@anonboard/bot-api-emulator';
import { type MediaFile, TransportError, type TransportFailure } from '@anonboard/core';
import { Api } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTransport, toTransportError } from '../src/index.js';

let emu: Emulator;
let api: Api;
beforeEach(async () => {
  emu = await startEmulator();
  api = new Api(emu.token, { apiRoot: emu.apiRoot });
});
afterEach(() => emu.close());

async function failureOf(promise: Promise<unknown>): Promise<TransportFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TransportError);
  return (error as TransportError).failure;
}

describe('createTransport', () => {
  it('sends texts with prefixed callback data and replies, without parsing markup', async () => {
    const alice = emu.user({ first_name: 'Alice' });
    const transport = createTransport(api);
    const first = await transport.sendText({ to: String(alice.id), text: 'Первое' });
    const { messageId } = await transport.sendText({
      to: String(alice.id),
      text: '<b>не разметка</b>',
      buttons: [
        [
          { text: 'Да', token: 'tok1' },
          { text: 'Нет', token: 'tok2' },
        ],
      ],
      replyTo: first.messageId,
    });
    const sent = alice.received.find((m) => m.message_id === messageId);
    expect(sent?.text).toBe('<b>не разметка</b>');
    expect(sent?.reply_to_message?.message_id).toBe(first.messageId);
    expect(sent?.reply_markup?.inline_keyboard).toEqual([
      [
        { text: 'Да', callback_data: 'ab:tok1' },
        { text: 'Нет', callback_data: 'ab:tok2' },
      ],
    ]);
  });

  it('refuses callback data over 64 bytes for good, and bad prefixes at once', async () => {
    const alice = emu.user({ first_name: 'Alice' });
    const transport = createTransport(api, { callbackPrefix: 'x:' });
    const failure = await failureOf(
      transport.sendText({
        to: String(alice.id),
        text: 'a',
        buttons: [[{ text: 'b', token: 't'.repeat(63) }]],
      }),
    );
    expect(failure).toEqual({ kind: 'rejected', reason: 'callback data too long' });
    expect(() => createTransport(api, { callbackPrefix: '' })).toThrow('[anonboard] [grammy]');
    expect(() => createTransport(api, { callbackPrefix: 'p'.repeat(40) })).toThrow(
      'callbackPrefix',
    );
  });

  it('copies one message (with reply and buttons) and albums (as one album), never forwarding', async () => {
    const alice = emu.user({ first_name: 'Alice' });
    const bob = emu.user({ first_name: 'Bob' });
    const transport = createTransport(api);
    const anchor = await transport.sendText({ to: String(bob.id), text: 'anchor' });
    const text = await alice.send('hello');
    const one = await transport.copy({
      to: String(bob.id),
      from: String(alice.id),
      messageIds: [text.message_id],
      replyTo: anchor.messageId,
      buttons: [[{ text: 'ok', token: 'tok' }]],
    });
    const copied = bob.received.find((m) => m.message_id === one.messageIds[0]);
    expect(copied?.text).toBe('hello');
    expect(copied?.reply_to_message?.message_id).toBe(anchor.messageId);
    expect(copied?.reply_markup?.inline_keyboard[0]?.[0]).toEqual({
      text: 'ok',
      callback_data: 'ab:tok',
    });

    const album = await alice.sendAlbum([{ type: 'photo' }, { type: 'document' }]);
    const many = await transport.copy({
      to: String(bob.id),
      from: String(alice.id),
      messageIds: album.map((m) => m.message_id).reverse(),
    });
    expect(many.messageIds).toHaveLength(2);
    const copies = bob.received.filter((m) => many.messageIds.includes(m.message_id));
    expect(new Set(copies.map((m) => m.media_group_id)).size).toBe(1);
    expect(copies[0]?.photo).toBeDefined();
    expect(emu.calls.map((c) => c.method)).not.toContain('forwardMessage');
  });

  it('edits texts and captions; an edit already in place is done', async () => {
    const bob = emu.user({ first_name: 'Bob' });
    const alice = emu.user({ first_name: 'Alice' });
    const transport = createTransport(api);
    const { messageId } = await transport.sendText({ to: String(bob.id), text: 'v1' });
    await transport.edit({ to: String(bob.id), messageId, text: 'v2', part: 'text' });
    await transport.edit({ to: String(bob.id), messageId, text: 'v2', part: 'text' });
    expect(bob.received.find((m) => m.message_id === messageId)?.text).toBe('v2');

    const photo = await alice.sendPhoto({ caption: 'c1' });
    const copy = await transport.copy({
      to: String(bob.id),
      from: String(alice.id),
      messageIds: [photo.message_id],
    });
    const copyId = copy.messageIds[0] ?? 0;
    await transport.edit({ to: String(bob.id), messageId: copyId, text: 'c2', part: 'caption' });
    expect(bob.received.find((m) => m.message_id === copyId)?.caption).toBe('c2');
  });

  it('replaces or removes buttons when an edit says so', async () => {
    const bob = emu.user({ first_name: 'Bob' });
    const transport = createTransport(api);
    const { messageId } = await transport.sendText({
      to: String(bob.id),
      text: 'card',
      buttons: [[{ text: 'Approve', token: 't1' }]],
    });
    const markup = () => bob.received.find((m) => m.message_id === messageId)?.reply_markup;
    await transport.edit({
      to: String(bob.id),
      messageId,
      text: 'card (claimed)',
      part: 'text',
      buttons: [[{ text: 'Release', token: 't2' }]],
    });
    expect(markup()?.inline_keyboard).toEqual([[{ text: 'Release', callback_data: 'ab:t2' }]]);
    await transport.edit({
      to: String(bob.id),
      messageId,
      text: 'card (done)',
      part: 'text',
      buttons: [],
    });
    expect(markup()?.inline_keyboard ?? []).toEqual([]);
  });

  it('publishes texts, and media by file id with the text as caption, to a channel', async () => {
    const news = emu.channel({ title: 'News', username: 'news' });
    const alice = emu.user({ first_name: 'Alice' });
    const transport = createTransport(api);
    await transport.publish({ channel: '@news', text: 'Новое объявление' });
    await transport.publish({ channel: String(news.id), text: 'Ещё одно' });
    const photo = await alice.sendPhoto({ caption: 'original' });
    const fileOf = (m: typeof photo): MediaFile =>
      m.photo === undefined
        ? { kind: 'video', fileId: m.video?.file_id ?? '' }
        : { kind: 'photo', fileId: m.photo.at(-1)?.file_id ?? '' };
    await transport.publish({
      channel: '@news',
      text: 'С фото',
      media: { files: [fileOf(photo)] },
    });
    const album = await alice.sendAlbum([{ type: 'photo' }, { type: 'video' }]);
    const { messageId } = await transport.publish({
      channel: '@news',
      text: 'Альбом',
      media: { files: album.map(fileOf) },
    });
    const posts = news.posts;
    expect(posts.map((p) => p.text ?? p.caption)).toEqual([
      'Новое объявление',
      'Ещё одно',
      'С фото',
      'Альбом',
      undefined,
    ]);
    expect(posts[3]?.message_id).toBe(messageId);
    expect(posts[3]?.media_group_id).toBe(posts[4]?.media_group_id);
    expect(posts[4]?.video?.file_id).toBe(album[1]?.video?.file_id);
    expect(posts.every((p) => p.forward_origin === undefined)).toBe(true);
    // Media to a person; a caption Telegram would refuse is refused, for good.
    const sent = await transport.sendMedia({ to: String(alice.id), files: album.map(fileOf) });
    expect(sent.messageIds).toHaveLength(2);
    expect(
      await failureOf(
        transport.sendMedia({
          to: String(alice.id),
          files: [fileOf(photo)],
          caption: 'x'.repeat(1025),
        }),
      ),
    ).toEqual({ kind: 'rejected', reason: expect.stringContaining('caption is too long') });
  });

  it('maps 403, 429, 5xx, network and other 4xx errors to TransportError kinds', async () => {
    const alice = emu.user({ first_name: 'Alice' });
    const transport = createTransport(api);
    const send = () => transport.sendText({ to: String(alice.id), text: 'x' });
    emu.fail(alice, { kind: 'forbidden' });
    expect(await failureOf(send())).toEqual({ kind: 'unreachable' });
    emu.fail(alice, { kind: 'rateLimited', retryAfter: 7 });
    expect(await failureOf(send())).toEqual({ kind: 'rate_limited', retryAfterMs: 7000 });
    emu.fail(alice, { kind: 'serverError' });
    expect(await failureOf(send())).toEqual({ kind: 'transient' });
    emu.fail(alice, { kind: 'drop' });
    expect(await failureOf(send())).toEqual({ kind: 'transient' });
    expect(await failureOf(transport.sendText({ to: '424242', text: 'x' }))).toEqual({
      kind: 'rejected',
      reason: 'Bad Request: chat not found',
    });
    expect(
      await failureOf(
        transport.copy({ to: String(alice.id), from: String(alice.id), messageIds: [999] }),
      ),
    ).toMatchObject({
      kind: 'rejected',
    });
  });

  it('reads Bot API errors from another copy of grammY too', () => {
    const foreign = {
      error_code: 429,
      description: 'Too Many Requests',
      parameters: { retry_after: 3 },
    };
    expect(toTransportError(foreign, 'sendMessage').failure).toEqual({
      kind: 'rate_limited',
      retryAfterMs: 3000,
    });
    expect(toTransportError(new Error('boom'), 'sendMessage').failure).toEqual({
      kind: 'transient',
    });
    expect(toTransportError(foreign, 'sendMessage').message).toMatch(
      /^\[anonboard\] \[transport\]/,
    );
  });
});
