import { describe, expect, it } from 'vitest';
import { registerCommands } from '../src/index.js';
import { startHarness } from './support/harness.js';
import { people, publishAd, textOf, waitForText } from './support/people.js';

describe('commands', () => {
  it('registers the command lists: ru by default, en for English clients', async () => {
    const h = await startHarness({ feed: 'manual' });
    await registerCommands(h.bot.api, { board: h.board });
    const ru = await h.bot.api.getMyCommands();
    const en = await h.bot.api.getMyCommands({ language_code: 'en' });
    expect(ru.map((c) => c.command)).toEqual([
      'start',
      'newad',
      'myads',
      'mychats',
      'endchat',
      'block',
      'help',
    ]);
    expect(ru.find((c) => c.command === 'newad')?.description).toBe('Опубликовать объявление');
    expect(en.find((c) => c.command === 'newad')?.description).toBe('Publish an ad');
    expect(await h.bot.api.getMyCommands({ language_code: 'ru' })).toEqual(ru);
  });

  it('answers the menu, help, usage, empty lists and refusals in the person’s language', async () => {
    const h = await startHarness();
    const { emu } = h;
    const { alice, carol } = people(emu);
    const say = async (who: typeof alice, name: string, payload: string, expected: string) => {
      const before = who.received.length;
      await who.command(name, payload);
      return waitForText(emu, who, expected, before);
    };
    const menu = await say(alice, 'start', '', '👋');
    expect(textOf(menu)).toContain('/newad — Опубликовать объявление');
    expect(textOf(menu)).not.toContain('/start —');
    await say(carol, 'start', '', 'anonymous ad board');
    await say(alice, 'help', '', 'Как это работает');
    await say(alice, 'newad', '', 'первая строка — заголовок');
    await say(alice, 'newad', 'x'.repeat(150), 'не больше 100 символов');
    await say(alice, 'myads', '', 'пока нет объявлений');
    await say(alice, 'mychats', '', 'нет активных чатов');
    await say(alice, 'endchat', '', 'нет активных чатов');
    await say(carol, 'block', '', 'no active chats');
    await say(alice, 'start', 'ad_doesnotexist', 'Не найдено');
    const payload = await publishAd(emu, alice, 'Своё');
    await say(alice, 'start', payload, 'ваше объявление');
    await say(alice, 'start', 'something-else', '👋');
    expect(h.current.errors).toEqual([]);
  });
});
