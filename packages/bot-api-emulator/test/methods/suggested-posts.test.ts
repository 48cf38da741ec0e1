import { describe, expect, it } from 'vitest';
import { EmulatorError } from '../../src/index.js';
import { api, emulator, failure, pollingBot } from '../helpers.js';

const NOW = 1_750_000_000;

/** An emulator on a clock the test moves, with a channel, its inbox and Alice. */
async function setup() {
  let now = NOW * 1000;
  const emu = await emulator({ now: () => now });
  const news = emu.channel({ title: 'News', username: 'news' });
  const inbox = news.directMessages();
  const alice = emu.user({ first_name: 'Alice' });
  return {
    emu,
    client: api(emu),
    news,
    inbox,
    alice,
    advance: (seconds: number) => {
      now += seconds * 1000;
    },
  };
}

describe('approveSuggestedPost', () => {
  it('publishes the post in the channel now and says so in the author’s topic', async () => {
    const { emu, client, news, inbox, alice } = await setup();
    const post = await inbox.suggestPost(alice, 'The bridge reopens #city');
    expect(await client.approveSuggestedPost(inbox.id, post.message_id)).toBe(true);
    expect(inbox.stateOf(post)).toBe('approved');
    expect(news.lastPost()).toMatchObject({
      chat: news.chat,
      sender_chat: news.chat,
      date: NOW,
      text: 'The bridge reopens #city',
      entities: [{ type: 'hashtag', offset: 19, length: 5 }],
    });
    expect(news.lastPost()).not.toHaveProperty('is_paid_post');
    expect(news.lastPost()).not.toHaveProperty('from');
    const service = inbox.topic(alice).at(-1);
    expect(service).toMatchObject({
      chat: inbox.chat,
      sender_chat: news.chat,
      from: { id: 136_817_688, username: 'Channel_Bot' },
      direct_messages_topic: { topic_id: alice.id },
      reply_to_message: { message_id: post.message_id },
      suggested_post_approved: {
        suggested_post_message: { message_id: post.message_id, text: post.text },
        send_date: NOW,
      },
    });
    const kinds = emu.updates.map((u) =>
      u.channel_post ? 'channel_post' : u.message?.suggested_post_approved ? 'approved' : 'other',
    );
    expect(kinds).toEqual(['other', 'approved', 'channel_post']);
  });

  it('holds the post until its send date, then publishes it as paid', async () => {
    const { client, news, inbox, alice, advance, emu } = await setup();
    const post = await inbox.suggestPost(alice, 'Paid ad', {
      price: { currency: 'XTR', amount: 100 },
      sendDate: NOW + 600,
    });
    await client.approveSuggestedPost(inbox.id, post.message_id);
    expect(news.posts).toEqual([]);
    expect(news.scheduled).toMatchObject([{ sendDate: NOW + 600, content: { text: 'Paid ad' } }]);
    expect(inbox.messages.at(-1)?.suggested_post_approved).toMatchObject({
      price: { currency: 'XTR', amount: 100 },
      send_date: NOW + 600,
    });
    advance(600);
    const published = await emu.waitFor(() => news.lastPost());
    expect(published).toMatchObject({ text: 'Paid ad', is_paid_post: true, date: NOW + 600 });
    expect(news.scheduled).toEqual([]);
  });

  it('takes a send date from the bot, within the next 30 days', async () => {
    const { client, news, inbox, alice } = await setup();
    const post = await inbox.suggestPost(alice, 'Later');
    const cases: Array<[number, string]> = [
      [NOW, 'Bad Request: SCHEDULE_DATE_INVALID'],
      [NOW - 60, 'Bad Request: SCHEDULE_DATE_INVALID'],
      [NOW + 2_678_401, 'Bad Request: SCHEDULE_DATE_TOO_LATE'],
    ];
    for (const [sendDate, description] of cases) {
      const error = await failure(
        client.approveSuggestedPost(inbox.id, post.message_id, { send_date: sendDate }),
      );
      expect(error.description).toBe(description);
    }
    expect(inbox.stateOf(post)).toBe('pending');
    await client.approveSuggestedPost(inbox.id, post.message_id, { send_date: NOW + 2_678_400 });
    expect(news.scheduled.map((p) => p.sendDate)).toEqual([NOW + 2_678_400]);
  });

  it("answers Telegram's errors and changes nothing", async () => {
    const { client, news, inbox, alice, advance } = await setup();
    const post = await inbox.suggestPost(alice, 'Once');
    const plain = await inbox.send(alice, 'just a question');
    const cant = "Bad Request: message can't be used in the method";
    const expectations: Array<[Promise<unknown>, string]> = [
      [client.approveSuggestedPost(inbox.id, 999), 'Bad Request: suggested post not found'],
      [client.approveSuggestedPost(inbox.id, 0), 'Bad Request: suggested post not found'],
      [client.approveSuggestedPost(-100777, post.message_id), 'Bad Request: chat not found'],
      [client.approveSuggestedPost(inbox.id, plain.message_id), cant],
      [client.declineSuggestedPost(inbox.id, plain.message_id), cant],
    ];
    for (const [call, description] of expectations) {
      expect((await failure(call)).description).toBe(description);
    }
    // A suggestion in another chat is not one: the bot's own message in Alice's private chat.
    const own = await client.sendMessage(alice.id, 'hello');
    expect((await failure(client.approveSuggestedPost(alice.id, own.message_id))).description).toBe(
      cant,
    );

    news.setBotRights({ can_post_messages: false });
    expect(
      (await failure(client.approveSuggestedPost(inbox.id, post.message_id))).description,
    ).toBe(cant);
    news.setBotRights({ can_post_messages: true, can_manage_direct_messages: false });
    expect(
      (await failure(client.declineSuggestedPost(inbox.id, post.message_id))).description,
    ).toBe(cant);
    news.setBotRights(null);
    expect(
      (await failure(client.approveSuggestedPost(inbox.id, post.message_id))).description,
    ).toBe('Bad Request: chat not found');
    news.setBotRights({ can_post_messages: true, can_manage_direct_messages: true });
    expect(inbox.stateOf(post)).toBe('pending');
    expect(news.posts).toEqual([]);

    await client.approveSuggestedPost(inbox.id, post.message_id);
    for (const again of [
      client.approveSuggestedPost(inbox.id, post.message_id),
      client.declineSuggestedPost(inbox.id, post.message_id),
    ]) {
      expect((await failure(again)).description).toBe(cant);
    }
    expect(news.posts).toHaveLength(1);

    // A proposed date more than a day gone can no longer be approved.
    const dated = await inbox.suggestPost(alice, 'Dated', { sendDate: NOW + 300 });
    advance(300 + 86_401);
    expect(
      (await failure(client.approveSuggestedPost(inbox.id, dated.message_id))).description,
    ).toBe(cant);
    await client.declineSuggestedPost(inbox.id, dated.message_id);
  });
});

