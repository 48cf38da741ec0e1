import { describe, expect, it } from 'vitest';
import { registerFeedCommands } from '../../src/index.js';
import { textOf, waitForText } from '../support/people.js';
import { ask, cardsAbout, suggestAndConfirm } from './support/flows.js';
import { startFeedHarness } from './support/harness.js';

describe('what admins see', () => {
  it('lists the queue and shows statistics with the Mermaid overview', async () => {
    const h = await startFeedHarness();
    const { emu, source, admins, feed } = h;
    const { alice, bob } = h.people;
    const [admin] = admins;

    await ask(emu, admin, 'queue', '', '📋 Очередь пуста.');
    const [card] = await suggestAndConfirm(h, alice, 'Субботник в парке');
    await suggestAndConfirm(h, alice, 'Выставка кошек в ДК');
    // A message the userbot saw in a source, for a subscriber.
    await ask(emu, bob, 'keywords', 'собрание', 'Ключевые слова');
    await feed.ingest({
      sourceRef: String(source.id),
      messageId: 77,
      text: 'СРОЧНО: собрание собственников в 18:00',
      date: Date.now(),
      via: 'userbot',
    });
    const [monitored] = await cardsAbout(h, 'собрание собственников');
    expect(textOf(monitored)).toMatch(/^🆕 📡 Мониторинг · Городской чат\n🧠 Оценка/);

    const queue = await ask(emu, admin, 'queue', '', 'Ждут решения: 3');
    expect(textOf(queue)).toContain('1. 👤 Предложение · 1 мин назад\nСубботник в парке');
    expect(textOf(queue)).toMatch(
      /3\. 📡 Мониторинг · Городской чат · 1 мин назад · 🧠 [01]\.\d\d\n/,
    );

    await admin.press(card);
    await admin.press(monitored);
    await waitForText(
      emu,
      bob,
      '📢 Опубликовано по вашей подписке:\n\nСРОЧНО: собрание собственников',
    );
    await h.feed.dispatcher?.drain();

    const before = admin.received.length;
    await admin.command('stats');
    const stats = await waitForText(emu, admin, '📊 Статистика', before);
    expect(textOf(stats)).toContain('Предложено постов: 2, одобрено 100% (1 из 1)');
    expect(textOf(stats)).toContain(
      'Время до решения: медиана меньше минуты, p90 меньше минуты (решений: 2)',
    );
    expect(textOf(stats)).toContain('Ждут решения: 1');
    const diagram = await waitForText(emu, admin, 'Mermaid', before);
    expect(textOf(diagram)).toContain('graph TB');
    expect(textOf(diagram)).toContain('одобрено 100%');
    expect(diagram.entities).toEqual([
      expect.objectContaining({
        type: 'pre',
        language: 'mermaid',
        offset: textOf(diagram).indexOf('graph TB'),
      }),
    ]);
    expect(h.errors).toEqual([]);
  });

  it('shows admins their commands in the menu and registers per-chat command lists', async () => {
    const h = await startFeedHarness({
      plugin: { statsDiagram: false },
      after: (bot) => bot.command('start', (ctx) => ctx.reply(`host: ${ctx.match}`)),
    });
    const { emu, admins, feed, bot } = h;
    const { carol } = h.people;

    const menu = await ask(emu, admins[0], 'start', '', '👋');
    expect(textOf(menu)).toContain('/suggest — Предложить пост');
    expect(textOf(menu)).toContain(
      'Для администраторов:\n/queue — Очередь модерации\n/stats — Статистика',
    );
    // A deep link is someone else's: it passes on to the host.
    await ask(emu, carol, 'start', 'ad_42', 'host: ad_42');
    const help = await ask(emu, carol, 'help', '', 'How it works');
    expect(textOf(help)).toContain('/addsource — Add a source');
    expect(textOf(help)).not.toContain('/queue');

    await registerFeedCommands(bot.api, { feed, standalone: true, adminIds: [admins[0].id] });
    const everyone = await bot.api.getMyCommands();
    expect(everyone.map((c) => c.command)).toEqual([
      'start',
      'help',
      'suggest',
      'subscribe',
      'keywords',
      'threshold',
      'sources',
      'addsource',
    ]);
    const english = await bot.api.getMyCommands({ language_code: 'en' });
    expect(english.find((c) => c.command === 'suggest')?.description).toBe('Suggest a post');
    const adminList = await bot.api.getMyCommands({
      scope: { type: 'chat', chat_id: admins[0].id },
    });
    expect(adminList.map((c) => c.command).slice(-2)).toEqual(['queue', 'stats']);

    // With the diagram turned off, /stats is one message.
    const before = admins[1].received.length;
    await admins[1].command('stats');
    await waitForText(emu, admins[1], '📊', before);
    await emu.idle();
    expect(admins[1].received.slice(before)).toHaveLength(1);
    expect(h.errors).toEqual([]);
  });
});
