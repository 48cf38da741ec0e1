import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Emulator,
  type Message,
  type SimulatedUser,
  startEmulator,
} from '@anonboard/bot-api-emulator';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { killMains, type MainProcess, runMain } from './run-main.js';

// Issue #14, a black-box run: the example bot started as `npm start` starts it (src/main.ts on a
// SQLite file), talking to the Bot API emulator; people act only through Telegram messages.

const dir = mkdtempSync(join(tmpdir(), 'anon-board-attacks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
});
afterEach(async () => {
  await killMains();
  await emu.close();
});

async function start(): Promise<MainProcess> {
  const main = runMain({
    BOT_TOKEN: emu.token,
    TELEGRAM_API_ROOT: emu.apiRoot,
    DATABASE_PATH: join(dir, `board-${++files}.sqlite`),
    LOCALE: 'en',
  });
  await emu.waitFor(() => main.stdout().includes('is running'), { timeout: 20_000 });
  return main;
}

const textOf = (m: Message) => m.text ?? m.caption ?? '';

/** Waits for a message to `user` after `before` containing `fragment`. */
function waitFor(user: SimulatedUser, fragment: string, before = 0): Promise<Message> {
  return emu.waitFor(() => user.received.slice(before).find((m) => textOf(m).includes(fragment)), {
    message: `${user.user.first_name} to receive “${fragment}”`,
    timeout: 10_000,
  });
}

/** `author` publishes an ad; returns its deep-link payload. */
async function publish(author: SimulatedUser, title: string): Promise<string> {
  const before = author.received.length;
  await author.command('newad', `${title}\nA fine one`);
  const published = await waitFor(author, '?start=', before);
  return /start=(ad_[\w-]+)/.exec(textOf(published))?.[1] ?? '';
}

/** `reader` writes `first` to the ad of `payload`; `author` accepts. */
async function openChat(
  author: SimulatedUser,
  reader: SimulatedUser,
  payload: string,
  first: string,
): Promise<void> {
  const readerBefore = reader.received.length;
  const authorBefore = author.received.length;
  await reader.command('start', payload);
  await waitFor(reader, '✍️', readerBefore);
  await reader.send(first);
  const invite = await emu.waitFor(() =>
    author.received
      .slice(authorBefore)
      .findLast((m) => (m.reply_markup?.inline_keyboard.length ?? 0) > 0),
  );
  await author.press(invite);
  await waitFor(reader, '✅', readerBefore);
}

