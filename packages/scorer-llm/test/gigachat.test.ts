import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createGigaChatScorer,
  type GigaChatScorerOptions,
  type LlmScorerError,
} from '../src/index.js';
import { GOOD_ANSWER, type LlmServer, pause, startLlmServer } from './helpers/llm-server.js';
import { CREDENTIALS, context, gigachatFor, quietSdk } from './helpers/scorers.js';

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected the scorer to throw'),
    (error: unknown) => error as LlmScorerError,
  );

describe('GigaChat scorer', () => {
  let server: LlmServer;
  beforeEach(async () => {
    quietSdk();
    server = await startLlmServer();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    await server.close();
  });

  it('gets a token from the OAuth endpoint as the real one expects, then uses it', async () => {
    const scorer = gigachatFor(server, { model: 'GigaChat-Pro' });
    expect(scorer.name).toBe('gigachat (GigaChat-Pro)');
    await scorer.score('собрание', context());
    await scorer.score('встреча', context());
    const [oauth, ...rest] = server.requests;
    expect(oauth).toMatchObject({
      protocol: 'oauth',
      body: 'scope=GIGACHAT_API_PERS',
      headers: {
        authorization: `Basic ${CREDENTIALS}`,
        'content-type': expect.stringContaining('application/x-www-form-urlencoded'),
        rquid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      },
    });
    expect(rest).toHaveLength(2); // one token for both calls
    expect(rest[0]?.headers.authorization).toBe('Bearer tok-1');
    expect(rest[0]?.json).toMatchObject({
      model: 'GigaChat-Pro',
      max_tokens: 256,
      profanity_check: false,
    });
    expect(rest[0]?.json).not.toHaveProperty('temperature');
  });

  it('passes the scope it is given', async () => {
    await gigachatFor(server, { scope: 'GIGACHAT_API_CORP' }).score('собрание', context());
    expect(server.requests[0]?.body).toBe('scope=GIGACHAT_API_CORP');
  });

  it('re-authenticates once on a 401 (expired token) and retries the call', async () => {
    const scorer = gigachatFor(server);
    await scorer.score('собрание', context());
    server.validTokens.delete('tok-1'); // the server expires the token early
    await expect(scorer.score('собрание', context())).resolves.toMatchObject({ score: 0.83 });
    expect(server.oauthCalls()).toBe(2);
    expect(server.chats().map((r) => r.headers.authorization)).toEqual([
      'Bearer tok-1',
      'Bearer tok-1', // → 401
      'Bearer tok-2',
    ]);
  });

  it('gives up with kind "auth" when the fresh token is refused too (no loop)', async () => {
    const scorer = gigachatFor(server);
    await scorer.score('собрание', context()); // holds tok-1 now
    server.reply = () => ({ status: 401, body: { status: 401, message: 'Unauthorized' } });
    const error = await rejection(scorer.score('собрание', context()));
    expect(error).toMatchObject({ kind: 'auth', status: 401 });
    expect(server.oauthCalls()).toBe(2); // exactly one re-authentication…
    expect(server.chats()).toHaveLength(3); // …and one retry of the call
  });

  it('reports credentials refused by the OAuth endpoint as kind "auth"', async () => {
    const scorer = gigachatFor(server, { credentials: Buffer.from('who:me').toString('base64') });
    const error = await rejection(scorer.score('собрание', context()));
    expect(error).toMatchObject({ kind: 'auth', status: 401 });
    expect(error.excerpt).toContain("credentials doesn't match");
    expect(server.chats()).toHaveLength(0);
  });

  it('reports a scope the OAuth endpoint refuses as kind "rejected"', async () => {
    const scorer = gigachatFor(server, { scope: 'GIGACHAT_API_B2B' });
    const error = await rejection(scorer.score('собрание', context()));
    expect(error).toMatchObject({ kind: 'rejected', status: 400 });
    expect(error.excerpt).toContain('scope from db');
  });

  it('renews the token before expires_at instead of waiting for a 401', async () => {
    let now = Date.parse('2026-11-21T10:00:00Z');
    server.expiresAt = () => now + 30 * 60_000;
    const scorer = gigachatFor(server, { clock: { now: () => now } });
    await scorer.score('собрание', context());
    now += 29.5 * 60_000; // 30 s before expiry: inside the renewal margin
    await scorer.score('собрание', context());
    expect(server.oauthCalls()).toBe(2);
    expect(server.chats().map((r) => r.headers.authorization)).toEqual([
      'Bearer tok-1',
      'Bearer tok-2',
    ]);
  });

  it('shares one OAuth request between concurrent first calls', async () => {
    const scorer = gigachatFor(server);
    await Promise.all([1, 2, 3, 4].map((i) => scorer.score(`собрание ${i}`, context())));
    expect(server.oauthCalls()).toBe(1);
  });

  it('a caller giving up during the shared OAuth request does not fail the others', async () => {
    let release = () => {};
    server.beforeOAuth = () =>
      new Promise<void>((resolve) => {
        release = resolve;
      });
    const scorer = gigachatFor(server);
    const controller = new AbortController();
    const impatient = scorer.score('собрание 1', { signal: controller.signal });
    const patient = scorer.score('собрание 2', context());
    while (server.oauthCalls() === 0) await pause(5);
    controller.abort(new Error('deadline'));
    expect((await rejection(impatient)).kind).toBe('aborted');
    release();
    await expect(patient).resolves.toMatchObject({ score: 0.83 });
    expect(server.oauthCalls()).toBe(1);
    expect(server.chats()).toHaveLength(1);
  });

  it('reports a 200 that is not a chat completion (a proxy page) as unexpected', async () => {
    server.reply = () => ({ status: 200, body: '<html>Proxy login</html>' });
    const error = await rejection(gigachatFor(server).score('собрание', context()));
    expect(error.kind).toBe('unexpected');
    expect(error.message).toContain('not a chat completion');
  });

  it('works with a ready access token, without OAuth', async () => {
    const scorer = createGigaChatScorer({
      accessToken: 'static-token',
      baseUrl: `${server.url}/api/v1`,
    });
    await expect(scorer.score('собрание', context())).resolves.toMatchObject({ score: 0.83 });
    expect(server.oauthCalls()).toBe(0);
    expect(server.chats()[0]?.headers.authorization).toBe('Bearer static-token');
  });

  it('ignores GIGACHAT_* in process.env that the SDK would read by itself', async () => {
    vi.stubEnv('GIGACHAT_ACCESS_TOKEN', 'leaked-token');
    vi.stubEnv('GIGACHAT_MODEL', 'Leaked-Model');
    await gigachatFor(server).score('собрание', context());
    expect(server.oauthCalls()).toBe(1);
    expect(server.chats()[0]?.headers.authorization).toBe('Bearer tok-1');
    expect(server.chats()[0]?.json?.model).toBe('GigaChat');
  });

  it('reports a "blacklist" finish as a refusal', async () => {
    server.reply = () => ({
      content: 'Не люблю менять тему разговора, но вот сейчас тот самый случай.',
      finishReason: 'blacklist',
    });
    const error = await rejection(gigachatFor(server).score('собрание', context()));
    expect(error.kind).toBe('refused');
  });

  it('sends temperature and max_tokens when configured', async () => {
    server.reply = () => ({ content: GOOD_ANSWER });
    await gigachatFor(server, { temperature: 0.1, maxAnswerTokens: 64 }).score('x', context());
    expect(server.chats()[0]?.json).toMatchObject({ temperature: 0.1, max_tokens: 64 });
  });

  it('refuses bad options with one clear line', () => {
    expect(() => createGigaChatScorer({})).toThrow(
      '[anonboard] [scorer] gigachat needs `credentials` (or an `accessToken`)',
    );
    expect(() =>
      createGigaChatScorer({ credentials: CREDENTIALS, baseUrl: 'http://gigachat.example/api/v1' }),
    ).toThrow(/gigachat option baseUrl: must be an https:\/\/ URL/);
    expect(() => createGigaChatScorer({ credentials: CREDENTIALS, maxConcurrency: 0 })).toThrow(
      /maxConcurrency/,
    );
    // OpenAI's spelling must not silently fall back to Sber's default host.
    const typo = { credentials: CREDENTIALS, baseURL: server.url } as GigaChatScorerOptions;
    expect(() => createGigaChatScorer(typo)).toThrow(
      /^\[anonboard\] \[scorer\] gigachat: unknown option "baseURL" \(known: .*baseUrl/,
    );
    expect(() =>
      createGigaChatScorer({ credentials: CREDENTIALS, retry: { maxAttempts: 0 } }),
    ).toThrow(/gigachat option retry.maxAttempts/);
  });
});
