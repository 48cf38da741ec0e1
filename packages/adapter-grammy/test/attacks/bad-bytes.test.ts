import { describe, expect, it } from 'vitest';
import { startHarness } from '../support/harness.js';
import { openChat, people, publishAd, waitForText } from '../support/people.js';

// Issue #14, item 6, through grammY and the Bot API emulator: a NUL in what a person writes is
// answered with the catalogue's sentence (`error.text_invalid`), on the SQLite file of the
// harness, and nothing reaches the other side.

describe('a NUL in a message (bot)', () => {
  it('a first message, a relayed message and an ad with a NUL are refused with a sentence', async () => {
    const h = await startHarness();
    const { emu } = h;
    const { alice, bob } = people(emu);
    const payload = await publishAd(emu, bob, 'Велосипед');
    const bobBefore = bob.received.length;

    let before = alice.received.length;
    await alice.command('start', payload);
    await waitForText(emu, alice, '✍️', before);
    before = alice.received.length;
    await alice.send('Здравствуйте\u0000');
    await waitForText(emu, alice, 'недопустимый символ', before);
    before = alice.received.length;
    await alice.command('newad', 'Шкаф\u0000\nДубовый');
    await waitForText(emu, alice, 'недопустимый символ', before);
    await emu.idle();
    expect(bob.received.slice(bobBefore)).toEqual([]);
    expect(
      await h.board.listAds({
        authorId: (await h.board.identify({ platformId: String(alice.id) })).id,
      }),
    ).toEqual([]);

    await openChat(emu, { author: bob, reader: alice, payload, first: 'Добрый день!' });
    const bobInChat = bob.received.length;
    before = alice.received.length;
    await alice.send('Адрес\u0000');
    await waitForText(emu, alice, 'недопустимый символ', before);
    await emu.idle();
    expect(bob.received.slice(bobInChat)).toEqual([]);
    expect(h.current.errors).toEqual([]);
  });
});
