import type { Emulator, SimulatedUser } from '@anonboard/bot-api-emulator';
import { describe, expect, it } from 'vitest';
import { startHarness } from '../support/harness.js';
import { openChat, people, publishAd, textOf, waitForText } from '../support/people.js';

// Issue #14, item 2, through grammY and the Bot API emulator: someone blocked by an author who
// opens or writes to another of the author's ads sees what a stranger sees, word for word (it
// used to be «Написать этому автору нельзя», linking the author's anonymous ads); their message
// reaches nobody.

/** What `who` reads while opening the ad of `payload` twice and writing once in between. */
async function writeTwice(emu: Emulator, who: SimulatedUser, payload: string, text: string) {
  const before = who.received.length;
  await who.command('start', payload);
  await waitForText(emu, who, '✍️', before);
  await who.send(text);
  await waitForText(emu, who, '✉️', before);
  await who.command('start', payload);
  await waitForText(emu, who, 'уже написали', before);
  return who.received.slice(before).map(textOf);
}

describe('a block is no oracle (bot)', () => {
  it('a blocked reader opening and writing to another ad of the blocker reads what a stranger reads; nothing arrives', async () => {
    const h = await startHarness();
    const { emu } = h;
    const { alice, bob, dave } = people(emu); // Alice and Dave both speak Russian
    await openChat(emu, {
      author: bob,
      reader: alice,
      payload: await publishAd(emu, bob, 'Велосипед'),
      first: 'Добрый день!',
    });
    let before = bob.received.length;
    await bob.command('block');
    await waitForText(emu, bob, '🚫', before);
    const wardrobe = await publishAd(emu, bob, 'Шкаф');

    before = bob.received.length;
    const stranger = await writeTwice(emu, dave, wardrobe, 'Шкаф ещё продаётся?');
    await waitForText(emu, bob, 'Шкаф ещё продаётся?', before);
    const bobAfterDave = bob.received.length;
    const blocked = await writeTwice(emu, alice, wardrobe, 'Шкаф ещё продаётся?');

    expect(blocked).toEqual(stranger);
    // A later first message from a stranger reaches Bob behind anything queued before it.
    const carol = people(emu).carol;
    await carol.command('start', wardrobe);
    await waitForText(emu, carol, '✍️');
    await carol.send('Is it oak?');
    await waitForText(emu, bob, 'Is it oak?', bobAfterDave);
    expect(bob.received.slice(bobAfterDave).map(textOf).join('\n')).not.toContain(
      'Шкаф ещё продаётся?',
    );
  });
});
