import type { Bot, Context, SessionFlavor } from 'grammy';
import { session } from 'grammy';
import { describe, expect, it } from 'vitest';
import { commandList } from '../src/index.js';
import { startHarness } from './support/harness.js';
import { buttonData, openChat, people, textOf, waitForText } from './support/people.js';

type HostContext = Context & SessionFlavor<{ count: number }>;

/** A host bot with its own session, /start, /count, buttons, plain-message handler and error handler. */
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
    bot.command('start', (ctx) => ctx.reply('Welcome to the host bot'));
    bot.callbackQuery('host:ping', (ctx) => ctx.answerCallbackQuery({ text: 'pong' }));
    bot.on('message:text', (ctx) => ctx.reply(`host echo: ${ctx.message.text}`));
  },
};

describe('embedding into a host bot', () => {
  it('takes only what it owns; the host keeps its commands, session, buttons and errors', async () => {
    const h = await startHarness({
      host,
      plugin: {
        hostOwnsStart: true,
        passUnrelatedMessages: true,
        commands: { newad: 'post', help: false },
        callbackPrefix: 'board:',
        deepLinkPrefix: 'offer_',
      },
    });
    const { emu } = h;
    const { alice, bob } = people(emu);

    await alice.command('start');
    await waitForText(emu, alice, 'Welcome to the host bot');
    await alice.command('count');
    await alice.command('count');
    const count = await waitForText(emu, alice, 'count=2');
    await alice.press(count);
    await emu.waitFor(() => alice.callbackAnswers.at(-1)?.text === 'pong');
    await alice.send('hello host');
    await waitForText(emu, alice, 'host echo: hello host');
    await alice.command('help'); // turned off in the plugin: nobody answers it
    await alice.command('boom');
    await emu.waitFor(() => h.current.errors.length === 1);
    expect(h.current.errors[0]?.error).toEqual(new Error('host failure'));

    // The board under its renamed command and its own deep-link and button prefixes.
    const before = bob.received.length;
    await bob.command('post', 'Лыжи\n180 см');
    const published = await waitForText(emu, bob, '?start=offer_', before);
    const payload = /start=(offer_[\w-]+)/.exec(textOf(published))?.[1] ?? '';
    const invite = await openChat(emu, {
      author: bob,
      reader: alice,
      payload,
      first: 'Размер ботинок?',
    });
    await emu.waitFor(() => {
      const pressed = bob.received.find((m) => m.message_id === invite.message_id);
      return pressed !== undefined && buttonData(pressed).length === 0; // removed after the press
    });
    expect(
      emu.calls
        .filter((c) => c.method === 'sendMessage')
        .some((c) => JSON.stringify(c.params.reply_markup ?? null).includes('"board:')),
    ).toBe(true);

    // In a chat, Alice's messages are relayed, not echoed by the host.
    const echoes = alice.received.filter((m) => textOf(m).startsWith('host echo')).length;
    await alice.send('42-й');
    await waitForText(emu, bob, '42-й');
    expect(alice.received.filter((m) => textOf(m).startsWith('host echo'))).toHaveLength(echoes);
    expect(alice.received.map(textOf)).not.toContain('Ничего не найдено');

    // Other /start payloads belong to the host.
    await alice.command('start', 'promo');
    await emu.waitFor(
      () => alice.received.filter((m) => textOf(m) === 'Welcome to the host bot').length === 2,
    );

    // An unexpected failure of the board goes to the host's error handler, not to the person.
    await h.current.storage.close();
    const aliceBefore = alice.received.length;
    await bob.command('mychats');
    await emu.waitFor(() => h.current.errors.length === 2);
    expect(String(h.current.errors[1]?.error)).toContain('closed');
    await emu.idle();
    expect(bob.received.slice(before).map(textOf).join('\n')).not.toMatch(/sqlite|closed/i);
    expect(alice.received.length).toBe(aliceBefore);

    // The host merges the plugin's commands into its own list (without /start: the host's).
    expect(
      commandList(
        { board: h.board, commands: { newad: 'post', help: false }, hostOwnsStart: true },
        'en',
      ),
    ).toEqual([
      { command: 'post', description: 'Publish an ad' },
      { command: 'myads', description: 'My ads' },
      { command: 'mychats', description: 'My chats' },
      { command: 'endchat', description: 'End a chat' },
      { command: 'block', description: 'Block the other side' },
      { command: 'report', description: 'Report the other side' },
      { command: 'export', description: 'My message history' },
      { command: 'forgetme', description: 'Delete my data' },
    ]);
  });
});
