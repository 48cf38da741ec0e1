import type { Emulator, MessageEntity, SimulatedUser } from '@anonboard/bot-api-emulator';
import { describe, expect, it } from 'vitest';
import { startHarness } from '../support/harness.js';
import {
  expectNoIdentityOf,
  openChat,
  people,
  publishAd,
  textOf,
  waitForText,
} from '../support/people.js';

// Issue #14, item 4, through grammY and the Bot API emulator (which carries entities both ways:
// what a person sends, and what copyMessage copies). A mention of a person by name (Telegram's
// `text_mention`) or a `tg://` link used to reach the other side as a clickable profile; now the
// first message is refused with the reason, and so is a relay that would copy one.

const REFUSED = 'ссылка на профиль';

/** `who`'s name as a mention of their profile, the way Telegram sends a mention by name. */
function mentionOf(who: SimulatedUser, text: string): MessageEntity[] {
  const offset = text.indexOf(who.user.first_name);
  return [{ type: 'text_mention', offset, length: who.user.first_name.length, user: who.user }];
}

/** Opens the ad of `payload` as `reader` (the prompt to write arrives). */
async function openAd(emu: Emulator, reader: SimulatedUser, payload: string): Promise<void> {
  const before = reader.received.length;
  await reader.command('start', payload);
  await waitForText(emu, reader, '✍️', before);
}

describe('profile links (bot)', () => {
  it('a first message with a mention by name, a tg:// link or a tg:// text link is refused with the reason; the author gets nothing', async () => {
    const h = await startHarness();
    const { emu } = h;
    const { alice, bob } = people(emu);
    const payload = await publishAd(emu, bob, 'Велосипед');
    const bobBefore = bob.received.length;
    await openAd(emu, alice, payload);

    const attempts: Array<() => Promise<unknown>> = [
      () => {
        const text = 'Здравствуйте, я Alisandra';
        return alice.send(text, { entities: mentionOf(alice, text) });
      },
      () => alice.send(`Мой профиль: tg://user?id=${alice.id}`),
      () =>
        alice.send('Напишите мне', {
          entities: [{ type: 'text_link', offset: 0, length: 8, url: `tg://user?id=${alice.id}` }],
        }),
    ];
    for (const send of attempts) {
      const before = alice.received.length;
      await send();
      const refusal = await waitForText(emu, alice, REFUSED, before);
      expect(textOf(refusal)).toContain('tg://');
    }
    await emu.idle();
    expect(bob.received.slice(bobBefore)).toEqual([]);
    expect(h.current.errors).toEqual([]);

    // Without the mention the same person reaches the author, and nothing in it points at her.
    await alice.send('Здравствуйте, велосипед ещё продаётся?');
    await waitForText(emu, bob, 'велосипед ещё продаётся', bobBefore);
    expectNoIdentityOf(bob, [alice]);
  });

  it('in a chat, a message with a mention of the sender is refused with the reason, not copied; a plain one goes through', async () => {
    const h = await startHarness();
    const { emu } = h;
    const { alice, bob } = people(emu);
    await openChat(emu, {
      author: bob,
      reader: alice,
      payload: await publishAd(emu, bob, 'Шкаф'),
      first: 'Добрый день!',
    });
    const bobBefore = bob.received.length;
    const aliceBefore = alice.received.length;

    const text = 'Это Alisandra, напишите мне напрямую';
    await alice.send(text, { entities: mentionOf(alice, text) });
    await waitForText(emu, alice, REFUSED, aliceBefore);
    await alice.sendAlbum([
      { type: 'photo', caption: 'Шкаф спереди' },
      {
        type: 'photo',
        caption: 'Alisandra',
        captionEntities: [{ type: 'text_mention', offset: 0, length: 10, user: alice.user }],
      },
    ]);
    await waitForText(emu, alice, REFUSED, aliceBefore + 1);
    await emu.idle();
    expect(bob.received.slice(bobBefore)).toEqual([]);
    expect(emu.calls.filter((c) => c.method.startsWith('copyMessage')).length).toBe(1); // the first message

    await alice.send('Когда можно посмотреть?');
    await waitForText(emu, bob, 'Когда можно посмотреть?', bobBefore);
    expectNoIdentityOf(bob, [alice]);
  });
});
