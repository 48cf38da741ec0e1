import type { Emulator, Message, SimulatedUser } from '@anonboard/bot-api-emulator';
import { describe, expect, it } from 'vitest';
import { startHarness } from '../support/harness.js';
import { openChat, people, publishAd, textOf, waitForText } from '../support/people.js';

// Issue #14, item 3, through grammY and the Bot API emulator: a reply names its chat; when that
// chat has ended, the reply reaches nobody (today it fell through to the only other chat).

/** Waits for `user`'s next message after `before` that says `text`; returns it. */
async function received(emu: Emulator, user: SimulatedUser, text: string, before: number) {
  return emu.waitFor(() => user.received.slice(before).find((m: Message) => textOf(m) === text), {
    message: `${user.user.first_name} to receive “${text}”`,
  });
}

describe('replying into an ended chat (bot)', () => {
  for (const how of ['endchat', 'block'] as const) {
    it(`a reply to a message of a chat the other side closed with /${how} reaches nobody`, async () => {
      const h = await startHarness();
      const { emu } = h;
      const { alice, bob, carol } = people(emu);
      await openChat(emu, {
        author: bob,
        reader: alice,
        payload: await publishAd(emu, bob, 'Велосипед'),
        first: 'Добрый день!',
      });
      await openChat(emu, {
        author: carol,
        reader: alice,
        payload: await publishAd(emu, carol, 'Лодка'),
        first: 'Здравствуйте!',
      });
      let before = alice.received.length;
      await bob.send('Ещё актуально?');
      const bobsCopy = await received(emu, alice, 'Ещё актуально?', before);

      before = bob.received.length;
      await bob.command(how);
      await waitForText(emu, bob, 'Велосипед', before);

      const carolBefore = carol.received.length;
      const bobBefore = bob.received.length;
      before = alice.received.length;
      await alice.reply(bobsCopy, 'Да! Мой адрес: ул. Вязов, 5');
      await waitForText(emu, alice, 'ваш ответ никому не отправлен', before);
      // A later plain message goes to the one chat left, behind anything queued before it.
      await alice.send('Лодка ещё продаётся?');
      await received(emu, carol, 'Лодка ещё продаётся?', carolBefore);

      expect(carol.received.slice(carolBefore).map(textOf)).toEqual(['Лодка ещё продаётся?']);
      expect(bob.received.slice(bobBefore).map(textOf)).toEqual([]);
      expect(
        alice.received.slice(before).some((m) => textOf(m).includes('Чат «Велосипед» завершён')),
      ).toBe(true);
    });
  }
});
