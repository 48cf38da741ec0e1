import { Keyboard } from 'grammy';
import { describe, expect, it } from 'vitest';
import { EmulatorError } from '../../src/index.js';
import { api, emulator } from '../helpers.js';

describe('simulated users', () => {
  it('create realistic updates with increasing ids and shared message ids', async () => {
    const now = 1_700_000_123_456;
    const emu = await emulator({ now: () => now });
    const alice = emu.user({ first_name: 'Alice', username: 'alice', language_code: 'ru' });
    const bob = emu.user({ first_name: 'Bob' });
    expect(bob.id).toBe(alice.id + 1);
    expect(emu.user({ id: alice.id, first_name: 'Again' })).toBe(alice);

    await alice.send('hi @someone, see t.me/board');
    await api(emu).sendMessage(alice.id, 'bot message');
    await alice.send('second');
    await bob.send('bob first');

    expect(emu.updates.map((update) => update.update_id)).toEqual([1, 2, 3]);
    const first = emu.updates[0]?.message;
    expect(first).toEqual({
      message_id: 1,
      from: {
        id: alice.id,
        is_bot: false,
        first_name: 'Alice',
        username: 'alice',
        language_code: 'ru',
      },
      chat: { id: alice.id, type: 'private', first_name: 'Alice', username: 'alice' },
      date: 1_700_000_123,
      text: 'hi @someone, see t.me/board',
      entities: [
        { type: 'mention', offset: 3, length: 8 },
        { type: 'url', offset: 17, length: 10 },
      ],
    });
    expect(emu.updates[1]?.message?.message_id).toBe(3); // the bot's message took id 2
    expect(emu.updates[2]?.message?.message_id).toBe(1); // ids are per chat
  });

  it('sends commands with a bot_command entity, replies and edits', async () => {
    const emu = await emulator();
    const client = api(emu);
    const alice = emu.user({ first_name: 'Alice' });
    const command = await alice.command('start', 'ad_123');
    expect(command.text).toBe('/start ad_123');
    expect(command.entities).toEqual([{ type: 'bot_command', offset: 0, length: 6 }]);

    const question = await client.sendMessage(alice.id, 'Your ad title?');
    const answer = await alice.reply(question, 'Bike');
    expect(answer.reply_to_message).toMatchObject({
      message_id: question.message_id,
      text: 'Your ad title?',
    });

    const edited = await alice.edit(answer, 'Red bike');
    expect(edited).toMatchObject({ message_id: answer.message_id, text: 'Red bike' });
    expect(emu.updates.at(-1)?.edited_message).toMatchObject({
      text: 'Red bike',
      edit_date: expect.any(Number),
    });

    const photo = await alice.sendPhoto({ caption: 'old caption' });
    await alice.edit(photo.message_id, 'new caption');
    expect(emu.updates.at(-1)?.edited_message?.caption).toBe('new caption');
    await expect(alice.edit(question, 'not mine')).rejects.toThrow(EmulatorError);
  });

  it('forwards from channels, users and hidden users', async () => {
    const emu = await emulator();
    const alice = emu.user({ first_name: 'Alice' });
    const bob = emu.user({ first_name: 'Bob', username: 'bob' });
    const news = emu.channel({ title: 'News', username: 'news' });
    const post = await news.post('Original post');

    const fromPost = await alice.forwardFrom({ chat: news, messageId: post.message_id });
    expect(fromPost).toMatchObject({
      text: 'Original post',
      forward_origin: { type: 'channel', chat: news.chat, message_id: post.message_id },
    });
    const silent = await alice.forwardFrom({ chat: news, text: 'An older post' });
    expect(silent.forward_origin).toMatchObject({
      type: 'channel',
      message_id: post.message_id + 1,
    });
    expect(news.posts.map((p) => p.text)).toEqual(['Original post', 'An older post']);

    const fromBob = await alice.forwardFrom({ chat: bob, text: 'from bob' });
    expect(fromBob.forward_origin).toMatchObject({ type: 'user', sender_user: bob.user });
    const hidden = await alice.forwardFrom({ chat: { hiddenUserName: 'Carol' }, text: 'psst' });
    expect(hidden.forward_origin).toMatchObject({ type: 'hidden_user', sender_user_name: 'Carol' });
  });

  it('sends web_app_data, locations and contacts, and tracks the reply keyboard', async () => {
    const emu = await emulator();
    const client = api(emu);
    const alice = emu.user({ first_name: 'Alice', last_name: 'A' });
    await client.sendMessage(alice.id, 'Open the form', {
      reply_markup: new Keyboard().webApp('Post an ad', 'https://example.com/app').resized(),
    });
    expect(alice.keyboard?.keyboard[0]?.[0]).toEqual({
      text: 'Post an ad',
      web_app: { url: 'https://example.com/app' },
    });
    expect(alice.lastReceived()?.reply_markup).toBeUndefined(); // only inline keyboards are on messages

    const data = await alice.webAppData('{"title":"Bike"}', 'Post an ad');
    expect(data.web_app_data).toEqual({ data: '{"title":"Bike"}', button_text: 'Post an ad' });
    const contact = await alice.sendContact();
    expect(contact.contact).toMatchObject({
      first_name: 'Alice',
      last_name: 'A',
      user_id: alice.id,
    });
    const location = await alice.sendLocation({ latitude: 1.5, longitude: 2.5 });
    expect(location.location).toEqual({ latitude: 1.5, longitude: 2.5 });

    await client.sendMessage(alice.id, 'Done', { reply_markup: { remove_keyboard: true } });
    expect(alice.keyboard).toBeUndefined();
  });

  it('received shows current texts and drops deleted messages', async () => {
    const emu = await emulator();
    const client = api(emu);
    const alice = emu.user({ first_name: 'Alice' });
    const first = await client.sendMessage(alice.id, 'first');
    const second = await client.sendMessage(alice.id, 'second');
    await client.editMessageText(alice.id, first.message_id, 'first (edited)');
    await client.deleteMessage(alice.id, second.message_id);
    expect(alice.received.map((message) => message.text)).toEqual(['first (edited)']);
    expect(alice.lastReceived()?.edit_date).toBeDefined();
  });

  it('waitFor and idle fail with clear messages', async () => {
    const emu = await emulator();
    const alice = emu.user({ first_name: 'Alice' });
    await expect(
      emu.waitFor(() => alice.lastReceived(), { timeout: 30, message: 'a reply to Alice' }),
    ).rejects.toThrow(
      /^\[anonboard\] \[emulator\] waitFor timed out after 30 ms: a reply to Alice/,
    );
    await alice.send('nobody polls');
    await expect(emu.idle({ timeout: 30 })).rejects.toThrow(
      '[anonboard] [emulator] idle() timed out after 30 ms: 1 update(s) not acknowledged',
    );
    expect(await emu.waitFor(() => emu.updates.length)).toBe(1);
  });
});
