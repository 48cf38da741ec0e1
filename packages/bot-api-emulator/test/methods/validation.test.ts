import { Api, InlineKeyboard } from 'grammy';
import { describe, expect, it } from 'vitest';
import { api, emulator, failure } from '../helpers.js';

describe('validation with Telegram wording', () => {
  it('rejects bad texts, captions and buttons with 400', async () => {
    const emu = await emulator();
    const client = api(emu);
    const alice = emu.user({ first_name: 'Alice' });
    const cases: Array<[Promise<unknown>, string]> = [
      [
        client.sendMessage(alice.id, 'x', {
          reply_markup: new InlineKeyboard().text('long', 'd'.repeat(65)),
        }),
        'Bad Request: BUTTON_DATA_INVALID',
      ],
      [client.sendMessage(alice.id, 'a'.repeat(4097)), 'Bad Request: message is too long'],
      [client.sendMessage(alice.id, ''), 'Bad Request: message text is empty'],
      [
        client.sendPhoto(alice.id, 'photo-id', { caption: 'c'.repeat(1025) }),
        'Bad Request: message caption is too long',
      ],
      [client.sendMessage(424242, 'hi'), 'Bad Request: chat not found'],
      [client.sendMessage('@nobody', 'hi'), 'Bad Request: chat not found'],
      [client.editMessageText(alice.id, 77, 'new'), 'Bad Request: message to edit not found'],
      [client.deleteMessage(alice.id, 77), 'Bad Request: message to delete not found'],
      [
        client.sendMessage(alice.id, '<b>open', { parse_mode: 'HTML' }),
        `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"`,
      ],
      [
        client.sendMessage(alice.id, 'Price: 5.00', { parse_mode: 'MarkdownV2' }),
        "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'",
      ],
    ];
    for (const [promise, description] of cases) {
      const error = await failure(promise);
      expect(error.error_code).toBe(400);
      expect(error.description).toBe(description);
    }
    // A 64-byte callback_data is fine; failed calls used up no message ids.
    const ok = await client.sendMessage(alice.id, 'ok', {
      reply_markup: new InlineKeyboard().text('max', 'd'.repeat(64)),
    });
    expect(ok.message_id).toBe(1);
  });

  it("holds every text, caption and button to Telegram's limits, counted after entity parsing", async () => {
    const emu = await emulator();
    const client = api(emu);
    const alice = emu.user({ first_name: 'Alice' });
    const channel = emu.channel({ title: 'News', username: 'news' });
    const photo = await alice.sendPhoto({ caption: 'p' });
    const sent = await client.sendMessage(alice.id, 'short');
    const media = await client.sendPhoto(alice.id, 'photo-id', { caption: 'short' });
    // Exactly at the limits: accepted. Markup does not count; emoji count as two UTF-16 units.
    const html = `<b>${'a'.repeat(4000)}</b>${'b'.repeat(96)}`;
    expect((await client.sendMessage(alice.id, html, { parse_mode: 'HTML' })).text).toHaveLength(
      4096,
    );
    expect((await client.sendMessage(channel.id, `${'😀'.repeat(2048)}`)).text).toHaveLength(4096);
    await client.sendPhoto(alice.id, 'photo-id', { caption: 'c'.repeat(1024) });
    await client.editMessageText(alice.id, sent.message_id, 'e'.repeat(4096));
    const cases: Array<[Promise<unknown>, string]> = [
      [
        client.sendMessage(alice.id, `<b>${'a'.repeat(4000)}</b>${'b'.repeat(97)}`, {
          parse_mode: 'HTML',
        }),
        'Bad Request: message is too long',
      ],
      [client.sendMessage(channel.id, `${'😀'.repeat(2048)}!`), 'Bad Request: message is too long'],
      [
        client.editMessageText(alice.id, sent.message_id, 'e'.repeat(4097)),
        'Bad Request: MESSAGE_TOO_LONG',
      ],
      [
        client.editMessageCaption(alice.id, media.message_id, { caption: 'c'.repeat(1025) }),
        'Bad Request: MEDIA_CAPTION_TOO_LONG',
      ],
      [
        client.copyMessage(alice.id, alice.id, photo.message_id, { caption: 'c'.repeat(1025) }),
        'Bad Request: message caption is too long',
      ],
      [
        client.sendMediaGroup(alice.id, [
          { type: 'photo', media: 'photo-id', caption: 'c'.repeat(1025) },
          { type: 'photo', media: 'photo-id' },
        ]),
        'Bad Request: message caption is too long',
      ],
      [
        client.sendMessage(alice.id, 'x', {
          reply_markup: new InlineKeyboard().text('ы', 'ы'.repeat(33)),
        }),
        'Bad Request: BUTTON_DATA_INVALID',
      ],
      [
        client.editMessageReplyMarkup(alice.id, sent.message_id, {
          reply_markup: new InlineKeyboard().text('long', 'd'.repeat(65)),
        }),
        'Bad Request: BUTTON_DATA_INVALID',
      ],
    ];
    for (const [promise, description] of cases) {
      const error = await failure(promise);
      expect(error.error_code).toBe(400);
      expect(error.description).toBe(description);
    }
  });

  it('rejects edits that change nothing and edits of the user messages', async () => {
    const emu = await emulator();
    const client = api(emu);
    const alice = emu.user({ first_name: 'Alice' });
    const own = await alice.send('mine');
    const sent = await client.sendMessage(alice.id, 'same');
    const notModified = await failure(client.editMessageText(alice.id, sent.message_id, 'same'));
    expect(notModified.description).toMatch(/^Bad Request: message is not modified/);
    const foreign = await failure(client.editMessageText(alice.id, own.message_id, 'x'));
    expect(foreign.description).toBe("Bad Request: message can't be edited");
  });

  it('parses HTML and MarkdownV2 into entities', async () => {
    const emu = await emulator();
    const client = api(emu);
    const alice = emu.user({ first_name: 'Alice' });
    const html = await client.sendMessage(
      alice.id,
      '<b>Bold <i>both</i></b> &lt;3 <a href="https://t.me/x">link</a>',
      { parse_mode: 'HTML' },
    );
    expect(html.text).toBe('Bold both <3 link');
    expect(html.entities).toEqual([
      { type: 'bold', offset: 0, length: 9 },
      { type: 'italic', offset: 5, length: 4 },
      { type: 'text_link', offset: 13, length: 4, url: 'https://t.me/x' },
    ]);
    const md = await client.sendMessage(alice.id, '*Ad* \\#1: _cheap_ `code`', {
      parse_mode: 'MarkdownV2',
    });
    expect(md.text).toBe('Ad #1: cheap code');
    expect(md.entities?.map((entity) => entity.type)).toEqual(['bold', 'italic', 'code']);
  });

  it('answers 401 for a wrong token and 404 for an unknown method', async () => {
    const emu = await emulator();
    const wrong = await fetch(`${emu.apiRoot}/bot999:WRONG/getMe`);
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });
    const unknown = await fetch(`${emu.apiRoot}/bot${emu.token}/sendTelepathy`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ ok: false, error_code: 404, description: 'Not Found' });
    const error = await failure(new Api('1:WRONG', { apiRoot: emu.apiRoot }).getMe());
    expect(error.error_code).toBe(401);
    expect(error.description).toBe('Unauthorized');
  });

  it('answers 404 for methods it is told to lack, as a server without them', async () => {
    const emu = await emulator({ unsupportedMethods: ['setMyCommands', 'SETCHATMENUBUTTON'] });
    const client = api(emu);
    const missing = await failure(client.setMyCommands([{ command: 'a', description: 'A' }]));
    expect([missing.error_code, missing.description]).toEqual([404, 'Not Found']);
    const menu = await failure(client.setChatMenuButton({ menu_button: { type: 'commands' } }));
    expect(menu.error_code).toBe(404);
    expect(await client.getMyCommands()).toEqual([]);
    expect(emu.calls.map((c) => [c.method, c.status])).toEqual([
      ['setMyCommands', 404],
      ['setChatMenuButton', 404],
      ['getMyCommands', 200],
    ]);
  });
});
