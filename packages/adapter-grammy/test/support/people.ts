import type { Emulator, Message, SimulatedUser } from '@anonboard/bot-api-emulator';
import { expect } from 'vitest';

/**
 * Four people with distinctive ids and names, so an anonymity scan can look for them in what
 * the others received.
 */
export function people(emu: Emulator) {
  return {
    alice: emu.user({
      id: 741_852_963,
      first_name: 'Alisandra',
      last_name: 'Quartz',
      username: 'alisandra_secret',
      language_code: 'ru',
    }),
    bob: emu.user({
      id: 852_963_741,
      first_name: 'Bobrislav',
      username: 'bobrislav_hidden',
      language_code: 'ru',
    }),
    carol: emu.user({
      id: 963_741_852,
      first_name: 'Carolinea',
      username: 'carolinea_private',
      language_code: 'en',
    }),
    dave: emu.user({ id: 159_357_258, first_name: 'Davidorr', language_code: 'ru' }),
  };
}

/** The text or caption of a message. */
export function textOf(message: Message): string {
  return message.text ?? message.caption ?? '';
}

/** Waits until `user` received (after the first `after` messages) one containing `fragment`. */
export function waitForText(
  emu: Emulator,
  user: SimulatedUser,
  fragment: string,
  after = 0,
): Promise<Message> {
  return emu.waitFor(() => user.received.slice(after).find((m) => textOf(m).includes(fragment)), {
    message: `${user.user.first_name} to receive “${fragment}”`,
  });
}

/** The callback data of every inline button of a message, row by row. */
export function buttonData(message: Message): string[] {
  return (message.reply_markup?.inline_keyboard ?? []).flatMap((row) =>
    row.flatMap((b) =>
      'callback_data' in b && b.callback_data !== undefined ? [b.callback_data] : [],
    ),
  );
}

/** Waits for the newest message with inline buttons that `user` has. */
export function waitForButtons(emu: Emulator, user: SimulatedUser, after = 0): Promise<Message> {
  return emu.waitFor(() => user.received.slice(after).findLast((m) => buttonData(m).length > 0), {
    message: `${user.user.first_name} to get buttons`,
  });
}

/** `author` publishes an ad with /newad; returns its `/start` payload (`ad_…`). */
export async function publishAd(
  emu: Emulator,
  author: SimulatedUser,
  title: string,
  text = 'Подробности в личке',
): Promise<string> {
  const before = author.received.length;
  await author.command('newad', `${title}\n${text}`);
  const reply = await waitForText(emu, author, '?start=', before);
  const payload = /\?start=(ad_[A-Za-z0-9_-]+)/.exec(textOf(reply))?.[1];
  expect(payload).toBeDefined();
  return payload ?? '';
}

/**
 * `reader` opens the ad, writes `first`, and `author` accepts: an anonymous chat is open. Returns
 * the author's invite message (its buttons are gone by then).
 */
export async function openChat(
  emu: Emulator,
  input: { author: SimulatedUser; reader: SimulatedUser; payload: string; first: string },
): Promise<Message> {
  const { author, reader } = input;
  const readerBefore = reader.received.length;
  const authorBefore = author.received.length;
  await reader.command('start', input.payload);
  await waitForText(emu, reader, '✍️', readerBefore);
  await reader.send(input.first);
  const invite = await waitForButtons(emu, author, authorBefore);
  await author.press(invite);
  await waitForText(emu, reader, '✅', readerBefore);
  return invite;
}

/**
 * Everything `receiver` received, as JSON, must not contain the id, username or names of any
 * of `others`.
 */
export function expectNoIdentityOf(
  receiver: SimulatedUser,
  others: readonly SimulatedUser[],
): void {
  const seen = JSON.stringify(receiver.received);
  for (const other of others) {
    const { id, username, first_name, last_name } = other.user;
    for (const secret of [String(id), username, first_name, last_name]) {
      if (secret === undefined) continue;
      expect(seen, `${receiver.user.first_name} must not see ${secret}`).not.toContain(secret);
    }
  }
}

/** Sends a command and waits for a reply containing `expected`; returns the reply. */
export async function ask(
  emu: Emulator,
  who: SimulatedUser,
  command: string,
  payload: string,
  expected: string,
): Promise<Message> {
  const before = who.received.length;
  await who.command(command, payload);
  return waitForText(emu, who, expected, before);
}
