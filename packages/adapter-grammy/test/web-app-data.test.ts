import { describe, expect, it } from 'vitest';
import { startHarness } from './support/harness.js';
import {
  buttonData,
  people,
  publishAd,
  textOf,
  waitForButtons,
  waitForText,
} from './support/people.js';

async function board() {
  const h = await startHarness();
  const users = people(h.emu);
  const payload = await publishAd(h.emu, users.bob, 'Комната в центре');
  return { h, emu: h.emu, ...users, adId: payload.slice('ad_'.length) };
}

describe('web_app_data from the Mini App', () => {
  it('sends the first message as text, to the ad’s author only, ignoring a forged author id', async () => {
    const { emu, alice, bob, carol, adId } = await board();
    await alice.webAppData(
      JSON.stringify({ ad_id: adId, message: 'Можно посмотреть завтра?', author_tg_id: carol.id }),
    );
    const invite = await waitForButtons(emu, bob);
    expect(textOf(invite)).toContain('Можно посмотреть завтра?');
    expect(textOf(invite)).toContain('Комната в центре');
    expect(buttonData(invite)).toHaveLength(2);
    await waitForText(emu, alice, '✉️');
    expect(carol.received).toEqual([]);

    // Accepting it opens the chat like any invite.
    await bob.press(invite);
    await waitForText(emu, alice, '✅');
  });

  it('answers malformed or oversized data clearly and changes nothing', async () => {
    const { h, emu, alice, bob, adId } = await board();
    const answers = [
      ['not json at all', 'Не удалось прочитать данные'],
      [JSON.stringify({ ad_id: 42, message: 'x' }), 'Не удалось прочитать данные'],
      [JSON.stringify({ ad_id: adId }), 'Не удалось прочитать данные'],
      [JSON.stringify({ ad_id: '../etc/passwd', message: 'x' }), 'Не удалось прочитать данные'],
      [JSON.stringify({ ad_id: adId, message: 'я'.repeat(2100) }), 'не больше 4096 байт'],
      [JSON.stringify({ ad_id: adId, message: 'a'.repeat(3600) }), 'не больше 3500 символов'],
      [JSON.stringify({ ad_id: 'nosuchad', message: 'Привет' }), 'Не найдено'],
    ] as const;
    for (const [data, answer] of answers) {
      const before = alice.received.length;
      await alice.webAppData(data);
      await waitForText(emu, alice, answer, before);
    }
    await h.board.dispatcher?.drain();
    expect(bob.received.filter((m) => buttonData(m).length > 0)).toEqual([]);

    // Nothing was used up: a good payload still goes through.
    await alice.webAppData(JSON.stringify({ ad_id: adId, message: 'Теперь правильно' }));
    const invite = await waitForButtons(emu, bob);
    expect(textOf(invite)).toContain('Теперь правильно');
    expect(h.current.errors).toEqual([]);
  });
});
