import { GrammyError, InlineKeyboard } from 'grammy';
import { describe, expect, it } from 'vitest';
import { api, emulator } from '../helpers.js';

describe('copyMessage and forwardMessage', () => {
  it('copies content without forward_origin, while a forward carries one', async () => {
    const emu = await emulator();
    const client = api(emu);
    const alice = emu.user({ first_name: 'Alice', username: 'alice' });
    const bob = emu.user({ first_name: 'Bob' });
    const original = await alice.send('Selling a bike, see https://example.com #bikes');

    const keyboard = new InlineKeyboard().text('Reply', 'reply:1');
    const copy = await client.copyMessage(bob.id, alice.id, original.message_id, {
      reply_markup: keyboard,
    });
    const copied = bob.lastReceived();
    expect(copied?.message_id).toBe(copy.message_id);
    expect(copied?.text).toBe(original.text);
    expect(copied?.entities).toEqual(original.entities);
    expect(copied?.entities?.map((entity) => entity.type)).toEqual(['url', 'hashtag']);
    expect(copied?.forward_origin).toBeUndefined();
    expect(copied?.reply_markup).toEqual({
      inline_keyboard: [[{ text: 'Reply', callback_data: 'reply:1' }]],
    });

    const forwarded = await client.forwardMessage(bob.id, alice.id, original.message_id);
    expect(forwarded.forward_origin).toEqual({
      type: 'user',
      date: original.date,
      sender_user: alice.user,
    });
    expect(emu.calls.filter((c) => c.method === 'forwardMessage')).toHaveLength(1);
  });

  it('keeps every content kind with captions and their entities', async () => {
    const emu = await emulator();
    const client = api(emu);
    const alice = emu.user({ first_name: 'Alice' });
    const board = emu.channel({ title: 'Board', username: 'board' });
    const sources = [
      await alice.sendPhoto({ caption: 'photo #tag' }),
      await alice.sendVideo({ caption: 'video' }),
      await alice.sendVoice({ caption: 'voice' }),
      await alice.sendVideoNote(),
      await alice.sendAudio({ caption: 'audio' }),
      await alice.sendDocument({ caption: 'doc', fileName: 'cv.pdf' }),
      await alice.sendSticker({ emoji: '🔥' }),
      await alice.sendAnimation({ caption: 'gif' }),
      await alice.sendLocation({ latitude: 1, longitude: 2 }),
      await alice.sendContact(),
    ];
    for (const source of sources) {
      const { message_id } = await client.copyMessage('@board', alice.id, source.message_id);
      const copy = board.posts.find((post) => post.message_id === message_id);
      const { message_id: _a, from: _b, chat: _c, date: _d, ...content } = source;
      expect(copy).toMatchObject(content);
      expect(copy?.forward_origin).toBeUndefined();
      expect(copy?.sender_chat).toEqual(board.chat);
    }
  });

  it('overrides or removes captions and sets reply_to_message from reply_parameters', async () => {
    const emu = await emulator();
    const client = api(emu);
    const alice = emu.user({ first_name: 'Alice' });
    const photo = await alice.sendPhoto({ caption: 'old' });
    const question = await alice.send('question');

    await client.copyMessage(alice.id, alice.id, photo.message_id, {
      caption: '<b>new</b>',
      parse_mode: 'HTML',
      reply_parameters: { message_id: question.message_id },
    });
    expect(alice.lastReceived()).toMatchObject({
      caption: 'new',
      caption_entities: [{ type: 'bold', offset: 0, length: 3 }],
      reply_to_message: { message_id: question.message_id, text: 'question' },
    });

    await client.copyMessage(alice.id, alice.id, photo.message_id, { caption: '' });
    expect(alice.lastReceived()?.caption).toBeUndefined();
    expect(alice.lastReceived()?.photo).toEqual(photo.photo);
    await client.copyMessages(alice.id, alice.id, [photo.message_id], { remove_caption: true });
    expect(alice.lastReceived()?.caption).toBeUndefined();
  });

  it('answers 400 for a message that does not exist in from_chat_id', async () => {
    const emu = await emulator();
    const client = api(emu);
    const alice = emu.user({ first_name: 'Alice' });
    const bob = emu.user({ first_name: 'Bob' });
    const sent = await bob.send('in bob chat');
    const error = await client
      .copyMessage(alice.id, alice.id, sent.message_id + 10)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect((error as GrammyError).error_code).toBe(400);
    expect((error as GrammyError).description).toBe('Bad Request: message to copy not found');
    await expect(client.forwardMessage(alice.id, alice.id, 999)).rejects.toThrow(
      'message to forward not found',
    );
  });

  it('copies albums with copyMessages, keeping one new media group', async () => {
    const emu = await emulator();
    const client = api(emu);
    const alice = emu.user({ first_name: 'Alice' });
    const channel = emu.channel({ title: 'Ads' });
    const album = await alice.sendAlbum([{ type: 'photo', caption: 'front' }, { type: 'video' }]);
    const ids = await client.copyMessages(
      channel.id,
      alice.id,
      album.map((message) => message.message_id),
    );
    expect(ids).toEqual([{ message_id: 1 }, { message_id: 2 }]);
    const [first, second] = channel.posts;
    expect(first?.media_group_id).toBeDefined();
    expect(first?.media_group_id).toBe(second?.media_group_id);
    expect(first?.media_group_id).not.toBe(album[0]?.media_group_id);
    expect(first?.caption).toBe('front');
    expect(second?.video).toEqual(album[1]?.video);
  });

  it('forwards channel posts with a channel origin', async () => {
    const emu = await emulator();
    const client = api(emu);
    const news = emu.channel({ title: 'News', username: 'news' });
    const alice = emu.user({ first_name: 'Alice' });
    const post = await news.post('Breaking');
    const forwarded = await client.forwardMessage(alice.id, '@news', post.message_id);
    expect(forwarded.forward_origin).toEqual({
      type: 'channel',
      chat: news.chat,
      message_id: post.message_id,
      date: post.date,
    });
  });
});
