import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '@anonboard/bot-api-emulator';
import { createBoard, silentLogger } from '@anonboard/core';
import { openSqliteStorage } from '@anonboard/storage-sqlite';
import { autoRetry } from '@grammyjs/auto-retry';
import {
  type Conversation,
  type ConversationFlavor,
  conversations,
  createConversation,
} from '@grammyjs/conversations';
import { Menu } from '@grammyjs/menu';
import { run, sequentialize } from '@grammyjs/runner';
import { apiThrottler } from '@grammyjs/transformer-throttler';
import { Api, Bot, type BotError, type Context, type SessionFlavor, session } from 'grammy';
import { afterAll, describe, expect, it } from 'vitest';
import { anonboard, createTransport, startDispatcher } from '../src/index.js';
import { expectNoIdentityOf, openChat, people, textOf, waitForText } from './support/people.js';

// A host bot as grammY developers build them — runner with sequentialize, session,
// conversations, a menu, auto-retry and the throttler — with the board mounted by default
// options. Each host feature must still work, and so must the board.
type HostContext = ConversationFlavor<Context & SessionFlavor<{ count: number }>>;

async function askName(conversation: Conversation<HostContext, Context>, ctx: Context) {
  await ctx.reply('What is your name?');
  const { message } = await conversation.waitFor('message:text');
  await ctx.reply(`Nice to meet you, ${message.text}`);
}

const dir = mkdtempSync(join(tmpdir(), 'anonboard-host-bot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a host bot with runner, session, conversations, menu, auto-retry and throttler', () => {
  it('keeps every host feature working beside the board mounted by default options', async () => {
    const emu = await startEmulator();
    const storage = openSqliteStorage({ path: join(dir, 'board.sqlite') });
    // The outbox gets its own Api without auto-retry: retries are the dispatcher's job.
    const transport = createTransport(new Api(emu.token, { apiRoot: emu.apiRoot }));
    const board = createBoard({
      storage,
      transport,
      dispatcher: { pollIntervalMs: 20 },
      logger: silentLogger,
    });

    const bot = new Bot<HostContext>(emu.token, { client: { apiRoot: emu.apiRoot } });
    bot.api.config.use(apiThrottler({ out: { maxConcurrent: 1, minTime: 20 } }));
    bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 5 }));
    const errors: BotError<HostContext>[] = [];
    bot.catch((error) => {
      errors.push(error);
    });
    bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
    bot.use(session({ initial: () => ({ count: 0 }) }));
    bot.use(conversations());
    bot.use(createConversation(askName, 'askName'));
    const menu = new Menu<HostContext>('host-menu').text('Tap', (ctx) => ctx.reply('menu tapped'));
    bot.use(menu);
    bot.use(anonboard({ board })); // default options: only what is its own
    bot.command('start', (ctx) => ctx.reply('Welcome to the host bot', { reply_markup: menu }));
    bot.command('count', async (ctx) => {
      ctx.session.count += 1;
      await ctx.reply(`count=${ctx.session.count}`);
    });
    bot.command('name', (ctx) => ctx.conversation.enter('askName'));
    bot.on('message:text', (ctx) => ctx.reply(`host echo: ${ctx.message.text}`));

    const dispatcher = startDispatcher(board);
    const runner = run(bot, { runner: { fetch: { timeout: 1 } } });
    try {
      const { alice, bob } = people(emu);

      // The host's /start with its menu, and a press of the menu's button.
      await alice.command('start');
      const welcome = await waitForText(emu, alice, 'Welcome to the host bot');
      await alice.press(welcome);
      await waitForText(emu, alice, 'menu tapped');

      // A conversation: its question, then the answer goes to the conversation, not elsewhere.
      await alice.command('name');
      await waitForText(emu, alice, 'What is your name?');
      await alice.send('Alisa');
      await waitForText(emu, alice, 'Nice to meet you, Alisa');

      // Session counts, and auto-retry on a 429 from the server for the host's own reply.
      await alice.command('count');
      await waitForText(emu, alice, 'count=1');
      emu.fail(alice, { kind: 'rateLimited', retryAfter: 1, methods: ['sendMessage'] });
      await alice.command('count');
      await waitForText(emu, alice, 'count=2');
      const replies = emu.calls.filter(
        (call) => call.method === 'sendMessage' && call.params.text === 'count=2',
      );
      expect(replies.map((call) => call.status)).toEqual([429, 200]);

      // Plain text of someone outside any board flow is the host's.
      await alice.send('hello');
      await waitForText(emu, alice, 'host echo: hello');

      // The board: Bob publishes, Alice opens the deep link and writes, Bob accepts, they talk.
      const before = bob.received.length;
      await bob.command('newad', 'Лыжи\n180 см');
      const published = await waitForText(emu, bob, '?start=ad_', before);
      const payload = /start=(ad_[\w-]+)/.exec(textOf(published))?.[1] ?? '';
      await openChat(emu, { author: bob, reader: alice, payload, first: 'Ещё продаёте?' });
      await alice.send('Завтра в шесть?');
      await waitForText(emu, bob, 'Завтра в шесть?');
      expectNoIdentityOf(bob, [alice]);

      // The host still has its session and its /start beside the open chat.
      await bob.command('count');
      await waitForText(emu, bob, 'count=1');
      const bobBefore = bob.received.length;
      await bob.command('start');
      await waitForText(emu, bob, 'Welcome to the host bot', bobBefore);
      expect(errors).toEqual([]);
    } finally {
      await runner.stop();
      await dispatcher.stop();
      await storage.close();
      await emu.close();
    }
  });
});
