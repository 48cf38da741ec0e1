import type { SimulatedUser } from '@anonboard/bot-api-emulator';
import type { Bot } from 'grammy';
import { describe, expect, it } from 'vitest';
import { feedCommandList } from '../../src/index.js';
import { buttonData, textOf, waitForButtons, waitForText } from '../support/people.js';
import { suggestAndConfirm } from './support/flows.js';
import { type FeedHarness, startFeedHarness } from './support/harness.js';

/** A host bot's own /start, /help, texts and forwards, after the plugin. */
function host(bot: Bot): void {
  bot.command('start', (ctx) => ctx.reply(`host start${ctx.match && `: ${ctx.match}`}`));
  bot.command('help', (ctx) => ctx.reply('host help'));
  bot.on('message:forward_origin', (ctx) => ctx.reply('host got a forward'));
  bot.on('message:text', (ctx) => ctx.reply(`host echo: ${ctx.message.text}`));
}

/** Whether the feed has a row for this person (looks only). */
async function stored(h: FeedHarness, who: SimulatedUser): Promise<boolean> {
  const id = String(who.id);
  return (await h.storage.transaction((tx) => tx.users.getByPlatformId(id))) !== undefined;
}

describe('the feed plugin in a host bot (default options)', () => {
  it('leaves the host its /start, /help, texts and foreign forwards, and stores nobody', async () => {
    const h = await startFeedHarness({ plugin: { standalone: false }, after: host });
    const { emu, unwatched } = h;
    const { carol } = h.people;
    await carol.command('start');
    await waitForText(emu, carol, 'host start');
    await carol.command('help');
    await waitForText(emu, carol, 'host help');
    await carol.send('hello');
    await waitForText(emu, carol, 'host echo: hello');
    await carol.forwardFrom({ chat: unwatched, text: 'не наш канал' });
    await carol.forwardFrom({ chat: h.people.dave, text: 'от человека' });
    await emu.waitFor(
      () => carol.received.filter((m) => textOf(m) === 'host got a forward').length === 2,
    );
    await emu.idle();
    expect(await stored(h, carol)).toBe(false);
    expect(h.errors).toEqual([]);
  });

  it('takes its commands, forwards from watched channels, the answer to /suggest and a reason', async () => {
    const h = await startFeedHarness({ plugin: { standalone: false }, after: host });
    const { emu, source, admins } = h;
    const { alice, dave } = h.people;
    const [admin] = admins;

    // A forward from a watched channel is the feed's.
    await dave.forwardFrom({ chat: source, text: 'Собрание жильцов в пятницу' });
    await waitForText(emu, dave, 'не подходит ни под одну подписку');
    // The answer to /suggest is the post, not the host's text; the text after it is the host's.
    await alice.command('suggest');
    await waitForText(emu, alice, 'Напишите текст поста');
    const before = alice.received.length;
    await alice.send('Потерялся кот, рыжий');
    const preview = await waitForButtons(emu, alice, before);
    expect(textOf(preview)).toContain('Потерялся кот, рыжий');
    await alice.send('ещё текст');
    await waitForText(emu, alice, 'host echo: ещё текст', before);

    // An admin holding a rejection: their next text is its reason; a later one is the host's.
    const [card] = await suggestAndConfirm(h, alice, 'Продам гараж');
    await admin.press(card, buttonData(card)[1]);
    await waitForText(emu, admin, 'Напишите причину отказа');
    await admin.send('Не по теме');
    await waitForText(emu, admin, '❌ Отклонено. Причина: Не по теме');
    await admin.send('просто текст');
    await waitForText(emu, admin, 'host echo: просто текст');
    expect(alice.received.map(textOf)).not.toContain('host echo: Потерялся кот, рыжий');
    expect(h.errors).toEqual([]);

    // The list to merge leaves /start and /help to the host.
    expect(feedCommandList({ feed: h.feed }, 'en').map((c) => c.command)).toEqual([
      'suggest',
      'subscribe',
      'keywords',
      'threshold',
      'sources',
      'addsource',
    ]);
  });
});
