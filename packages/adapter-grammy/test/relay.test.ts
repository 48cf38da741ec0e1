import type { Emulator, Message, SimulatedUser } from '@anonboard/bot-api-emulator';
import { describe, expect, it } from 'vitest';
import { type HarnessOptions, startHarness } from './support/harness.js';
import {
  expectNoIdentityOf,
  openChat,
  people,
  publishAd,
  textOf,
  waitForText,
} from './support/people.js';

/** Alice and Bob in an open anonymous chat (Bob wrote the ad). */
async function chatting(options: HarnessOptions = {}) {
  const h = await startHarness(options);
  const { alice, bob } = people(h.emu);
  const payload = await publishAd(h.emu, bob, 'Велосипед');
  await openChat(h.emu, { author: bob, reader: alice, payload, first: 'Привет!' });
  return { h, emu: h.emu, alice, bob };
}

/** Waits until `user` has `count` more messages than `before`; returns the new ones. */
async function newMessages(
  emu: Emulator,
  user: SimulatedUser,
  before: number,
  count = 1,
): Promise<Message[]> {
  await emu.waitFor(() => user.received.length >= before + count, {
    message: `${count} new message(s) for ${user.user.first_name}`,
  });
  return user.received.slice(before);
}

const mediaKinds = [
  'photo',
  'video',
  'animation',
  'voice',
  'video_note',
  'audio',
  'document',
  'sticker',
] as const;

describe('relaying messages by copy', () => {
  it('copies every kind Telegram lets a bot copy, formatting included, never forwarding', async () => {
    const { emu, alice, bob } = await chatting();
    const bold = { type: 'bold' as const, offset: 0, length: 6 };

    let before = bob.received.length;
    await alice.send('Важно: завтра в 10', { entities: [bold] });
    const [text] = await newMessages(emu, bob, before);
    expect(text?.text).toBe('Важно: завтра в 10');
    expect(text?.entities).toContainEqual(bold);

    const send = {
      photo: () => alice.sendPhoto({ caption: 'Фото рамы' }),
      video: () => alice.sendVideo({ caption: 'Видео' }),
      animation: () => alice.sendAnimation(),
      voice: () => alice.sendVoice({ duration: 3 }),
      video_note: () => alice.sendVideoNote(),
      audio: () => alice.sendAudio({ fileName: 'track.mp3' }),
      document: () => alice.sendDocument({ fileName: 'contract.pdf', caption: 'Договор' }),
      sticker: () => alice.sendSticker({ emoji: '👍' }),
    };
    for (const kind of mediaKinds) {
      before = bob.received.length;
      const original = await send[kind]();
      const [copy] = await newMessages(emu, bob, before);
      expect(copy?.[kind], kind).toBeDefined();
      expect(copy?.caption).toBe(original.caption);
      expect(copy?.forward_origin).toBeUndefined();
    }
    // And back: Bob's photo reaches Alice the same way.
    before = alice.received.length;
    await bob.sendPhoto({ caption: 'Ваша рама?' });
    const [back] = await newMessages(emu, alice, before);
    expect(back?.photo).toBeDefined();

    expect(emu.calls.filter((c) => /^forwardMessages?$/.test(c.method))).toEqual([]);
    expectNoIdentityOf(bob, [alice]);
    expectNoIdentityOf(alice, [bob]);
  });

  it('relays an album once, as one album, after all its parts arrived', async () => {
    const { h, emu, alice, bob } = await chatting();
    const before = bob.received.length;
    const copiesBefore = emu.calls.filter((c) => c.method === 'copyMessages').length;
    await alice.sendAlbum([
      { type: 'photo', caption: 'Спереди' },
      { type: 'video' },
      { type: 'photo', caption: 'Сзади' },
    ]);
    const album = await newMessages(emu, bob, before, 3);
    expect(album.map((m) => m.caption)).toEqual(['Спереди', undefined, 'Сзади']);
    const groups = new Set(album.map((m) => m.media_group_id));
    expect(groups.size).toBe(1);
    expect([...groups][0]).toBeDefined();
    expect(emu.calls.filter((c) => c.method === 'copyMessages').length).toBe(copiesBefore + 1);
    // Nothing else follows: no part is copied twice.
    await h.current.plugin.flushAlbums();
    await h.board.dispatcher?.drain();
    expect(bob.received.length).toBe(before + 3);
  });

  it('mirrors edits of relayed texts and captions', async () => {
    const { emu, alice, bob } = await chatting();
    let before = bob.received.length;
    const sent = await alice.send('Встретимся в 10');
    const [copy] = await newMessages(emu, bob, before);
    await alice.edit(sent, 'Встретимся в 11');
    await emu.waitFor(
      () => bob.received.find((m) => m.message_id === copy?.message_id)?.text === 'Встретимся в 11',
    );

    before = bob.received.length;
    const photo = await alice.sendPhoto({ caption: 'Старая подпись' });
    const [photoCopy] = await newMessages(emu, bob, before);
    await alice.edit(photo, 'Новая подпись');
    await emu.waitFor(
      () =>
        bob.received.find((m) => m.message_id === photoCopy?.message_id)?.caption ===
        'Новая подпись',
    );
  });

  it('keeps a reply a reply on the other side', async () => {
    const { emu, alice, bob } = await chatting();
    const question = await alice.send('Рама алюминиевая?');
    const copy = await waitForText(emu, bob, 'Рама алюминиевая?');
    await bob.reply(copy, 'Да');
    const answer = await waitForText(emu, alice, 'Да');
    expect(answer.reply_to_message?.message_id).toBe(question.message_id);
  });

  it('refuses contacts and locations with a clear text, relaying nothing', async () => {
    const { emu, alice, bob } = await chatting();
    const before = bob.received.length;
    await alice.sendContact();
    await waitForText(emu, alice, 'Контакты не пересылаются');
    await alice.sendLocation();
    await waitForText(emu, alice, 'Геопозиция не пересылается');
    await alice.send('Только текст');
    await waitForText(emu, bob, 'Только текст');
    expect(bob.received.slice(before).map(textOf)).toEqual(['Только текст']);
    expectNoIdentityOf(bob, [alice]);
  });

  it('relays contacts and locations when the options allow them', async () => {
    const { emu, alice, bob } = await chatting({
      plugin: { allowContacts: true, allowLocations: true },
    });
    const before = bob.received.length;
    await alice.sendLocation({ latitude: 59.93, longitude: 30.33 });
    await alice.sendContact({ phone_number: '+70000000000', first_name: 'Office' });
    const [location, contact] = await newMessages(emu, bob, before, 2);
    expect(location?.location?.latitude).toBe(59.93);
    expect(contact?.contact?.phone_number).toBe('+70000000000');
  });
});
