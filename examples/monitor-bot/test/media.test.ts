import { type Message, type SimulatedUser, startEmulator } from '@anonboard/bot-api-emulator';
import { describe, expect, it } from 'vitest';
import { signInitData } from '../../../packages/mini-app/test/support/init-data.js';
import { createMonitorBot } from '../src/bot.js';
import { loadConfig } from '../src/config.js';

const textOf = (m: Message) => m.text ?? m.caption ?? '';
const labels = (m: Message) => (m.reply_markup?.inline_keyboard ?? []).flat().map((b) => b.text);
const kindOf = (m: Message) => (m.photo ? 'photo' : m.video ? 'video' : m.text ? 'text' : '?');
const fileOf = (m: Message) => m.photo?.at(-1)?.file_id ?? m.video?.file_id;
/** The start of a JPEG: what the channel's owner uploaded. */
const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 1, 2, 3]);

describe('the monitor bot carries media', () => {
  it('a photo suggestion and an album of a monitored channel reach the cards and the channel as media', async () => {
    const emu = await startEmulator();
    const news = emu.channel({ title: 'Новости района', username: 'district_news' });
    const city = emu.channel({ title: 'Городской чат', username: 'city_chat' });
    const admin = emu.user({ id: 111, first_name: 'Admin', language_code: 'ru' });
    const person = emu.user({ id: 987_654_321, first_name: 'Прасковья', username: 'praskovya' });
    const reader = emu.user({ id: 555, first_name: 'Reader', language_code: 'ru' });
    const config = loadConfig({
      CHANNEL_ID: '@district_news',
      ADMIN_IDS: '111',
      // Everything matching a subscription is queued, whatever the offline scorer thinks of it.
      DEFAULT_THRESHOLD: '0',
      DATABASE_PATH: ':memory:',
    });
    const app = await createMonitorBot(
      { ...config, botToken: emu.token, apiRoot: emu.apiRoot, port: 0, host: '127.0.0.1' },
      { dispatcher: { pollIntervalMs: 20 } },
    );
    const cardOf = (who: SimulatedUser, fragment: string) =>
      emu.waitFor(
        () => who.received.findLast((m) => textOf(m).includes(fragment) && labels(m).length > 0),
        { message: `a card about “${fragment}”` },
      );
    try {
      await app.start();
      await admin.command('start');
      await app.feed.addSource({ ref: String(city.id), title: 'Городской чат' });
      await reader.command('subscribe');
      await emu.waitFor(() => reader.received.find((m) => textOf(m).includes('Подписка')));

      // 1. A photo suggested to the bot: the photo above the card, then in the channel.
      await person.command('suggest');
      await emu.waitFor(() => person.received.find((m) => textOf(m).includes('Напишите текст')));
      const photo = await person.sendPhoto({ caption: 'Во дворе открыли каток' });
      const preview = await cardOf(person, 'Во дворе открыли каток');
      await person.press(preview);
      const card = await cardOf(admin, 'Во дворе открыли каток');
      const above = admin.received.find((m) => m.message_id === card.message_id - 1);
      expect(fileOf(above as Message)).toBe(fileOf(photo));
      for (const secret of ['Прасковья', 'praskovya', '987654321']) {
        expect(textOf(card)).not.toContain(secret);
      }
      await admin.press(card);
      const published = await emu.waitFor(() => news.posts.find((p) => p.photo !== undefined));
      expect(published.caption).toBe('Во дворе открыли каток');
      expect(fileOf(published)).toBe(fileOf(photo));
      expect(published.forward_origin).toBeUndefined();

      // 2. An album posted in the monitored channel (the bot administers it): one item, an album
      // above the card, and one album in the channel with the caption and the source.
      const album = await city.postAlbum([
        { type: 'photo', caption: 'Ярмарка в субботу', bytes: jpeg },
        { type: 'video' },
      ]);
      const albumCard = await cardOf(admin, 'Ярмарка в субботу');

      // The admin app (#20) previews the photo for admins: fetched by getFile through the Bot
      // API, never naming a file id; anyone else gets nothing.
      const base = `http://127.0.0.1:${app.port}`;
      const as = (who: SimulatedUser) => ({
        authorization: `tma ${signInitData({ id: who.user.id, first_name: who.user.first_name }, { token: emu.token })}`,
      });
      const queue = await (await fetch(`${base}/api/queue`, { headers: as(admin) })).text();
      for (const part of album) expect(queue).not.toContain(fileOf(part));
      const { items } = JSON.parse(queue) as {
        items: { id: string; media: { files: { kind: string; preview: boolean }[] } | null }[];
      };
      const fair = items.find((i) => i.media?.files.length === 2);
      expect(fair?.media?.files).toEqual([
        { kind: 'photo', preview: true },
        { kind: 'video', preview: false },
      ]);
      const shownPhoto = await fetch(`${base}/api/items/${fair?.id}/media/0`, {
        headers: as(admin),
      });
      const body = (await shownPhoto.json()) as { type: string; data: string };
      expect(body.type).toBe('image/jpeg');
      expect(Uint8Array.from(Buffer.from(body.data, 'base64'))).toEqual(jpeg);
      const refused = await fetch(`${base}/api/items/${fair?.id}/media/0`, { headers: as(reader) });
      expect(refused.status).toBe(403);
      expect(textOf(albumCard)).toContain('📎 Выше: фото, видео');
      const shown = admin.received.filter(
        (m) => m.media_group_id !== undefined && m.message_id < albumCard.message_id,
      );
      expect(shown.map(fileOf)).toEqual(album.map(fileOf));
      await admin.press(albumCard);
      await emu.waitFor(() => (news.posts.length === 3 ? true : undefined));
      const posted = news.posts.slice(1);
      expect(posted.map(kindOf)).toEqual(['photo', 'video']);
      expect(posted.map(fileOf)).toEqual(album.map(fileOf));
      expect(posted[0]?.media_group_id).toBe(posted[1]?.media_group_id);
      expect(posted[0]?.caption).toBe('Ярмарка в субботу\n\n— Городской чат');
      expect(emu.calls.filter((c) => c.method.startsWith('forward'))).toEqual([]);
      expect(emu.calls.filter((c) => c.status !== 200)).toEqual([]);
    } finally {
      await app.stop();
      await emu.close();
    }
  });
});
