import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, type SimulatedUser, startEmulator } from '@anonboard/bot-api-emulator';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { killMains, runMain } from './run-main.js';
import { freePort } from './support/net.js';

const dir = mkdtempSync(join(tmpdir(), 'anon-board-ops-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
});
afterEach(async () => {
  await killMains();
  await emu.close();
});

interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly [field: string]: unknown;
}

/** pino's levels: 30 info, 40 warn, 50 error. */
const INFO = 30;

const textsOf = (user: SimulatedUser) => user.received.map((m) => m.text ?? '');

/** Opens `author`'s ad for `reader`, who writes `text`; the author accepts. */
async function chat(author: SimulatedUser, reader: SimulatedUser, title: string, text: string) {
  await author.command('newad', `${title}\nв хорошем состоянии`);
  const link = await emu.waitFor(() =>
    author.received
      .filter((m) => m.text?.includes(title))
      .map((m) => /start=(ad_[\w-]+)/.exec(m.text ?? '')?.[1])
      .find(Boolean),
  );
  await reader.command('start', link);
  await emu.waitFor(() => reader.received.some((m) => m.text?.startsWith('✍️')));
  const seen = author.received.length;
  await reader.send(text);
  // The first message reaches the author with [Accept] [Decline] under it.
  const invite = await emu.waitFor(() =>
    author.received.slice(seen).find((m) => m.reply_markup !== undefined),
  );
  await author.press(invite);
  await emu.waitFor(() => reader.received.some((m) => m.text?.startsWith('✅')));
}

describe('what an operator sees of a day with failures', () => {
  it('logs each failure with no person in it, and serves metrics promtool accepts', async () => {
    const port = await freePort();
    const main = runMain({
      BOT_TOKEN: emu.token,
      TELEGRAM_API_ROOT: emu.apiRoot,
      DATABASE_PATH: join(dir, 'board.sqlite'),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
    });
    // People whose ids, names, usernames and words must never reach the log.
    const bob = emu.user({
      id: 700_700_701,
      first_name: 'Borislav',
      last_name: 'Secretov',
      username: 'borislav_secret',
      language_code: 'ru',
    });
    const alice = emu.user({ id: 700_700_702, first_name: 'Alisa', username: 'alisa_hidden' });
    const dave = emu.user({ id: 700_700_703, first_name: 'Davyd', username: 'davyd_private' });
    const words = [
      'Первое тайное сообщение',
      'Тайный текст после паузы',
      'Тайный ответ после сбоя',
      'Давид пишет тайно',
      'Никто не прочтёт',
      'Давид пишет ещё раз',
    ];
    await emu.waitFor(() => main.stdout().includes('is running'), { timeout: 30_000 });

    await chat(bob, alice, 'Велосипед', words[0] as string);
    // 429: Telegram asks the bot to wait a second before Bob gets the next copy.
    emu.fail(bob, { kind: 'rateLimited', retryAfter: 1, methods: ['copyMessage'] });
    await alice.send(words[1] as string);
    await emu.waitFor(() => textsOf(bob).includes(words[1] as string), { timeout: 10_000 });
    // 5xx: the copy to Alice fails once and is retried.
    emu.fail(alice, { kind: 'serverError', methods: ['copyMessage'] });
    await bob.send(words[2] as string);
    await emu.waitFor(() => textsOf(alice).includes(words[2] as string), { timeout: 10_000 });
    // 403: Dave blocks the bot; what Alice writes to him ends their chat.
    await chat(alice, dave, 'Лодка', words[3] as string);
    await dave.send(words[5] as string);
    const relayed = await emu.waitFor(() => alice.received.find((m) => m.text === words[5]));
    emu.blockBot(dave);
    // Alice has two chats: her reply names the one with Dave.
    await alice.reply(relayed, words[4] as string);
    await emu.waitFor(() => alice.received.some((m) => m.text?.includes('недоступен')), {
      timeout: 10_000,
    });

    // A scrape taken during the story passes Prometheus's own check. The last delivery is
    // recorded a moment after it is made (with the next transaction, or alone within 100 ms).
    const scrapeMetrics = async () => {
      const scrape = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(scrape.status).toBe(200);
      expect(scrape.headers.get('content-type')).toContain('text/plain');
      return scrape.text();
    };
    await expect.poll(scrapeMetrics).toContain('anonboard_outbox_pending 0');
    const metrics = await scrapeMetrics();
    const promtool = spawnSync('promtool', ['check', 'metrics'], {
      input: metrics,
      encoding: 'utf8',
    });
    expect(promtool.error).toBeUndefined();
    expect(`${promtool.stdout}${promtool.stderr}`).toBe('');
    expect(promtool.status).toBe(0);
    for (const line of [
      'anonboard_deliveries_total{effect="copy",result="rate_limited"} 1',
      'anonboard_deliveries_total{effect="copy",result="transient"} 1',
      'anonboard_deliveries_total{effect="copy",result="unreachable"} 1',
      'anonboard_first_messages_total{outcome="sent"} 2',
      'anonboard_relays_total 4',
      'anonboard_outbox_pending 0',
      'anonboard_outbox_oldest_age_seconds 0',
    ]) {
      expect(metrics).toContain(line);
    }
    expect(metrics).toMatch(/anonboard_updates_total\{kind="message",outcome="ok"\} \d+/);
    expect(metrics).toMatch(/anonboard_updates_total\{kind="callback_query",outcome="ok"\} \d+/);
    expect(metrics).toMatch(/anonboard_delivery_latency_seconds_count\{effect="copy"\} [1-9]/);
    for (const person of [bob, alice, dave]) expect(metrics).not.toContain(String(person.id));

    main.child.kill('SIGTERM');
    expect(await main.exited).toBe(0);
    expect(main.stderr()).toBe('');
    const lines = main
      .stdout()
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as LogLine);
    const said = (msg: string) => lines.filter((line) => line.msg === msg);
    expect(said('rate limited by the platform: the delivery waits')).toMatchObject([
      { level: 40, component: 'outbox', effect: 'copy', retryAfterMs: 1000 },
    ]);
    expect(said('a delivery failed: retrying')).toMatchObject([
      { level: 40, component: 'outbox', effect: 'copy', attempt: 1 },
    ]);
    expect(said('a recipient blocked the bot or is gone: their chats end')).toMatchObject([
      { level: 30, component: 'outbox', effect: 'copy' },
    ]);
    expect(lines.at(-1)?.msg).toMatch(/^stopped; the state is in /);

    // Nothing at info and above names a person or repeats what anyone wrote.
    const visible = JSON.stringify(lines.filter((line) => line.level >= INFO));
    const secrets = [bob, alice, dave].flatMap((person) => [
      String(person.id),
      person.user.first_name,
      person.user.last_name ?? person.user.first_name,
      person.user.username ?? person.user.first_name,
    ]);
    for (const secret of [...secrets, ...words]) expect(visible).not.toContain(secret);
  }, 120_000);
});
