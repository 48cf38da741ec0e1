import type { SimulatedUser } from '@anonboard/bot-api-emulator';
import type { Bot, Context, SessionFlavor } from 'grammy';
import { session } from 'grammy';
import { describe, expect, it } from 'vitest';
import { commandList } from '../src/index.js';
import { type Harness, startHarness } from './support/harness.js';
import { buttonData, openChat, people, textOf, waitForText } from './support/people.js';

type HostContext = Context & SessionFlavor<{ count: number }>;

/**
 * A host bot with its own session, /start, /help, /count with a button, and handlers for plain
 * texts, contacts, edits and its own Mini App's data, plus an error handler.
 */
const host = {
  before(bot: Bot) {
    const b = bot as unknown as Bot<HostContext>;
    b.use(session({ initial: () => ({ count: 0 }) }));
    b.command('count', async (ctx) => {
      ctx.session.count += 1;
      await ctx.reply(`count=${ctx.session.count}`, {
        reply_markup: { inline_keyboard: [[{ text: 'ping', callback_data: 'host:ping' }]] },
      });
    });
    b.command('boom', () => {
      throw new Error('host failure');
    });
  },
  after(bot: Bot) {
    bot.command('start', (ctx) =>
      ctx.reply(`Welcome to the host bot${ctx.match && `: ${ctx.match}`}`),
    );
    bot.command('help', (ctx) => ctx.reply('Host help'));
    bot.callbackQuery('host:ping', (ctx) => ctx.answerCallbackQuery({ text: 'pong' }));
    bot.on('message:text', (ctx) => ctx.reply(`host echo: ${ctx.message.text}`));
    bot.on('message:contact', (ctx) => ctx.reply('host got a contact'));
    bot.on('message:location', (ctx) => ctx.reply('host got a location'));
    bot.on('message:web_app_data', (ctx) =>
      ctx.reply(`host app: ${ctx.message.web_app_data.data}`),
    );
    bot.on('edited_message', (ctx) => ctx.reply('host saw an edit'));
  },
};

/** Whether the board has a row for this person (looks only). */
async function stored(h: Harness, who: SimulatedUser): Promise<boolean> {
  const id = String(who.id);
  return (await h.current.storage.transaction((tx) => tx.users.getByPlatformId(id))) !== undefined;
}

