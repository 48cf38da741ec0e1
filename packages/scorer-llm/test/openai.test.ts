import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createOpenAiScorer, type LlmScorerError } from '../src/index.js';
import { type LlmServer, startLlmServer } from './helpers/llm-server.js';
import { context, openaiFor } from './helpers/scorers.js';

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected the scorer to throw'),
    (error: unknown) => error as LlmScorerError,
  );

describe('OpenAI-compatible scorer', () => {
  let server: LlmServer;
  beforeEach(async () => {
    server = await startLlmServer();
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await server.close();
  });

  it('sends a chat completion as the SDK does: key, model, temperature 0, no SDK retries', async () => {
    const scorer = openaiFor(server, { model: 'qwen2.5:7b' });
    expect(scorer.name).toBe('openai (qwen2.5:7b)');
    await scorer.score('собрание', context());
    const [request] = server.chats();
    expect(request?.headers.authorization).toBe('Bearer sk-test');
    expect(request?.json).toMatchObject({ model: 'qwen2.5:7b', temperature: 0 });
    expect(request?.json).not.toHaveProperty('max_tokens');
    expect(request?.json).not.toHaveProperty('response_format');
    expect(request?.headers['x-stainless-retry-count']).toBe('0');
  });

  it('asks for JSON mode and caps the answer when told to; leaves temperature out on null', async () => {
    await openaiFor(server, { jsonMode: true, maxAnswerTokens: 64, temperature: null }).score(
      'x',
      context(),
    );
    const body = server.chats()[0]?.json;
    expect(body).toMatchObject({ response_format: { type: 'json_object' }, max_tokens: 64 });
    expect(body).not.toHaveProperty('temperature');
  });

  it('needs no key for a local server (Ollama, vLLM, LM Studio)', async () => {
    const scorer = createOpenAiScorer({ baseURL: `${server.url}/v1`, model: 'llama3.1' });
    await expect(scorer.score('собрание', context())).resolves.toMatchObject({ score: 0.83 });
  });

  it('ignores OPENAI_* in process.env that the SDK would read by itself', async () => {
    vi.stubEnv('OPENAI_BASE_URL', 'http://127.0.0.1:9/v1');
    vi.stubEnv('OPENAI_ORG_ID', 'org-leaked');
    await openaiFor(server).score('собрание', context());
    expect(server.chats()).toHaveLength(1);
    expect(server.chats()[0]?.headers['openai-organization']).toBeUndefined();
  });

  it('reports a null content as an empty answer and a refusal as refused', async () => {
    server.reply = () => ({ content: null });
    expect((await rejection(openaiFor(server).score('x', context()))).kind).toBe('empty_answer');
    server.reply = () => ({ content: '', finishReason: 'content_filter' });
    expect((await rejection(openaiFor(server).score('x', context()))).kind).toBe('refused');
  });

  it('reports a 200 that is not a chat completion (a proxy page) as unexpected', async () => {
    server.reply = () => ({ status: 200, body: '<html>Proxy login</html>' });
    const error = await rejection(openaiFor(server).score('x', context()));
    expect(error).toMatchObject({ kind: 'unexpected', excerpt: '<html>Proxy login</html>' });
  });

  it('honours retry-after-ms', async () => {
    server.reply = (_, index) =>
      index === 0
        ? {
            status: 429,
            body: { error: { message: 'Rate limit' } },
            headers: { 'retry-after-ms': '1500' },
          }
        : { content: '{"score": 0.5, "reason": "ok"}' };
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
    };
    await openaiFor(server, { retry: { baseDelayMs: 1, sleep } }).score('x', context());
    expect(waits[0]).toBeGreaterThanOrEqual(1500);
  });

  it('refuses bad options with one clear line', () => {
    expect(() => createOpenAiScorer({ model: 'gpt-4o-mini' })).toThrow(
      '[anonboard] [scorer] openai needs an `apiKey` for api.openai.com',
    );
    expect(() => createOpenAiScorer({ model: '' })).toThrow(/openai option model/);
    expect(() => createOpenAiScorer({ model: 'm', baseURL: 'ftp://x' })).toThrow(
      /openai option baseURL/,
    );
  });
});
