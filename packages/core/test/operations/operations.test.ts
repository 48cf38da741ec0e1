import {
  consoleLogger,
  defaultBackoff,
  errorSummary,
  type Scorer,
  type TelemetryEvent,
  withFields,
} from '@anonboard/core';
import { RecordingLogger } from '@anonboard/core/testing';
import { describe, expect, it, vi } from 'vitest';
import { buttonsOf, feedSetup } from '../feed/helpers.js';
import { lastButtons, setup } from '../helpers.js';

/** Bob's ad, Alice's first message, accepted: an open chat; every line and event recorded. */
async function watchedChat() {
  const logger = new RecordingLogger();
  const events: TelemetryEvent[] = [];
  const env = await setup({ logger, telemetry: (event) => events.push(event) });
  const { board, people, transport, dispatcher } = env;
  const [bob, alice] = await people('bob', 'alice');
  if (bob === undefined || alice === undefined) throw new Error('people');
  const ad = await board.publishAd({ author: bob.id, title: 'Гараж' });
  await board.sendInvite({
    sender: alice.id,
    adId: ad.id,
    content: { kind: 'text', text: 'Сколько стоит?' },
  });
  await dispatcher.drain();
  await board.press({ user: bob.id, token: lastButtons(transport, bob)[0]?.token ?? '' });
  await dispatcher.drain();
  return { ...env, bob, alice, ad, logger, events };
}

const deliveries = (events: TelemetryEvent[]) =>
  events.flatMap((e) => (e.type === 'delivery' ? [e] : []));

