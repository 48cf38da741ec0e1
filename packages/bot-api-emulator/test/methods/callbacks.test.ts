import { InlineKeyboard } from 'grammy';
import { describe, expect, it } from 'vitest';
import { EmulatorError } from '../../src/index.js';
import { api, emulator, pollingBot } from '../helpers.js';

describe('callback queries', () => {
  it('presses the first button by default and records answerCallbackQuery', async () => {
    const emu = await emulator();
    await pollingBot(emu, (bot) => {
      bot.command('ad', (ctx) =>
        ctx.reply('Ad #7', {
          reply_markup: new InlineKeyboard()
            .text('Approve', 'approve:7')
            .text('Reject', 'reject:7'),
        }),
      );
      bot.callbackQuery(/^(approve|reject):(\d+)$/, async (ctx) => {
        await ctx.answerCallbackQuery({ text: `${ctx.match[1]} ${ctx.match[2]}` });
        await ctx.editMessageText(`Ad #7: ${ctx.match[1]}d`);
      });
    });
    const moderator = emu.user({ first_name: 'Mod' });
    await moderator.command('ad');
    const card = await emu.waitFor(() => moderator.lastReceived());

    const queryId = await moderator.press(card);
    await emu.idle();
    expect(moderator.callbackAnswers).toEqual([
      { callback_query_id: queryId, data: 'approve:7', text: 'approve 7', show_alert: false },
    ]);
    // The edit without reply_markup removed the keyboard, like Telegram.
    expect(moderator.lastReceived()).toMatchObject({
      text: 'Ad #7: approved',
      message_id: card.message_id,
    });
    expect(moderator.lastReceived()?.reply_markup).toBeUndefined();
    expect(moderator.lastReceived()?.edit_date).toBeTypeOf('number');

    const update = emu.updates.find((u) => u.callback_query?.id === queryId);
    expect(update?.callback_query).toMatchObject({
      from: moderator.user,
      message: { message_id: card.message_id },
      data: 'approve:7',
    });
    expect(update?.callback_query?.chat_instance).toBeTypeOf('string');
  });

  it('presses explicit data and rejects a second answer to the same query', async () => {
    const emu = await emulator();
    const client = api(emu);
    const alice = emu.user({ first_name: 'Alice' });
    const message = await client.sendMessage(alice.id, 'Pick', {
      reply_markup: new InlineKeyboard().text('A', 'a').text('B', 'b'),
    });
    const queryId = await alice.press(message.message_id, 'b');
    expect(emu.updates.at(-1)?.callback_query?.data).toBe('b');
    await client.answerCallbackQuery(queryId, { text: 'B!', show_alert: true });
    await expect(client.answerCallbackQuery(queryId)).rejects.toThrow(
      'Bad Request: query is too old and response timeout expired or query ID is invalid',
    );
    expect(alice.callbackAnswers[0]).toMatchObject({ data: 'b', text: 'B!', show_alert: true });
  });

  it('refuses to press a message without callback buttons', async () => {
    const emu = await emulator();
    const alice = emu.user({ first_name: 'Alice' });
    const plain = await api(emu).sendMessage(alice.id, 'no buttons');
    await expect(alice.press(plain)).rejects.toThrow(EmulatorError);
    await expect(alice.press(999)).rejects.toThrow(
      '[anonboard] [emulator] cannot press message 999',
    );
  });
});
