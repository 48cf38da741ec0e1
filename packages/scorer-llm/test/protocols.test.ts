import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { calibrationExamples, type LlmScorerError } from '../src/index.js';
import { GOOD_ANSWER, type LlmServer, pause, startLlmServer, until } from './helpers/llm-server.js';
import { context, protocols, quietSdk } from './helpers/scorers.js';

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected the scorer to throw'),
    (error: unknown) => error as LlmScorerError,
  );

describe.each(protocols)('$protocol scorer', ({ protocol, make }) => {
  let server: LlmServer;
  beforeEach(async () => {
    quietSdk();
    server = await startLlmServer();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await server.close();
  });

  it('scores a good answer and reports the tokens it cost', async () => {
    server.reply = () => ({ content: GOOD_ANSWER, usage: { prompt: 150, completion: 30 } });
    const scorer = make(server);
    await expect(scorer.score('СРОЧНО: собрание', context())).resolves.toEqual({
      score: 0.83,
      reason: 'срочное собрание жильцов',
      usage: { promptTokens: 150, completionTokens: 30, totalTokens: 180 },
    });
    expect(server.chats()).toHaveLength(1);
    expect(server.chats()[0]?.protocol).toBe(protocol);
  });

  it('sends the prompt with the calibration examples, the topic, the source and the text', async () => {
    const scorer = make(server);
    await scorer.score(
      'Собрание жильцов в четверг в 19:00',
      context({ topic: 'ЖКХ', source: 'Дом 5' }),
    );
    const messages = server.chats()[0]?.json?.messages ?? [];
    expect(messages.map((m) => m.role)).toEqual(['system', 'user']);
    const prompt = messages.map((m) => m.content).join('\n');
    for (const example of calibrationExamples) {
      expect(prompt).toContain(`«${example.text}» → ${example.score}`);
    }
    expect(prompt).toContain('{"score"');
    expect(JSON.parse(messages[1]?.content ?? '')).toEqual({
      topic: 'ЖКХ',
      source: 'Дом 5',
      message: 'Собрание жильцов в четверг в 19:00',
    });
  });

  it('accepts JSON in a ```json fence', async () => {
    server.reply = () => ({ content: '```json\n{"score": 0.2, "reason": "реклама"}\n```' });
    await expect(make(server).score('Продам гараж', context())).resolves.toMatchObject({
      score: 0.2,
      reason: 'реклама',
    });
  });

  it.each([
    ['prose', 'Это сообщение довольно важное, я бы дал 0.8', 'not_json'],
    ['JSON followed by prose', '{"score": 0.8, "reason": "ok"} Надеюсь, помог!', 'not_json'],
    ['an out-of-range score', '{"score": 8, "reason": "очень важно"}', 'invalid_answer'],
    ['a missing reason', '{"score": 0.5}', 'invalid_answer'],
    ['a score as a string', '{"score": "0.5", "reason": "так себе"}', 'invalid_answer'],
    ['an empty answer', '   ', 'empty_answer'],
  ])('throws on %s, never a default score', async (_, content, kind) => {
    server.reply = () => ({ content });
    const error = await rejection(make(server).score('собрание', context()));
    expect(error).toMatchObject({ name: 'LlmScorerError', kind, provider: protocol });
    expect(error.message).toMatch(/^\[anonboard\] \[scorer\] /);
    if (content.trim() !== '') expect(error.excerpt).toBe(content.trim());
    expect(server.chats()).toHaveLength(1); // a bad answer is not retried: manual review instead
  });

  it('truncates the excerpt of a long garbage answer', async () => {
    server.reply = () => ({ content: `Конечно! ${'очень '.repeat(100)}важно` });
    const error = await rejection(make(server).score('собрание', context()));
    expect(error.kind).toBe('not_json');
    expect(error.excerpt?.length).toBe(120);
    expect(error.excerpt?.endsWith('…')).toBe(true);
  });

  it('aborts the HTTP request when the caller’s signal fires', async () => {
    server.reply = () => ({ hang: true });
    const controller = new AbortController();
    const aborted = server.nextAbort();
    const scoring = make(server).score('собрание', { signal: controller.signal });
    while (server.chats().length === 0) await pause(5);
    controller.abort(new Error('scorer took longer than 50 ms'));
    const error = await rejection(scoring);
    expect(error.kind).toBe('aborted');
    expect(error.message).toContain('took longer than 50 ms');
    await aborted; // the server saw the client hang up
    expect(server.aborted()).toBe(1);
  });

  it('does not even call when the signal has already fired', async () => {
    const error = await rejection(make(server).score('собрание', { signal: AbortSignal.abort() }));
    expect(error.kind).toBe('aborted');
    expect(server.chats()).toHaveLength(0);
  });

  it('retries a 429 storm, then succeeds', async () => {
    server.reply = (_, index) =>
      index < 3
        ? { status: 429, body: { message: 'Too many requests' } }
        : { content: GOOD_ANSWER };
    await expect(make(server).score('собрание', context())).resolves.toMatchObject({ score: 0.83 });
    expect(server.chats()).toHaveLength(4);
  });

  it('gives up on an endless 429 storm after maxAttempts', async () => {
    server.reply = () => ({ status: 429, body: { message: 'Too many requests' } });
    const error = await rejection(
      make(server, { retry: { baseDelayMs: 1, maxAttempts: 3 } }).score('собрание', context()),
    );
    expect(error).toMatchObject({ kind: 'rate_limited', status: 429 });
    expect(error.message).toContain('gave up after 3 attempts');
    expect(server.chats()).toHaveLength(3);
  });

  it('waits at least the Retry-After the server asks for', async () => {
    server.reply = (_, index) =>
      index === 0
        ? { status: 429, body: {}, headers: { 'retry-after': '2' } }
        : { content: GOOD_ANSWER };
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
    };
    await make(server, { retry: { baseDelayMs: 1, sleep } }).score('собрание', context());
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(2000);
  });

  it('gives up at once when Retry-After is longer than it may wait', async () => {
    server.reply = () => ({ status: 429, body: {}, headers: { 'retry-after': '3600' } });
    const error = await rejection(make(server).score('собрание', context()));
    expect(error.message).toContain('asked to wait 3600 s');
    expect(server.chats()).toHaveLength(1);
  });

  it('retries 5xx, then succeeds', async () => {
    server.reply = (_, index) =>
      index === 0
        ? { status: 503, body: 'Service Unavailable' }
        : index === 1
          ? { status: 500, body: { message: 'internal' } }
          : { content: GOOD_ANSWER };
    await expect(make(server).score('собрание', context())).resolves.toMatchObject({ score: 0.83 });
    expect(server.chats()).toHaveLength(3);
  });

  it('does not retry a 400 (bad model, bad request)', async () => {
    // Each service's own error body: GigaChat's flat one, OpenAI's `{ error: { … } }`.
    const body =
      protocol === 'gigachat'
        ? { status: 404, message: 'No such model' }
        : { error: { message: 'No such model', type: 'invalid_request_error', code: null } };
    server.reply = () => ({ status: 404, body });
    const error = await rejection(make(server).score('собрание', context()));
    expect(error).toMatchObject({ kind: 'rejected', status: 404 });
    expect(error.excerpt).toContain('No such model');
    expect(server.chats()).toHaveLength(1);
  });

  it('keeps at most maxConcurrency requests in flight', async () => {
    // Each request is held until the bound is reached, then a little more, so a scorer that
    // let more through would be seen doing it.
    server.reply = async () => {
      await until(() => server.inFlight() >= 2 || server.chats().length === 7);
      await pause(10);
      return { content: GOOD_ANSWER };
    };
    const scorer = make(server, { maxConcurrency: 2 });
    const scores = await Promise.all(
      Array.from({ length: 7 }, (_, i) => scorer.score(`собрание ${i}`, context())),
    );
    expect(scores).toHaveLength(7);
    expect(server.maxInFlight()).toBeLessThanOrEqual(2);
    expect(server.maxInFlight()).toBe(2);
  });

  it('has a default bound of 4 in flight', async () => {
    server.reply = async () => {
      await until(() => server.inFlight() >= 4 || server.chats().length === 10);
      await pause(10); // room for a fifth, if the bound were broken
      return { content: GOOD_ANSWER };
    };
    const scorer = make(server);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => scorer.score(`собрание ${i}`, context())),
    );
    expect(server.maxInFlight()).toBe(4);
  });

  it('reports an unreachable server as a network error, after retrying', async () => {
    const scorer = make(server, { retry: { baseDelayMs: 1, maxAttempts: 2 } });
    await server.close();
    const error = await rejection(scorer.score('собрание', context()));
    expect(error.kind).toBe('network');
    expect(error.message).toContain('gave up after 2 attempts');
  });
});
