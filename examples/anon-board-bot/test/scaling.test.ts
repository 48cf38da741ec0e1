// Two instances of the bot in webhook mode — two real grammY Bots, two HTTP servers, one token —
// sharing one PostgreSQL database through two pools, behind a round-robin proxy that stands in
// for a load balancer: the emulator's webhook goes to the proxy, which spreads the updates.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Emulator, Message, SimulatedUser } from '@anonboard/bot-api-emulator';
import { startEmulator } from '@anonboard/bot-api-emulator';
import { RecordingLogger } from '@anonboard/core/testing';
import { DEFAULT_HTTP_LIMITS } from '@examples/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BoardBot, type BoardBotOptions, createBoardBot } from '../src/bot.js';
import type { Config } from '../src/config.js';
import { db } from './support/database.js';
import { startProxy, type TestProxy } from './support/proxy.js';

const secret = 'scaling-test-secret-0123456789';
/** The dispatchers' lease: how long a dead instance's claim keeps an entry from the others. */
const leaseMs = 1500;

const textOf = (m: Message) => m.text ?? m.caption ?? '';
const hasButtons = (m: Message) => (m.reply_markup?.inline_keyboard.length ?? 0) > 0;

describe.skipIf(db === undefined)('two instances on one PostgreSQL database', () => {
  let emu: Emulator;
  /** The load balancer in front of both instances' webhooks. */
  let balancer: TestProxy;
  /** Instance 1 reaches the Bot API through this; the last test makes it stop answering. */
  let gateway: TestProxy;
  const apps: BoardBot[] = [];
  const logger = new RecordingLogger();
  let people = 0;

  const person = (name: string): SimulatedUser =>
    emu.user({ id: 5_000_000 + ++people, first_name: name, language_code: 'ru' });
  const urlOf = (app: BoardBot) => `http://127.0.0.1:${app.port}`;

  beforeAll(async () => {
    const url = db?.url ?? '';
    emu = await startEmulator({ webhookRetryMs: 20 });
    balancer = await startProxy();
    gateway = await startProxy([emu.apiRoot]);
    const config = (apiRoot: string): Config & { botToken: string } => ({
      botToken: emu.token,
      apiRoot,
      database: { kind: 'postgres', url },
      locale: 'ru',
      adminIds: [],
      port: 0,
      host: '127.0.0.1',
      httpLimits: DEFAULT_HTTP_LIMITS,
      webAppUrl: undefined,
      webhook: { url: `${balancer.url}/telegram`, path: '/telegram', secret },
      policy: {},
      sendLimits: undefined,
      log: { level: 'info', format: 'json' },
    });
    const options: BoardBotOptions = {
      logger,
      dispatcher: {
        leaseMs,
        // A delivery that hangs keeps its lease no longer than one lease.
        maxHoldMs: leaseMs,
        pollIntervalMs: 50,
        backoff: { baseMs: 50, maxMs: 200 },
      },
    };
    // Both open the database at once (the schema is migrated once, under an advisory lock).
    apps.push(
      ...(await Promise.all([
        createBoardBot(config(gateway.url), options),
        createBoardBot(config(emu.apiRoot), options),
      ])),
    );
    await Promise.all(apps.map((app) => app.start()));
    balancer.targets = apps.map(urlOf);
  });

  afterAll(async () => {
    await balancer?.close();
    await apps[1]?.stop();
    await gateway?.close(); // instance 1's held delivery fails now, so it can stop
    await apps[0]?.stop();
    await emu?.close();
  });

  /** Bob publishes an ad, Alice opens it and writes, Bob gets the invite with the buttons. */
  async function invite(alice: SimulatedUser, bob: SimulatedUser, title: string) {
    await bob.command('newad', `${title}\nПочти новый`);
    const published = await emu.waitFor(() =>
      bob.received.find((m) => textOf(m).includes('?start=')),
    );
    const payload = /start=(ad_[\w-]+)/.exec(textOf(published))?.[1] ?? '';
    await alice.command('start', payload);
    await emu.waitFor(() => alice.received.some((m) => textOf(m).startsWith('✍️')));
    await alice.send('Здравствуйте! Ещё продаётся?');
    return emu.waitFor(() => bob.received.find(hasButtons));
  }

  /** An accepted chat between Alice (reader) and Bob (author). */
  async function chat(title: string) {
    const alice = person('Alice');
    const bob = person('Bob');
    await bob.press(await invite(alice, bob, title));
    await emu.waitFor(() => alice.received.some((m) => textOf(m).startsWith('✅')));
    await emu.waitFor(() => bob.received.some((m) => textOf(m).startsWith('✅')));
    // The press is handled once its buttons are gone: the notices may arrive before that.
    await emu.waitFor(() =>
      emu.calls.some(
        (call) =>
          call.method === 'editMessageReplyMarkup' &&
          String(call.params.chat_id) === String(bob.id),
      ),
    );
    return { alice, bob };
  }

  /** What `user` received after the first `after` messages, once there are `count` of them. */
  function received(user: SimulatedUser, after: number, count: number, timeout = 15_000) {
    return emu.waitFor(
      () => {
        const texts = user.received.slice(after).map(textOf);
        return texts.length >= count ? texts : undefined;
      },
      { timeout, message: `${count} messages for ${user.user.first_name}` },
    );
  }

  it('plays the story with updates spread over both instances', async () => {
    const before = apps.map((app) => balancer.forwarded.get(urlOf(app)) ?? 0);
    const alice = person('Alice');
    const bob = person('Bob');
    const offer = await invite(alice, bob, 'Велосипед');
    expect(textOf(offer)).toContain('Велосипед');
    expect(bob.received.map(textOf)).toContain('Здравствуйте! Ещё продаётся?');
    await bob.press(offer);
    await emu.waitFor(() => alice.received.some((m) => textOf(m).startsWith('✅')));

    await bob.send('Да, продаётся');
    await emu.waitFor(() => alice.received.some((m) => textOf(m) === 'Да, продаётся'));
    await alice.send('Беру!');
    await emu.waitFor(() => bob.received.some((m) => textOf(m) === 'Беру!'));

    // Both instances took updates; neither side learnt who the other is.
    apps.forEach((app, i) => {
      expect(balancer.forwarded.get(urlOf(app)) ?? 0).toBeGreaterThan(before[i] ?? 0);
    });
    expect(JSON.stringify(alice.received)).not.toContain(String(bob.id));
    expect(JSON.stringify(bob.received)).not.toContain(String(alice.id));

    // Straight to an instance without the secret: 401, and the update is not handled.
    const forged = await fetch(`${urlOf(apps[0] as BoardBot)}/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'nope' },
      body: JSON.stringify({
        update_id: 999_999,
        message: { message_id: 99, date: 0, chat: { id: bob.id, type: 'private' }, text: 'x' },
      }),
    });
    expect(forged.status).toBe(401);
    await emu.idle();
    await sleep(100);
    expect(alice.received.some((m) => textOf(m) === 'x')).toBe(false);
  });

  it('opens one chat when two presses of accept reach the two instances at once', async () => {
    const carol = person('Carol');
    const dave = person('Dave');
    const offer = await invite(carol, dave, 'Лодка');
    const before = apps.map((app) => balancer.forwarded.get(urlOf(app)) ?? 0);

    // The balancer answers Telegram at once, so both presses are handled concurrently.
    balancer.mode = 'ack-early';
    await dave.press(offer);
    await dave.press(offer);
    await emu.idle();
    await balancer.settled();
    balancer.mode = 'forward';
    apps.forEach((app, i) => {
      expect(balancer.forwarded.get(urlOf(app))).toBe((before[i] ?? 0) + 1);
    });

    await emu.waitFor(() => dave.callbackAnswers.length === 2);
    // One press won; the other was told the button is used up.
    expect(dave.callbackAnswers.filter((answer) => answer.text !== undefined)).toHaveLength(1);
    await emu.waitFor(() => carol.received.some((m) => textOf(m).startsWith('✅')));
    await sleep(300); // a second chat, if any, would be announced by now
    expect(carol.received.filter((m) => textOf(m).startsWith('✅'))).toHaveLength(1);
    expect(dave.received.filter((m) => textOf(m).startsWith('✅'))).toHaveLength(1);
    const [first, second] = apps as [BoardBot, BoardBot];
    const author = await second.board.identify({ platformId: String(dave.id) });
    expect(await first.board.listChats(author.id)).toHaveLength(1);
  });

  it('delivers 50 rapid messages exactly once and in order across both dispatchers', async () => {
    const { alice, bob } = await chat('Самокат');
    const start = bob.received.length;
    const viaInstance1 = gateway.forwarded.get(emu.apiRoot) ?? 0;
    for (let n = 1; n <= 50; n++) await alice.send(String(n));

    await received(bob, start, 50);
    await sleep(300); // duplicates, if any, would have arrived
    expect(bob.received.slice(start).map(textOf)).toEqual(
      Array.from({ length: 50 }, (_, i) => String(i + 1)),
    );
    // Instance 1 (through the gateway) did part of the work; instance 2 the rest.
    expect(gateway.forwarded.get(emu.apiRoot) ?? 0).toBeGreaterThan(viaInstance1);
  });

  it('delivers what a dead instance had leased or pending, after its lease runs out', async () => {
    const { alice, bob } = await chat('Палатка');
    const second = apps[1] as BoardBot;
    // From now on only instance 1 delivers, and instance 2 takes every update.
    await second.board.dispatcher?.stop();
    balancer.targets = [urlOf(second)];
    // Instance 1 dies mid-delivery: its calls to the Bot API never come back.
    gateway.mode = 'hold';

    const start = bob.received.length;
    const sentAt = Date.now();
    for (let n = 1; n <= 5; n++) await alice.send(`Вопрос ${n}`);
    // Instance 1 leased the head of Bob's lane and hangs on it; the rest wait behind it.
    await emu.waitFor(() => gateway.held === 1);
    await sleep(200);
    expect(gateway.held).toBe(1);
    expect(bob.received.length).toBe(start);

    // Instance 2's dispatcher takes over once the dead one's lease has expired.
    second.board.dispatcher?.start();
    await received(bob, start, 1);
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(leaseMs);
    await received(bob, start, 5);
    await sleep(300);
    expect(bob.received.slice(start).map(textOf)).toEqual([
      'Вопрос 1',
      'Вопрос 2',
      'Вопрос 3',
      'Вопрос 4',
      'Вопрос 5',
    ]);
    expect(logger.at('error')).toEqual([]);
  });
});