describe('the example bot under attack (black box)', () => {
  it('item 1: a blocked person who runs /forgetme and comes back still cannot reach the blocker', async () => {
    await start();
    const alice = emu.user({ first_name: 'Alice', language_code: 'en' });
    const bob = emu.user({ first_name: 'Bob', language_code: 'en' });
    await openChat(bob, alice, await publish(bob, 'Bicycle'), 'Hello!');
    let before = bob.received.length;
    await bob.command('block');
    await waitFor(bob, '🚫', before);

    // Alice asks the bot to forget her, confirms, and is forgotten.
    before = alice.received.length;
    await alice.command('forgetme');
    const question = await waitFor(alice, 'Delete your data?', before);
    await alice.press(question); // [Yes, delete]
    await waitFor(alice, 'Done', before);

    // She comes back as a new person and writes to Bob's next ad: answered as anyone, dropped.
    const wardrobe = await publish(bob, 'Wardrobe');
    const bobBefore = bob.received.length;
    before = alice.received.length;
    await alice.command('start', wardrobe);
    await waitFor(alice, '✍️', before);
    await alice.send('Remember me? It is Alice');
    await waitFor(alice, '✉️', before);

    // A stranger's message after hers arrives; hers never does.
    const carol = emu.user({ first_name: 'Carol', language_code: 'en' });
    await carol.command('start', wardrobe);
    await waitFor(carol, '✍️');
    await carol.send('How tall is it?');
    await waitFor(bob, 'How tall is it?', bobBefore);
    expect(JSON.stringify(bob.received.slice(bobBefore))).not.toContain('Remember me');
  });

  it('item 3: a reply to a message of an ended chat reaches nobody, not the only other chat', async () => {
    await start();
    const alice = emu.user({ first_name: 'Alice', language_code: 'en' });
    const bob = emu.user({ first_name: 'Bob', language_code: 'en' });
    const carol = emu.user({ first_name: 'Carol', language_code: 'en' });
    await openChat(bob, alice, await publish(bob, 'Bicycle'), 'Hello!');
    await openChat(carol, alice, await publish(carol, 'Canoe'), 'Hi!');

    let before = alice.received.length;
    await bob.send('Still interested?');
    const bobsCopy = await waitFor(alice, 'Still interested?', before);
    before = bob.received.length;
    await bob.command('endchat');
    await waitFor(bob, 'Bicycle', before);

    const carolBefore = carol.received.length;
    before = alice.received.length;
    await alice.reply(bobsCopy, 'Yes! My address is 5 Elm Street');
    await waitFor(alice, 'was not sent to anyone', before);
    await alice.send('Is the canoe still for sale?');
    await waitFor(carol, 'Is the canoe still for sale?', carolBefore);
    expect(carol.received.slice(carolBefore).map(textOf)).toEqual(['Is the canoe still for sale?']);
    expect(JSON.stringify(bob.received)).not.toContain('5 Elm Street');
  });

  it('item 2: a blocked reader writing to another ad of the blocker reads what a stranger reads; nothing arrives', async () => {
    await start();
    const alice = emu.user({ first_name: 'Alice', language_code: 'en' });
    const bob = emu.user({ first_name: 'Bob', language_code: 'en' });
    const dave = emu.user({ first_name: 'Dave', language_code: 'en' });
    await openChat(bob, alice, await publish(bob, 'Bicycle'), 'Hello!');
    let before = bob.received.length;
    await bob.command('block');
    await waitFor(bob, '🚫', before);
    const wardrobe = await publish(bob, 'Wardrobe');

    const writeTwice = async (who: SimulatedUser, text: string) => {
      const from = who.received.length;
      await who.command('start', wardrobe);
      await waitFor(who, '✍️', from);
      await who.send(text);
      await waitFor(who, '✉️', from);
      await who.command('start', wardrobe);
      await waitFor(who, 'already written', from);
      return who.received.slice(from).map(textOf);
    };
    before = bob.received.length;
    const stranger = await writeTwice(dave, 'Is the wardrobe oak?');
    await waitFor(bob, 'Is the wardrobe oak?', before);
    const bobAfterDave = bob.received.length;
    expect(await writeTwice(alice, 'Is the wardrobe oak?')).toEqual(stranger);

    const carol = emu.user({ first_name: 'Carol', language_code: 'en' });
    await carol.command('start', wardrobe);
    await waitFor(carol, '✍️');
    await carol.send('How tall is it?');
    await waitFor(bob, 'How tall is it?', bobAfterDave);
    expect(bob.received.slice(bobAfterDave).map(textOf).join('\n')).not.toContain('oak');
  });

  it('item 4: a first message or a relay that mentions the sender’s profile is refused with the reason; nothing arrives', async () => {
    await start();
    const alice = emu.user({ first_name: 'Alice', language_code: 'en' });
    const bob = emu.user({ first_name: 'Bob', language_code: 'en' });
    const mention = (text: string) => ({
      entities: [
        {
          type: 'text_mention' as const,
          offset: text.indexOf('Alice'),
          length: 5,
          user: alice.user,
        },
      ],
    });
    const payload = await publish(bob, 'Bicycle');
    const bobBefore = bob.received.length;
    let before = alice.received.length;
    await alice.command('start', payload);
    await waitFor(alice, '✍️', before);
    before = alice.received.length;
    await alice.send('Hi, this is Alice', mention('Hi, this is Alice'));
    await waitFor(alice, 'Telegram profile', before);
    before = alice.received.length;
    await alice.send(`Hi, tg://user?id=${alice.id}`);
    await waitFor(alice, 'Telegram profile', before);
    expect(JSON.stringify(bob.received.slice(bobBefore))).not.toContain(String(alice.id));

    // The chat opens with a plain message; in it, a mention of her is refused too.
    await alice.send('Hello!');
    const invite = await emu.waitFor(() =>
      bob.received
        .slice(bobBefore)
        .findLast((m) => (m.reply_markup?.inline_keyboard.length ?? 0) > 0),
    );
    before = alice.received.length;
    await bob.press(invite);
    await waitFor(alice, '✅', before);
    const bobInChat = bob.received.length;
    before = alice.received.length;
    await alice.send('Write to Alice directly', mention('Write to Alice directly'));
    await waitFor(alice, 'Telegram profile', before);
    await alice.send('When can I see it?');
    await waitFor(bob, 'When can I see it?', bobInChat);
    expect(bob.received.slice(bobInChat).map(textOf)).toEqual(['When can I see it?']);
    expect(JSON.stringify(bob.received)).not.toContain(String(alice.id));
  });
});