describe('embedding into a host bot (default options)', () => {
  it('leaves the host its /start, /help, messages, edits, Mini App data and session, and stores nobody', async () => {
    const h = await startHarness({ host, plugin: { standalone: false } });
    const { emu } = h;
    const { alice } = people(emu);

    await alice.command('start');
    await waitForText(emu, alice, 'Welcome to the host bot');
    await alice.command('start', 'promo'); // a foreign payload
    await waitForText(emu, alice, 'Welcome to the host bot: promo');
    await alice.command('help');
    await waitForText(emu, alice, 'Host help');
    await alice.command('count');
    await alice.command('count');
    const count = await waitForText(emu, alice, 'count=2');
    await alice.press(count);
    await emu.waitFor(() => alice.callbackAnswers.at(-1)?.text === 'pong');
    const text = await alice.send('hello host');
    await waitForText(emu, alice, 'host echo: hello host');
    await alice.edit(text, 'hello host, edited');
    await waitForText(emu, alice, 'host saw an edit');
    await alice.sendContact();
    await waitForText(emu, alice, 'host got a contact');
    await alice.sendLocation();
    await waitForText(emu, alice, 'host got a location');
    await alice.webAppData('{"order":42}');
    await waitForText(emu, alice, 'host app: {"order":42}');
    await alice.command('boom');
    await emu.waitFor(() => h.current.errors.length === 1);
    expect(h.current.errors[0]?.error).toEqual(new Error('host failure'));

    await emu.idle();
    expect(await stored(h, alice)).toBe(false);
    // Nothing of the board's reached Alice.
    expect(alice.received.map(textOf).join('\n')).not.toMatch(/чат|объявлен|👋/i);
  });

  it('handles its deep links, commands, buttons and the people inside a board flow', async () => {
    const h = await startHarness({ host, plugin: { standalone: false } });
    const { emu } = h;
    const { alice, bob } = people(emu);

    await bob.command('newad', 'Лыжи\n180 см');
    const published = await waitForText(emu, bob, '?start=ad_');
    expect(await stored(h, bob)).toBe(true);
    const payload = /start=(ad_[\w-]+)/.exec(textOf(published))?.[1] ?? '';
    // Opening the ad puts Alice in a flow: her next message is the first message, not the host's.
    const invite = await openChat(emu, { author: bob, reader: alice, payload, first: 'Размер?' });
    await emu.waitFor(() => {
      const pressed = bob.received.find((m) => m.message_id === invite.message_id);
      return pressed !== undefined && buttonData(pressed).length === 0; // removed after the press
    });
    // In a chat, her messages and edits are relayed, her contact refused by the board.
    const echoes = () => alice.received.filter((m) => textOf(m).startsWith('host')).length;
    const before = echoes();
    const sent = await alice.send('42-й');
    await waitForText(emu, bob, '42-й');
    await alice.edit(sent, '43-й');
    await emu.waitFor(() => bob.received.some((m) => textOf(m) === '43-й'));
    await alice.sendContact();
    await waitForText(emu, alice, 'Контакты не пересылаются');
    await emu.idle();
    expect(echoes()).toBe(before);

    // Once the chat is over, her messages are the host's again.
    await alice.command('endchat');
    await waitForText(emu, alice, 'завершён');
    await alice.send('снова хост');
    await waitForText(emu, alice, 'host echo: снова хост');
    // Someone who used the board but has nothing going on: the host's too.
    const bobBefore = bob.received.length;
    await bob.send('просто текст');
    await waitForText(emu, bob, 'host echo: просто текст', bobBefore);
    // Board-shaped Mini App data is the board's (and refused clearly: no message).
    await alice.webAppData('{"ad_id":"nope"}');
    await waitForText(emu, alice, 'мини-приложения');
    expect(h.current.errors).toEqual([]);
  });

  it('answers its menu and help under the names the host gives them; lists only what it answers', async () => {
    const h = await startHarness({
      host,
      plugin: {
        standalone: false,
        commands: { newad: 'post', help: 'board' },
        callbackPrefix: 'board:',
        deepLinkPrefix: 'offer_',
      },
    });
    const { emu } = h;
    const { alice, bob } = people(emu);
    await alice.command('board');
    const help = await waitForText(emu, alice, '/post');
    expect(textOf(help)).toContain('Как это работает');
    await alice.command('help');
    await waitForText(emu, alice, 'Host help');

    // The board under its renamed command and its own deep-link and button prefixes.
    const before = bob.received.length;
    await bob.command('post', 'Лыжи\n180 см');
    const published = await waitForText(emu, bob, '?start=offer_', before);
    const payload = /start=(offer_[\w-]+)/.exec(textOf(published))?.[1] ?? '';
    await openChat(emu, { author: bob, reader: alice, payload, first: 'Размер ботинок?' });
    expect(
      emu.calls
        .filter((c) => c.method === 'sendMessage')
        .some((c) => JSON.stringify(c.params.reply_markup ?? null).includes('"board:')),
    ).toBe(true);
    // Other /start payloads belong to the host.
    await alice.command('start', 'ad_promo');
    await waitForText(emu, alice, 'Welcome to the host bot: ad_promo');

    // An unexpected failure of the board goes to the host's error handler, not to the person.
    await h.current.storage.close();
    const bobBefore = bob.received.length;
    await bob.command('mychats');
    await emu.waitFor(() => h.current.errors.length === 1);
    expect(String(h.current.errors[0]?.error)).toContain('closed');
    await emu.idle();
    expect(bob.received.slice(bobBefore).map(textOf).join('\n')).not.toMatch(/sqlite|closed/i);

    // The host merges the plugin's commands into its own list: no /start, /help only renamed.
    const options = { board: h.board, commands: { newad: 'post', help: 'board' } } as const;
    expect(commandList(options, 'en')).toEqual([
      { command: 'post', description: 'Publish an ad' },
      { command: 'myads', description: 'My ads' },
      { command: 'mychats', description: 'My chats' },
      { command: 'endchat', description: 'End a chat' },
      { command: 'block', description: 'Block the other side' },
      { command: 'report', description: 'Report the other side' },
      { command: 'export', description: 'My message history' },
      { command: 'forgetme', description: 'Delete my data' },
      { command: 'board', description: 'How it works' },
    ]);
    expect(commandList({ board: h.board, standalone: true }, 'en').map((c) => c.command)).toEqual([
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
    ]);
  });
});
