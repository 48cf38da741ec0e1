import type { Emulator, Message, SimulatedUser } from '@anonboard/bot-api-emulator';
import { expect } from 'vitest';
import { buttonData, textOf, waitForButtons, waitForText } from '../../support/people.js';

export { ask } from '../../support/people.js';

import type { FeedHarness } from './harness.js';

/** The newest card about `fragment` each admin has (with its buttons). */
export async function cardsAbout(h: FeedHarness, fragment: string): Promise<[Message, Message]> {
  const [first, second] = h.admins;
  const card = (admin: SimulatedUser) =>
    h.emu.waitFor(
      () =>
        admin.received.findLast((m) => textOf(m).includes(fragment) && buttonData(m).length > 0),
      { message: `${admin.user.first_name} to get a card about “${fragment}”` },
    );
  return [await card(first), await card(second)];
}

/**
 * `author` suggests `text` with `/suggest <text>` and confirms the preview; returns both admins'
 * cards.
 */
export async function suggestAndConfirm(
  h: FeedHarness,
  author: SimulatedUser,
  text: string,
): Promise<[Message, Message]> {
  const before = author.received.length;
  await author.command('suggest', text);
  const preview = await waitForButtons(h.emu, author, before);
  expect(textOf(preview)).toContain(text);
  await author.press(preview);
  await waitForText(h.emu, author, 'отправлен на модерацию', before);
  return cardsAbout(h, text);
}

/** The labels of a message's buttons but [📄 Весь текст], which a decided card may keep. */
function decisionButtons(message: Message): string[] {
  return (message.reply_markup?.inline_keyboard ?? [])
    .flat()
    .map((b) => b.text)
    .filter((label) => label !== '📄 Весь текст');
}

/**
 * Waits until a message of `who` (by id) has no decision buttons any more and contains
 * `fragment`.
 */
export function waitRevised(
  emu: Emulator,
  who: SimulatedUser,
  messageId: number,
  fragment: string,
): Promise<Message> {
  return emu.waitFor(
    () =>
      who.received.find(
        (m) =>
          m.message_id === messageId &&
          decisionButtons(m).length === 0 &&
          textOf(m).includes(fragment),
      ),
    { message: `${who.user.first_name}'s message ${messageId} to be revised with “${fragment}”` },
  );
}
