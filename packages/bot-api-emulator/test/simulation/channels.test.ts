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

  it('posts media and albums, and edits a post: channel_post and edited_channel_post', async () => {
    const emu = await emulator();
    const seen: string[] = [];
    await pollingBot(emu, (bot) => {
      bot.on('channel_post', (ctx) => {
        const post = ctx.channelPost;
        seen.push(
          `post ${post.photo ? 'photo' : post.video ? 'video' : 'text'} ${post.media_group_id ?? '-'} ${post.caption ?? post.text ?? ''}`,
        );
      });
      bot.on('edited_channel_post', (ctx) => {
        seen.push(
          `edit ${ctx.editedChannelPost.message_id} ${ctx.editedChannelPost.caption ?? ctx.editedChannelPost.text}`,
        );
      });
    });
    const news = emu.channel({ title: 'News' });
    const photo = await news.postMedia('photo', { caption: 'Двор' });
    const album = await news.postAlbum([{ type: 'photo', caption: 'Два фото' }, { type: 'video' }]);
    await news.edit(photo, 'Двор после уборки');
    const text = await news.post('Собрание');
    await news.edit(text.message_id, 'Собрание в 19:00');
    // A bot that is no administrator is told nothing about the channel's posts.
    news.setBotRights(null);
    await news.post('Невидимый пост');
    await emu.idle();
    const group = album[0]?.media_group_id;
    expect(group).toBeDefined();
    expect(seen).toEqual([
      'post photo - Двор',
      `post photo ${group} Два фото`,
      `post video ${group} `,
      `edit ${photo.message_id} Двор после уборки`,
      'post text - Собрание',
      `edit ${text.message_id} Собрание в 19:00`,
    ]);
    expect(news.posts.find((p) => p.message_id === photo.message_id)?.caption).toBe(
      'Двор после уборки',
    );
    // Telegram's limits hold for owners too.
    await expect(news.edit(photo, 'x'.repeat(1025))).rejects.toThrow(/caption is at most 1024/);
    await expect(news.edit(999, 'x')).rejects.toThrow(/no post 999/);
  });
});
