import { RecordingLogger } from '@anonboard/core/testing';
import { describe, expect, it } from 'vitest';
import { commandList, commandLists, registerCommands } from '../src/index.js';
import { startHarness } from './support/harness.js';
import { people, publishAd, textOf, waitForText } from './support/people.js';

describe('commands', () => {
  it('registers the command lists: ru by default, en for English clients', async () => {
    const h = await startHarness({ feed: 'manual' });
    const admin = 500_100;
    await registerCommands(h.bot.api, { board: h.board, standalone: true, adminIds: [admin] });
    const ru = await h.bot.api.getMyCommands();
    const en = await h.bot.api.getMyCommands({ language_code: 'en' });
    const everyone = [
      'start',
      'newad',
      'myads',
      'mychats',
      'endchat',
      'block',
      'report',
      'export',
      'forgetme',
      'help',
    ];
    expect(ru.map((c) => c.command)).toEqual(everyone);
    expect(ru.find((c) => c.command === 'newad')?.description).toBe('Опубликовать объявление');
    expect(en.find((c) => c.command === 'newad')?.description).toBe('Publish an ad');
    expect(en.find((c) => c.command === 'forgetme')?.description).toBe('Delete my data');
    expect(await h.bot.api.getMyCommands({ language_code: 'ru' })).toEqual(ru);
    // An admin's own chat lists /stats too.
    const scope = { type: 'chat', chat_id: admin } as const;
    const adminRu = await h.bot.api.getMyCommands({ scope });
    expect(adminRu.map((c) => c.command)).toEqual([...everyone, 'stats']);
    const adminEn = await h.bot.api.getMyCommands({ scope, language_code: 'en' });
    expect(adminEn.at(-1)).toEqual({ command: 'stats', description: 'Board statistics' });
  });

  it('merges into the host’s lists per scope and language, again and again', async () => {
    const h = await startHarness({ feed: 'manual', plugin: { standalone: false } });
    const api = h.bot.api;
    const admin = 500_100;
    const shop = { command: 'shop', description: 'Shop' };
    const help = { command: 'help', description: 'Host help' };
    await api.setMyCommands([shop, help]);
    await api.setMyCommands([{ command: 'shop', description: 'Магазин' }], { language_code: 'ru' });
    const names = async (where: Parameters<typeof api.getMyCommands>[0] = {}) =>
      (await api.getMyCommands(where)).map((c) => c.command);
    const board = ['newad', 'myads', 'mychats', 'endchat', 'block', 'report', 'export', 'forgetme'];
    const options = { board: h.board, adminIds: [admin] };
    for (let run = 0; run < 2; run++) {
      expect(await registerCommands(api, options)).toBe(true);
      // The host's commands first, then the board's (embedded: /help stays the host's).
      expect(await api.getMyCommands()).toEqual([shop, help, ...commandList(options, 'ru')]);
      // Russian clients: the host's Russian list, then the board's in Russian.
      const ru = await api.getMyCommands({ language_code: 'ru' });
      expect(ru.slice(0, 2)).toEqual([
        { command: 'shop', description: 'Магазин' },
        { command: 'newad', description: 'Опубликовать объявление' },
      ]);
      // English clients: the host has no English list, so its list for every language.
      expect(await names({ language_code: 'en' })).toEqual(['shop', 'help', ...board]);
      const adminScope = { type: 'chat', chat_id: admin } as const;
      expect(await names({ scope: adminScope, language_code: 'en' })).toEqual([
        'shop',
        'help',
        ...board,
        'stats',
      ]);
    }
    // A host with lists for all private chats (they hide the default ones there) gets ours too.
    await api.setMyCommands([{ command: 'order', description: 'Order' }], {
      scope: { type: 'all_private_chats' },
    });
    expect(await registerCommands(api, { board: h.board, standalone: true })).toBe(true);
    expect(await names({ scope: { type: 'all_private_chats' }, language_code: 'en' })).toEqual([
      'order',
      'start',
      ...board,
      'help',
    ]);
    // Standalone, the board's /help replaces the host's.
    expect(await names()).toEqual(['shop', 'start', ...board, 'help']);

    // Or the host takes the lists and merges them itself.
    const lists = commandLists({ board: h.board, adminIds: [admin], locales: ['en'] });
    expect(lists.map(({ scope, language_code }) => [scope?.type, language_code])).toEqual([
      [undefined, undefined],
      [undefined, 'en'],
      ['chat', undefined],
      ['chat', 'en'],
    ]);
    expect(lists[1]?.commands[0]).toEqual({ command: 'newad', description: 'Publish an ad' });
    expect(lists[3]?.commands.at(-1)).toEqual({
      command: 'stats',
      description: 'Board statistics',
    });
  });

  it('is never fatal: a Bot API without setMyCommands is a warning and the bot answers on', async () => {
    const logger = new RecordingLogger();
    const h = await startHarness({
      emulator: { unsupportedMethods: ['setMyCommands'] },
      board: { logger },
    });
    const admin = 500_100;
    expect(await registerCommands(h.bot.api, { board: h.board, adminIds: [admin] })).toBe(false);
    const warnings = logger.at('warn');
    // Every list was tried (default, ru, en; the admin's three), each a warning naming no one.
    expect(warnings).toHaveLength(6);
    expect(warnings[0]).toMatchObject({
      message: 'could not set a command list: the bot works without it',
      fields: { method: 'setMyCommands', scope: 'default', error: { name: 'GrammyError' } },
    });
    expect(JSON.stringify(warnings)).not.toContain(String(admin));
    const { alice } = people(h.emu);
    await alice.command('help');
    await waitForText(h.emu, alice, 'Как это работает');
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

  it('offers the Mini App from the /start menu: an inline web_app button, or a keyboard one', async () => {
    const url = 'https://board.example.com/app/';
    const inline = await startHarness({ plugin: { webAppUrl: url } });
    const { alice, carol } = people(inline.emu);
    await alice.command('start');
    const menu = await waitForText(inline.emu, alice, '👋');
    expect(menu.reply_markup?.inline_keyboard).toEqual([
      [{ text: '📋 Объявления', web_app: { url } }],
    ]);
    await carol.command('start');
    const en = await waitForText(inline.emu, carol, '👋');
    expect(en.reply_markup?.inline_keyboard).toEqual([[{ text: '📋 Ads', web_app: { url } }]]);
    // /help stays as it was.
    const before = alice.received.length;
    await alice.command('help');
    const help = await waitForText(inline.emu, alice, 'ℹ️', before);
    expect(help.reply_markup).toBeUndefined();

    // A keyboard launch has no initData: the page answers with sendData (`web_app_data`).
    const keyboard = await startHarness({ plugin: { webAppUrl: url, webAppButton: 'keyboard' } });
    const { bob } = people(keyboard.emu);
    await bob.command('start');
    const keyboardMenu = await waitForText(keyboard.emu, bob, '👋');
    expect(keyboardMenu.reply_markup).toBeUndefined();
    expect(bob.keyboard?.keyboard).toEqual([[{ text: '📋 Объявления', web_app: { url } }]]);
    expect(bob.keyboard?.is_persistent).toBe(true);
    expect(inline.current.errors).toEqual([]);
    expect(keyboard.current.errors).toEqual([]);
  });

  it('shows no Mini App button without webAppUrl', async () => {
    const h = await startHarness();
    const { alice } = people(h.emu);
    await alice.command('start');
    const menu = await waitForText(h.emu, alice, '👋');
    expect(menu.reply_markup).toBeUndefined();
    expect(alice.keyboard).toBeUndefined();
  });
});