describe('declineSuggestedPost', () => {
  it('declines with a comment of up to 128 characters that the author sees', async () => {
    const { client, news, inbox, alice } = await setup();
    const post = await inbox.suggestPost(alice, 'Spam');
    const tooLong = await failure(
      client.declineSuggestedPost(inbox.id, post.message_id, { comment: 'x'.repeat(129) }),
    );
    expect(tooLong.description).toBe('Bad Request: COMMENT_TOO_LONG');
    expect(inbox.stateOf(post)).toBe('pending');
    const comment = `${'y'.repeat(120)}: advert`;
    expect(comment).toHaveLength(128);
    await client.declineSuggestedPost(inbox.id, post.message_id, { comment });
    expect(inbox.stateOf(post)).toBe('declined');
    expect(inbox.topic(alice).at(-1)?.suggested_post_declined).toEqual({
      suggested_post_message: { ...post, suggested_post_info: { state: 'pending' } },
      comment,
    });
    expect(news.posts).toEqual([]);
  });

  it('leaves the comment out when there is none', async () => {
    const { client, inbox, alice } = await setup();
    const post = await inbox.suggestPost(alice, 'Meh');
    await client.declineSuggestedPost(inbox.id, post.message_id, { comment: '' });
    expect(inbox.messages.at(-1)?.suggested_post_declined).not.toHaveProperty('comment');
  });
});

describe("decisions in Telegram's UI", () => {
  it('reach the bot as service messages and settle the post for the Bot API too', async () => {
    const { emu, client, news, inbox, alice } = await setup();
    const heard: string[] = [];
    await pollingBot(emu, (bot) => {
      bot.on('message:suggested_post_approved', (ctx) => {
        const original = ctx.msg.suggested_post_approved.suggested_post_message;
        heard.push(`approved ${original?.message_id}`);
      });
      bot.on('message:suggested_post_declined', (ctx) => {
        heard.push(`declined: ${ctx.msg.suggested_post_declined.comment}`);
      });
      bot.on('channel_post', (ctx) => {
        heard.push(`published ${ctx.channelPost.text}`);
      });
    });
    const first = await inbox.suggestPost(alice, 'First');
    const second = await inbox.suggestPost(alice, 'Second');
    await inbox.approveInApp(first);
    await inbox.declineInApp(second, { comment: 'Off topic' });
    await emu.idle();
    expect(heard).toEqual([
      `approved ${first.message_id}`,
      'published First',
      'declined: Off topic',
    ]);
    expect(
      (await failure(client.approveSuggestedPost(inbox.id, second.message_id))).description,
    ).toBe("Bad Request: message can't be used in the method");
    await expect(inbox.approveInApp(first)).rejects.toThrow(EmulatorError);
    await expect(inbox.declineInApp(12345)).rejects.toThrow('not found');
    expect(news.posts.map((p) => p.text)).toEqual(['First']);
  });
});
