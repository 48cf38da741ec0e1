import { autoRetry } from '@grammyjs/auto-retry';
import type { Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { type HarnessOptions, startHarness } from './support/harness.js';
import {
  buttonData,
  openChat,
  people,
  publishAd,
  textOf,
  waitForButtons,
  waitForText,
} from './support/people.js';

async function chatting(options: HarnessOptions = {}) {
  const h = await startHarness(options);
  const users = people(h.emu);
  const payload = await publishAd(h.emu, users.bob, 'Гитара');
  const invite = await openChat(h.emu, {
    author: users.bob,
    reader: users.alice,
    payload,
    first: 'Добрый день',
  });
  return { h, emu: h.emu, ...users, payload, invite };
}

/** The emulator's record of an update, as grammY types it. */
function asUpdate(update: unknown): Update {
  return JSON.parse(JSON.stringify(update)) as Update;
}

describe('delivery faults', () => {
  it('retries 429, 5xx and dropped connections: everything arrives once, in order', async () => {
    const { h, emu, alice, bob } = await chatting();
    const before = bob.received.length;
    emu.fail(bob, { kind: 'rateLimited', retryAfter: 1, methods: ['copyMessage'] });
    await alice.send('раз');
    emu.fail(bob, { kind: 'serverError', times: 2, methods: ['copyMessage'] });
    await alice.send('два');
    emu.fail(bob, { kind: 'drop', methods: ['copyMessage'] });
    await alice.send('три');
    await waitForText(emu, bob, 'три', before);
    await h.board.dispatcher?.drain();
    expect(bob.received.slice(before).map(textOf)).toEqual(['раз', 'два', 'три']);
    expect(emu.stats.faultsInjected).toBe(4);
  });

  it('403: the person who blocked the bot is unreachable and their chats end', async () => {
    const { emu, alice, bob } = await chatting();
    emu.blockBot(bob);
    await alice.send('Вы тут?');
    await waitForText(emu, alice, 'Собеседник недоступен');
    emu.unblockBot(bob);
    const before = bob.received.length;
    await bob.command('mychats');
    await waitForText(emu, bob, 'нет активных чатов', before);
    expect(bob.received.map(textOf)).not.toContain('Вы тут?');
  });

  it('a 429 on a direct reply is retried by auto-retry on bot.api', async () => {
    const { emu, alice } = await chatting({
      apiTransformers: [autoRetry({ maxRetryAttempts: 2, maxDelaySeconds: 2 })],
    });
    emu.fail(alice, { kind: 'rateLimited', retryAfter: 1, methods: ['sendMessage'] });
    const before = alice.received.length;
    await alice.command('help');
    await waitForText(emu, alice, 'Как это работает', before);
    expect(alice.received.slice(before)).toHaveLength(1);
  });
});

describe('replays and wrong hands', () => {
  it('processes a replayed update (same update_id) once', async () => {
    const { h, emu, alice, bob, invite } = await chatting();
    const before = bob.received.length;
    await alice.send('Только один раз');
    await waitForText(emu, bob, 'Только один раз', before);
    await emu.idle();
    const message = emu.updates.find((u) => u.message?.text === 'Только один раз');
    const press = emu.updates.find(
      (u) => u.callback_query?.message?.message_id === invite.message_id,
    );
    const newad = emu.updates.find((u) => u.message?.text?.startsWith('/newad') === true);
    const albumBefore = bob.received.length;
    const album = await alice.sendAlbum([{ type: 'photo', caption: 'альбом' }, { type: 'photo' }]);
    await emu.waitFor(() => bob.received.length === albumBefore + 2);
    const parts = emu.updates.filter((u) => u.message?.media_group_id === album[0]?.media_group_id);
    for (const update of [message, press, newad, ...parts])
      await h.bot.handleUpdate(asUpdate(update));
    await h.current.plugin.flushAlbums();
    await h.board.dispatcher?.drain();
    expect(bob.received.slice(before).map(textOf)).toEqual(['Только один раз', 'альбом', '']);
    expect(await h.board.listAds()).toHaveLength(1);
    expect(alice.received.map(textOf)).not.toContain('Уже обработано.');
    expect(h.current.errors).toEqual([]);
  });

  it('answers a press by the wrong person clearly and changes nothing', async () => {
    const h = await startHarness();
    const { emu } = h;
    const { alice, bob, dave } = people(emu);
    const payload = await publishAd(emu, bob, 'Лодка');
    await alice.command('start', payload);
    await waitForText(emu, alice, '✍️');
    await alice.send('Какой мотор?');
    const invite = await waitForButtons(emu, bob);

    await dave.press(invite); // Dave presses Bob's button
    await emu.waitFor(() => dave.callbackAnswers.at(-1)?.text === 'Эта кнопка не для вас.');
    await dave.press(await dave.send('мой'), 'ab:forged-token-123');
    await emu.waitFor(() => dave.callbackAnswers.at(-1)?.text === 'Это действие уже недоступно.');
    expect(
      buttonData(bob.received.find((m) => m.message_id === invite.message_id) ?? invite),
    ).toHaveLength(2);

    await bob.press(invite);
    await waitForText(emu, alice, '✅');
    expect(h.current.errors).toEqual([]);
  });
});
