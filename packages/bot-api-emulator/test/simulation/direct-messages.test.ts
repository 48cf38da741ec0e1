import { describe, expect, it } from 'vitest';
import { EmulatorError } from '../../src/index.js';
import { api, emulator, pollingBot } from '../helpers.js';

const NOW = 1_750_000_000;

describe("a channel's direct messages", () => {
  it('is a supergroup with is_direct_messages whose getChat names the channel', async () => {
    const emu = await emulator();
    const news = emu.channel({ title: 'News', username: 'news' });
    const inbox = news.directMessages();
    expect(news.directMessages()).toBe(inbox);
    expect(inbox.chat).toEqual({
      id: news.id - 1,
      type: 'supergroup',
      title: 'News',
      is_direct_messages: true,
    });
    const info = await api(emu).getChat(inbox.id);
    expect(info).toMatchObject({ id: inbox.id, is_direct_messages: true, parent_chat: news.chat });
    // The channel itself does not name its direct messages chat (Bot API 9.2).
    expect(await api(emu).getChat(news.id)).not.toHaveProperty('parent_chat');
  });

  it('puts each person in their own topic and delivers messages and suggestions to the bot', async () => {
    const emu = await emulator({ now: () => NOW * 1000 });
    const seen: unknown[] = [];
    await pollingBot(emu, (bot) => {
      bot.on('message', (ctx) => {
        seen.push({
          chat: ctx.chat.type,
          dm: ctx.chat.type === 'supergroup' && ctx.chat.is_direct_messages,
          topic: ctx.msg.direct_messages_topic?.topic_id,
          state: ctx.msg.suggested_post_info?.state,
          price: ctx.msg.suggested_post_info?.price?.amount,
        });
      });
    });
    const news = emu.channel({ title: 'News' });
    const inbox = news.directMessages();
    const alice = emu.user({ first_name: 'Alice' });
    const bob = emu.user({ first_name: 'Bob' });
    await inbox.send(alice, 'Do you take ads?');
    const post = await inbox.suggestPost(bob, 'Concert tonight', {
      price: { currency: 'XTR', amount: 250 },
      sendDate: NOW + 3600,
    });
    await emu.idle();
    expect(post).toMatchObject({
      from: bob.user,
      chat: inbox.chat,
      date: NOW,
      direct_messages_topic: { topic_id: bob.id, user: bob.user },
      text: 'Concert tonight',
      suggested_post_info: {
        state: 'pending',
        price: { currency: 'XTR', amount: 250 },
        send_date: NOW + 3600,
      },
    });
    expect(seen).toEqual([
      { chat: 'supergroup', dm: true, topic: alice.id, state: undefined, price: undefined },
      { chat: 'supergroup', dm: true, topic: bob.id, state: 'pending', price: 250 },
    ]);
    expect(inbox.topic(alice).map((m) => m.text)).toEqual(['Do you take ads?']);
    expect(inbox.stateOf(post)).toBe('pending');
  });

  it('suggests media with a caption, and lets the author edit a pending suggestion only', async () => {
    const emu = await emulator();
    const inbox = emu.channel({ title: 'News' }).directMessages();
    const alice = emu.user({ first_name: 'Alice' });
    const photo = await inbox.suggestPost(alice, { type: 'photo', caption: 'Sunset' });
    expect(photo.photo).toHaveLength(3);
    expect(photo.caption).toBe('Sunset');
    const edited = await inbox.edit(alice, photo, 'Sunset over the bay');
    expect(edited).toMatchObject({ caption: 'Sunset over the bay', edit_date: expect.any(Number) });
    expect(emu.updates.at(-1)?.edited_message?.caption).toBe('Sunset over the bay');
    const bob = emu.user({ first_name: 'Bob' });
    await expect(inbox.edit(bob, photo, 'mine now')).rejects.toThrow(EmulatorError);
    await inbox.declineInApp(photo);
    await expect(inbox.edit(alice, photo, 'again')).rejects.toThrow(
      'an approved or declined suggested post cannot be edited',
    );
  });

  it("refuses prices and dates outside Telegram's bounds", async () => {
    const emu = await emulator({ now: () => NOW * 1000 });
    const inbox = emu.channel({ title: 'News' }).directMessages();
    const alice = emu.user({ first_name: 'Alice' });
    for (const price of [
      { currency: 'XTR', amount: 4 },
      { currency: 'XTR', amount: 100_001 },
      { currency: 'TON', amount: 9_999_999 },
      { currency: 'XTR', amount: 5.5 },
    ] as const) {
      await expect(inbox.suggestPost(alice, 'ad', { price })).rejects.toThrow(EmulatorError);
    }
    await expect(inbox.suggestPost(alice, 'ad', { sendDate: NOW + 299 })).rejects.toThrow(
      '300 s to 30 days ahead',
    );
    await expect(inbox.suggestPost(alice, 'ad', { sendDate: NOW + 2_678_401 })).rejects.toThrow(
      EmulatorError,
    );
    await expect(inbox.suggestPost(alice, '   ')).rejects.toThrow('empty message');
    expect(inbox.messages).toEqual([]);
    const ton = await inbox.suggestPost(alice, 'ad', {
      price: { currency: 'TON', amount: 10_000_000 },
    });
    expect(ton.suggested_post_info?.price).toEqual({ currency: 'TON', amount: 10_000_000 });
  });

  it('hides the chat from a bot that may not manage direct messages', async () => {
    const emu = await emulator();
    const news = emu.channel({ title: 'News' });
    const inbox = news.directMessages();
    const alice = emu.user({ first_name: 'Alice' });
    news.setBotRights({ can_manage_direct_messages: false });
    await inbox.send(alice, 'unseen');
    news.setBotRights({ can_manage_direct_messages: true });
    await inbox.send(alice, 'seen');
    expect(emu.updates.map((u) => u.message?.text)).toEqual(['seen']);
    expect(inbox.messages.map((m) => m.text)).toEqual(['unseen', 'seen']);
  });
});
