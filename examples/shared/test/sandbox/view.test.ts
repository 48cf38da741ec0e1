import { type Emulator, type Message, startEmulator } from '@anonboard/bot-api-emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeMessage, Inbox } from '../../src/sandbox/view.js';

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
});
afterEach(async () => {
  await emu.close();
});

/** Calls the Bot API as the bot would. */
async function botCall(method: string, params: Record<string, unknown>): Promise<Message> {
  const response = await fetch(`${emu.apiRoot}/bot${emu.token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  const body = (await response.json()) as { ok: boolean; result: Message };
  if (!body.ok) throw new Error(`${method} failed`);
  return body.result;
}

const keyboard = {
  inline_keyboard: [[{ text: 'Да', callback_data: 'y' }], [{ text: 'Нет', callback_data: 'n' }]],
};

describe('describeMessage', () => {
  it('tags the kind, keeps or folds the lines, marks replies and numbers the buttons', async () => {
    const bob = emu.user({ first_name: 'Bob' });
    const first = await botCall('sendMessage', { chat_id: bob.id, text: 'Привет' });
    const reply = await botCall('sendMessage', {
      chat_id: bob.id,
      text: 'Строка 1\nСтрока 2',
      reply_parameters: { message_id: first.message_id },
      reply_markup: keyboard,
    });
    expect(describeMessage(reply, { lineBreak: ' ⏎ ', markReplies: true })).toBe(
      'Строка 1 ⏎ Строка 2 (reply) [1: Да] [2: Нет]',
    );
    expect(describeMessage(reply, { lineBreak: '\n  ', markReplies: false })).toBe(
      'Строка 1\n  Строка 2 [1: Да] [2: Нет]',
    );
    const contact = await botCall('sendContact', {
      chat_id: bob.id,
      phone_number: '+70000000000',
      first_name: 'Bob',
    });
    expect(describeMessage(contact, { lineBreak: ' ', markReplies: true })).toBe('[contact]');
  });
});

describe('Inbox', () => {
  it('prints each message once, and an edited one again only when asked to', async () => {
    const bob = emu.user({ first_name: 'Bob' });
    const channel = emu.channel({ title: 'Новости' });
    const style = { lineBreak: ' ⏎ ', markReplies: false };
    const plain: string[] = [];
    const edits: string[] = [];
    const shownFirst: number[] = [];
    const inboxes = [
      new Inbox(new Map([['bob', bob]]), [], {
        print: (line) => plain.push(line),
        style,
        showEdits: false,
        onNew: (message) => shownFirst.push(message.message_id),
      }),
      new Inbox(new Map([['bob', bob]]), [channel], {
        print: (line) => edits.push(line),
        style,
        showEdits: true,
      }),
    ];

    const card = await botCall('sendMessage', {
      chat_id: bob.id,
      text: 'Карточка',
      reply_markup: keyboard,
    });
    await botCall('sendMessage', { chat_id: `${channel.id}`, text: 'Пост' });
    expect(inboxes.map((inbox) => inbox.flush())).toEqual([1, 2]);
    expect(inboxes.map((inbox) => inbox.flush())).toEqual([0, 0]);
    await botCall('editMessageText', {
      chat_id: bob.id,
      message_id: card.message_id,
      text: 'Карточка: одобрено',
    });
    expect(inboxes.map((inbox) => inbox.flush())).toEqual([0, 1]);

    expect(plain).toEqual(['    bob ← Карточка [1: Да] [2: Нет]']);
    expect(shownFirst).toEqual([card.message_id]);
    expect(edits).toEqual([
      '    bob ← Карточка [1: Да] [2: Нет]',
      '    📢 Новости ← Пост',
      '    bob ← (edited) Карточка: одобрено',
    ]);
  });
});
