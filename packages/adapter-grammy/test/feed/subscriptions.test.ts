import type { Source } from '@anonboard/core';
import { describe, expect, it } from 'vitest';
import { textOf, waitForText } from '../support/people.js';
import { ask } from './support/flows.js';
import { startFeedHarness } from './support/harness.js';

describe('subscriptions and sources', () => {
  it('creates and changes a subscription with /subscribe, /keywords and /threshold', async () => {
    const h = await startFeedHarness();
    const { emu, feed } = h;
    const { bob, carol } = h.people;

    const none = await ask(emu, bob, 'keywords', '', 'Ключевых слов нет');
    expect(textOf(none)).toContain('/keywords собрание, отключение воды');
    const created = await ask(emu, bob, 'subscribe', '', 'Подписка сохранена');
    expect(textOf(created)).toContain('Ключевые слова: нет (подходит любое сообщение)');
    expect(textOf(created)).toContain('Порог важности: 0.5 (по умолчанию)');
    expect(textOf(created)).toContain('Источники: все отслеживаемые');

    await ask(
      emu,
      bob,
      'keywords',
      'собрание,  Отключение воды; собрание',
      'Ключевые слова сохранены. Понял так:\n• ищу: «собрание», «Отключение воды»',
    );
    await ask(
      emu,
      bob,
      'keywords',
      '',
      'Ваши ключевые слова:\n• ищу: «собрание», «Отключение воды»',
    );
    await ask(emu, bob, 'threshold', '', 'Порог важности сейчас 0.5');
    await ask(emu, bob, 'threshold', '1.5', 'Порог — число от 0 до 1');
    await ask(emu, bob, 'threshold', 'высокий', 'Порог — число от 0 до 1');
    await ask(emu, bob, 'threshold', '0,7', 'Порог важности: 0.7');
    const shown = await ask(emu, bob, 'subscribe', '', 'Подписка сохранена');
    expect(textOf(shown)).toContain('Ключевые слова: «собрание», «Отключение воды»');
    expect(textOf(shown)).toContain('Порог важности: 0.7\n');
    const bobUser = await feed.identify({ platformId: String(bob.id) });
    expect(await feed.subscription(bobUser.id)).toMatchObject({
      keywords: ['собрание', 'Отключение воды'],
      threshold: 0.7,
      sources: [],
    });

    // /subscribe with words sets them; /keywords - removes them all.
    await ask(emu, carol, 'subscribe', 'meeting, outage', 'Keywords: “meeting”, “outage”');
    await ask(emu, bob, 'keywords', '-', 'Ключевые слова убраны');
    expect((await feed.subscription(bobUser.id))?.keywords).toEqual([]);
    expect(h.errors).toEqual([]);
  });

  it('reads exclusions and quoted phrases, echoes them, and refuses what it cannot read', async () => {
    const h = await startFeedHarness();
    const { emu, feed } = h;
    const { bob } = h.people;
    const bobUser = await feed.identify({ platformId: String(bob.id) });

    // `/keywords -реклама` excludes advertising; it is not a keyword to look for.
    const onlyExcluded = await ask(emu, bob, 'keywords', '-реклама', 'Понял так');
    expect(textOf(onlyExcluded)).toContain(
      '• ищу: любое сообщение источников\n• кроме сообщений, где есть: «реклама»',
    );
    const both = await ask(
      emu,
      bob,
      'keywords',
      'собрание, "отключение воды" -"продам гараж"',
      'Понял так',
    );
    expect(textOf(both)).toContain(
      '• ищу: «собрание», «отключение воды»\n• кроме сообщений, где есть: «продам гараж»',
    );
    expect((await feed.subscription(bobUser.id))?.keywords).toEqual([
      'собрание',
      'отключение воды',
      '-продам гараж',
    ]);
    const shown = await ask(emu, bob, 'subscribe', '', 'Подписка сохранена');
    expect(textOf(shown)).toContain(
      'Ключевые слова: «собрание», «отключение воды»; кроме: «продам гараж»',
    );

    // What cannot be read is refused, saying why, and changes nothing.
    for (const [input, why] of [
      ['собрание, "отключение воды', 'не закрыта кавычка в «"отключение воды»'],
      ['собрание, -', 'после минуса нет слова («-»)'],
      ['собрание, -собрание', '«собрание» одновременно нужно и исключено'],
      ['!!!', 'в «!!!» нет ни одного слова'],
    ] as const) {
      const refused = await ask(emu, bob, 'keywords', input, 'Не понял ключевые слова');
      expect(textOf(refused)).toContain(`${why}. Ничего не изменено.`);
      expect(textOf(refused)).toContain('-"продам гараж"');
    }
    await ask(emu, bob, 'subscribe', '"открыто', 'не закрыта кавычка');
    expect((await feed.subscription(bobUser.id))?.keywords).toEqual([
      'собрание',
      'отключение воды',
      '-продам гараж',
    ]);
    expect(h.errors).toEqual([]);
  });

  it('lists sources and lets anyone add one by id, @username or link (without a userbot)', async () => {
    const h = await startFeedHarness();
    const { emu, feed } = h;
    const { dave } = h.people;
    const sport = emu.channel({ title: 'Спорт города', username: 'city_sport' });

    const listed = await ask(emu, dave, 'sources', '', 'Отслеживаемые источники');
    expect(textOf(listed)).toContain('• Городской чат — https://t.me/city_chat');

    await ask(emu, dave, 'addsource', '', '/addsource @канал');
    await ask(emu, dave, 'addsource', 'что-то странное', '/addsource @канал');
    // An id the Bot API does not know needs a title; with one it is added.
    await ask(
      emu,
      dave,
      'addsource',
      '-1009876543210',
      'Укажите его после id: /addsource -1009876543210',
    );
    await ask(
      emu,
      dave,
      'addsource',
      '-1009876543210 Районная газета',
      '✅ Источник «Районная газета» добавлен.',
    );
    // A public channel the Bot API can see: added under its id, with its title.
    await ask(
      emu,
      dave,
      'addsource',
      'https://t.me/city_sport',
      '✅ Источник «Спорт города» добавлен.',
    );
    // A username nobody can resolve here is stored as given, and the reply says what that means.
    await ask(emu, dave, 'addsource', '@nowhere_channel', 'добавлен как есть');
    await ask(emu, dave, 'addsource', 't.me/c/555777/12 Закрытый чат', '«Закрытый чат» добавлен');

    const sources = await feed.listSources();
    const byTitle = (title: string) => sources.find((s) => s.title === title);
    expect(byTitle('Районная газета')?.ref).toBe('-1009876543210');
    expect(byTitle('Спорт города')).toMatchObject({
      ref: String(sport.id),
      link: 'https://t.me/city_sport',
    });
    expect(byTitle('@nowhere_channel')?.ref).toBe('@nowhere_channel');
    expect(byTitle('Закрытый чат')?.ref).toBe('-100555777');
    const daveUser = await feed.identify({ platformId: String(dave.id) });
    expect(byTitle('Спорт города')?.addedBy).toBe(daveUser.id);

    // The channel added by username is watched at once: a forward from it is ingested.
    await ask(emu, dave, 'subscribe', 'матч', 'Подписка сохранена');
    await ask(emu, dave, 'threshold', '0', 'Порог важности: 0');
    sport.setBotRights(null); // it learns of the post from a forward
    const post = await sport.post('Матч перенесли на воскресенье');
    const before = dave.received.length;
    await dave.forwardFrom({ chat: sport, messageId: post.message_id });
    await waitForText(emu, dave, 'отправлено на модерацию', before);
    const all = await ask(emu, dave, 'sources', '', 'Отслеживаемые источники');
    expect(
      textOf(all)
        .split('\n')
        .filter((l) => l.startsWith('•')),
    ).toHaveLength(5);
    expect(h.errors).toEqual([]);
  });

  it('resolves sources through a resolver (the userbot) and explains its refusals', async () => {
    const added: Source[] = [];
    const h = await startFeedHarness({
      plugin: {
        sources: {
          async resolve(input) {
            if (input === '@secret_club')
              throw Object.assign(new Error('private'), { reason: 'private' });
            if (input === '@flooded') throw Object.assign(new Error('flood'), { reason: 'flood' });
            return {
              ref: '-1004242',
              title: 'Через userbot',
              link: `https://t.me/${input.slice(1)}`,
            };
          },
          added(source) {
            added.push(source);
          },
        },
      },
    });
    const { emu } = h;
    const { carol, alice } = h.people;
    await ask(emu, alice, 'addsource', '@via_userbot', '✅ Источник «Через userbot» добавлен.');
    expect(added.map((s) => s.ref)).toEqual(['-1004242']);
    await ask(emu, alice, 'addsource', '@secret_club', 'Канал @secret_club закрыт');
    await ask(emu, carol, 'addsource', '@flooded', 'Could not add @flooded right now');
    expect(added).toHaveLength(1);
    expect(h.errors).toEqual([]);
  });
});
