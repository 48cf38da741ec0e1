import { describe, expect, it } from 'vitest';
import { api, emulator, pollingBot } from '../helpers.js';

describe('simulated channels', () => {
  it('stores what the bot publishes by id or @username', async () => {
    const emu = await emulator();
    const client = api(emu);
    const board = emu.channel({ title: 'Board', username: 'board' });
    expect(board.id).toBe(-1001000000001);
    await client.sendMessage(board.id, 'by id');
    const byName = await client.sendPhoto('@board', 'photo-id', { caption: 'by name' });
    expect(byName.chat).toEqual(board.chat);
    expect(byName.sender_chat).toEqual(board.chat);
    expect(byName.from).toBeUndefined();
    expect(board.posts.map((post) => post.text ?? post.caption)).toEqual(['by id', 'by name']);
    expect(await client.getChat('@board')).toMatchObject({
      id: board.id,
      type: 'channel',
      title: 'Board',
    });
  });

  it('post() delivers a channel_post update to the bot', async () => {
    const emu = await emulator();
    const seen: string[] = [];
    await pollingBot(emu, (bot) => {
      bot.on('channel_post:text', (ctx) => {
        seen.push(`${ctx.chat.title}: ${ctx.channelPost.text}`);
      });
    });
    const news = emu.channel({ id: -100123, title: 'News' });
    const post = await news.post('Hello #news');
    await emu.idle();
    expect(seen).toEqual(['News: Hello #news']);
    expect(post.entities).toEqual([{ type: 'hashtag', offset: 6, length: 5 }]);
    expect(news.lastPost()?.message_id).toBe(post.message_id);
  });
});