describe('what the outbox tells the operator', () => {
  it('a 429 wait, a retry, a give-up, a refusal and a blocked recipient: each a line and an event', async () => {
    const { board, transport, dispatcher, clock, bob, alice, logger, events } = await watchedChat();
    events.length = 0;

    transport.failNext(bob.platformId, { kind: 'rate_limited', retryAfterMs: 3000 });
    await board.receive({ user: alice.id, messageIds: [1] });
    await dispatcher.drain();
    expect(logger.at('warn').at(-1)).toEqual({
      level: 'warn',
      message: 'rate limited by the platform: the delivery waits',
      fields: {
        component: 'outbox',
        entry: expect.any(Number),
        effect: 'copy',
        attempt: 1,
        retryAfterMs: 3000,
      },
    });
    clock.advance(3000);
    await dispatcher.drain();

    transport.failNext(bob.platformId, { kind: 'transient' }, defaultBackoff.maxAttempts);
    await board.receive({ user: alice.id, messageIds: [2] });
    for (let i = 0; i < defaultBackoff.maxAttempts; i++) {
      await dispatcher.drain();
      clock.advance(defaultBackoff.maxMs);
    }
    const retries = logger.lines.filter((l) => l.message === 'a delivery failed: retrying');
    expect(retries.map((l) => l.fields.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(logger.at('error').at(-1)).toMatchObject({
      message: 'a delivery kept failing: given up, kept as dead',
      fields: { effect: 'copy', attempt: 10 },
    });

    transport.failNext(bob.platformId, { kind: 'rejected', reason: 'message to copy not found' });
    await board.receive({ user: alice.id, messageIds: [3] });
    await dispatcher.drain();
    expect(logger.at('error').at(-1)?.message).toBe(
      'the platform refused a delivery for good: kept as dead',
    );

    transport.failNext(bob.platformId, { kind: 'unreachable' });
    await board.receive({ user: alice.id, messageIds: [4] });
    await dispatcher.drain();
    expect(logger.at('info').at(-1)).toMatchObject({
      message: 'a recipient blocked the bot or is gone: their chats end',
      fields: { component: 'outbox', effect: 'copy' },
    });

    expect(deliveries(events).map((e) => e.result)).toEqual([
      'rate_limited',
      'ok', // the copy, after the wait
      ...Array(defaultBackoff.maxAttempts - 1).fill('transient'),
      'dead',
      'dead',
      'unreachable',
      'ok', // Alice is told the chat ended
    ]);
    // No line names a person or says what they wrote: internal entry ids and kinds only.
    const logged = JSON.stringify(logger.lines);
    for (const secret of [bob.platformId, alice.platformId, 'Сколько стоит?', bob.id, alice.id]) {
      expect(logged).not.toContain(secret);
    }
  });

  it('measures delivery latency from the entry written to the entry delivered', async () => {
    const { board, dispatcher, clock, alice, events } = await watchedChat();
    events.length = 0;
    await board.receive({ user: alice.id, messageIds: [7] });
    clock.advance(1234);
    await dispatcher.drain();
    expect(deliveries(events)).toEqual([
      { type: 'delivery', effect: 'copy', result: 'ok', latencyMs: 1234 },
    ]);
  });
});

describe('what the board tells the metrics', () => {
  it('counts relays and first messages by outcome, once each, after they committed', async () => {
    const { board, people, alice, bob, ad, events } = await watchedChat();
    expect(events.filter((e) => e.type === 'first_message')).toEqual([
      { type: 'first_message', outcome: 'sent' },
    ]);
    events.length = 0;
    await board.receive({ user: alice.id, messageIds: [1], key: 'u1' });
    await board.receive({ user: bob.id, messageIds: [2] });
    // A replayed update changes nothing and counts nothing.
    await expect(board.receive({ user: alice.id, messageIds: [1], key: 'u1' })).rejects.toThrow();
    expect(events.filter((e) => e.type === 'relay')).toHaveLength(2);

    // The same reader again on the same ad: refused (rolled back), told once with its code.
    const second = board.sendInvite({
      sender: alice.id,
      adId: ad.id,
      content: { kind: 'text', text: 'ещё раз' },
    });
    await expect(second).rejects.toMatchObject({ code: 'already_invited' });
    const [carol] = await people('carol');
    if (carol === undefined) throw new Error('people');
    await expect(
      board.sendInvite({
        sender: carol.id,
        adId: ad.id,
        content: { kind: 'text', text: 'https://example.com' },
      }),
    ).rejects.toMatchObject({ code: 'links_refused' });
    expect(events.filter((e) => e.type === 'first_message')).toEqual([
      { type: 'first_message', outcome: 'already_invited' },
      { type: 'first_message', outcome: 'links_refused' },
    ]);
  });

  it('a refusal that commits its cooldown is counted with the refusal', async () => {
    const logger = new RecordingLogger();
    const events: TelemetryEvent[] = [];
    const { board, people } = await setup({
      logger,
      telemetry: (event) => events.push(event),
      policy: { rateLimits: { invite: { max: 1, windowMs: 60_000 } } },
    });
    const [bob, alice] = await people('bob', 'alice');
    if (bob === undefined || alice === undefined) throw new Error('people');
    const first = await board.publishAd({ author: bob.id, title: 'Лодка' });
    const second = await board.publishAd({ author: bob.id, title: 'Вёсла' });
    const text = { kind: 'text', text: 'привет' } as const;
    await board.sendInvite({ sender: alice.id, adId: first.id, content: text });
    await expect(
      board.sendInvite({ sender: alice.id, adId: second.id, content: text }),
    ).rejects.toMatchObject({ code: 'rate_limited' });
    expect(events.filter((e) => e.type === 'first_message').map((e) => e.outcome)).toEqual([
      'sent',
      'rate_limited',
    ]);
  });

  it('a telemetry sink that throws never breaks the bot', async () => {
    const { board, people, dispatcher } = await setup({
      telemetry: () => {
        throw new Error('metrics are down');
      },
    });
    const [bob, alice] = await people('bob', 'alice');
    if (bob === undefined || alice === undefined) throw new Error('people');
    const ad = await board.publishAd({ author: bob.id, title: 'Гараж' });
    await board.sendInvite({
      sender: alice.id,
      adId: ad.id,
      content: { kind: 'text', text: 'hi' },
    });
    expect(await dispatcher.drain()).toBeGreaterThan(0);
  });
});

describe('what the feed tells the operator and the metrics', () => {
  const message = (id: number) => ({
    sourceRef: '-1001',
    messageId: id,
    text: `Собрание жильцов №${id}`,
    date: Date.UTC(2026, 0, 1),
    via: 'userbot' as const,
  });

  it('times each decision from the item queued to the item decided', async () => {
    const events: TelemetryEvent[] = [];
    const { feed, clock, anna, transport, dispatcher } = await feedSetup({
      threshold: 0,
      telemetry: (event) => events.push(event),
    });
    await feed.ingest(message(1));
    await dispatcher.drain();
    clock.advance(90_000);
    await feed.press({ user: anna.id, token: buttonsOf(transport, anna)[0]?.token ?? '' });
    await feed.ingest(message(2));
    clock.advance(8 * 24 * 60 * 60_000);
    expect(await feed.expireItems(7 * 24 * 60 * 60_000)).toBe(1);
    expect(events.filter((e) => e.type === 'decision')).toEqual([
      { type: 'decision', decision: 'approved', waitedMs: 90_000 },
      { type: 'decision', decision: 'expired', waitedMs: 8 * 24 * 60 * 60_000 },
    ]);
  });

  it('tells every scorer call: ok, error, timeout, invalid; a failure is a warning without the text', async () => {
    const answers: Array<() => Promise<{ score: number; reason: string }>> = [
      async () => ({ score: 0.9, reason: 'важно' }),
      async () => {
        throw Object.assign(new Error('the model said: «Собрание жильцов №2» is spam'), {
          kind: 'not_json',
        });
      },
      () => new Promise(() => {}), // never answers
      async () => ({ score: 2, reason: 'oops' }),
    ];
    const scorer: Scorer = {
      name: 'test-llm',
      score: () => (answers.shift() ?? (async () => ({ score: 0, reason: '' })))(),
    };
    const logger = new RecordingLogger();
    const events: TelemetryEvent[] = [];
    const { feed } = await feedSetup({
      scorer,
      logger,
      telemetry: (event) => events.push(event),
    });
    for (const id of [1, 2, 3, 4]) await feed.ingest(message(id));
    const scores = events.flatMap((e) => (e.type === 'score' ? [e] : []));
    expect(scores.map((e) => [e.scorer, e.outcome])).toEqual([
      ['test-llm', 'ok'],
      ['test-llm', 'error'],
      ['test-llm', 'timeout'],
      ['test-llm', 'invalid'],
    ]);
    expect(scores.every((e) => e.durationMs >= 0)).toBe(true);
    const warnings = logger.at('warn');
    expect(warnings.map((l) => [l.message, l.fields.outcome])).toEqual([
      ['the scorer failed: the item goes to manual review', 'error'],
      ['the scorer failed: the item goes to manual review', 'timeout'],
      ['the scorer failed: the item goes to manual review', 'invalid'],
    ]);
    expect(warnings[0]?.fields.error).toEqual({ name: 'Error', code: 'not_json' });
    expect(JSON.stringify(logger.lines)).not.toContain('Собрание');
  });
});

describe('consoleLogger, withFields, errorSummary', () => {
  it('writes at its level and above, tagged, with the fields', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    try {
      const logger = withFields(consoleLogger('warn'), { component: 'outbox' });
      logger.info('not shown');
      logger.warn('shown', { entry: 3 });
      expect(info).not.toHaveBeenCalled();
      expect(warn).toHaveBeenCalledWith('[anonboard] shown', { component: 'outbox', entry: 3 });
    } finally {
      warn.mockRestore();
      info.mockRestore();
    }
  });

  it('summarises an error as its class, code and message: nothing it carries besides', () => {
    // grammY's errors carry the request they failed on, with the chat id and the text.
    const error = Object.assign(new Error("Call to 'sendMessage' failed! (403: Forbidden)"), {
      code: 'E_API',
      payload: { chat_id: 700700700, text: 'Сколько стоит?' },
    });
    expect(errorSummary(error)).toEqual({
      name: 'Error',
      code: 'E_API',
      message: "Call to 'sendMessage' failed! (403: Forbidden)",
    });
    expect(errorSummary('plain')).toEqual({ name: 'string', message: 'plain' });
  });

  it('names a Bot API error by its method and number, and masks ids in any message', () => {
    const api = Object.assign(new Error("Call to 'sendMessage' failed! (400: Bad Request)"), {
      name: 'GrammyError',
      method: 'sendMessage',
      error_code: 400,
      payload: { chat_id: 700700700, text: 'Сколько стоит?' },
    });
    expect(errorSummary(api)).toEqual({
      name: 'GrammyError',
      code: '400',
      method: 'sendMessage',
      message: "Call to 'sendMessage' failed! (400: Bad Request)",
    });
    expect(
      errorSummary(new Error('no chat -1001234567890 for user 700700700 (at offset 12)')),
    ).toEqual({
      name: 'Error',
      message: 'no chat <id> for user <id> (at offset 12)',
    });
  });
});
