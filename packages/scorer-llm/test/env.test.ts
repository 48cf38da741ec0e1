import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type BudgetedScorer, scorerFromEnv } from '../src/index.js';
import { type LlmServer, startLlmServer } from './helpers/llm-server.js';
import { CREDENTIALS, context, quietSdk } from './helpers/scorers.js';

describe('scorerFromEnv', () => {
  let server: LlmServer;
  beforeEach(async () => {
    quietSdk();
    server = await startLlmServer();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await server.close();
  });

  it('is the offline scorer by default', async () => {
    expect(scorerFromEnv({}).name).toBe('offline');
    expect(scorerFromEnv({ SCORER: ' ', SCORER_DAILY_CALLS: '5' }).name).toBe('offline');
    expect(scorerFromEnv({ SCORER: 'OFFLINE' }).name).toBe('offline');
  });

  it.each([
    [{ SCORER: 'yandexgpt' }, 'SCORER must be offline, gigachat or openai'],
    [{ SCORER: 'gigachat' }, 'GIGACHAT_CREDENTIALS is required when SCORER=gigachat'],
    [
      { SCORER: 'gigachat', GIGACHAT_CREDENTIALS: '' },
      'GIGACHAT_CREDENTIALS is required when SCORER=gigachat',
    ],
    [
      {
        SCORER: 'gigachat',
        GIGACHAT_CREDENTIALS: CREDENTIALS,
        GIGACHAT_BASE_URL: 'http://gc.example/api/v1',
      },
      'GIGACHAT_BASE_URL must be an https:// URL (plain http only on 127.0.0.1/localhost)',
    ],
    [
      {
        SCORER: 'gigachat',
        GIGACHAT_CREDENTIALS: CREDENTIALS,
        GIGACHAT_CA_FILE: '/nonexistent/ca.pem',
      },
      'GIGACHAT_CA_FILE cannot be read: /nonexistent/ca.pem (ENOENT)',
    ],
    [
      { SCORER: 'openai' },
      'OPENAI_API_KEY is required when SCORER=openai (or set OPENAI_BASE_URL to a local server)',
    ],
    [
      { SCORER: 'openai', OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' },
      'OPENAI_MODEL is required when OPENAI_BASE_URL is set (the model name that server serves)',
    ],
    [
      { SCORER: 'openai', OPENAI_BASE_URL: 'localhost:11434' },
      'OPENAI_BASE_URL must be an http:// or https:// URL',
    ],
    [
      { SCORER: 'openai', OPENAI_API_KEY: 'sk', SCORER_DAILY_CALLS: 'lots' },
      'SCORER_DAILY_CALLS must be a whole number',
    ],
    [
      { SCORER: 'openai', OPENAI_API_KEY: 'sk', SCORER_DAILY_TOKENS: '-5' },
      'SCORER_DAILY_TOKENS must be a whole number',
    ],
    [
      { SCORER: 'openai', OPENAI_API_KEY: 'sk', SCORER_CONCURRENCY: '0' },
      'SCORER_CONCURRENCY must be a whole number ≥ 1',
    ],
  ])('refuses %j with one line naming the setting', (env, message) => {
    expect(() => scorerFromEnv(env)).toThrow(`[anonboard] [scorer] ${message}`);
    try {
      scorerFromEnv(env);
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('\n');
      expect(error).toMatchObject({ name: 'LlmScorerError', kind: 'config' });
    }
  });

  it('refuses a CA file that is not PEM', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scorer-ca-'));
    writeFileSync(join(dir, 'ca.cer'), Buffer.from([0x30, 0x82, 0x01]));
    expect(() =>
      scorerFromEnv({
        SCORER: 'gigachat',
        GIGACHAT_CREDENTIALS: CREDENTIALS,
        GIGACHAT_CA_FILE: join(dir, 'ca.cer'),
      }),
    ).toThrow(
      /^\[anonboard\] \[scorer\] GIGACHAT_CA_FILE .*ca\.cer: the custom CA must be PEM text/,
    );
  });

  it('builds a GigaChat scorer (with a CA file) that talks to the configured endpoints', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scorer-ca-'));
    writeFileSync(join(dir, 'ca.pem'), rootCertificates[0] ?? '');
    const scorer = scorerFromEnv({
      SCORER: 'gigachat',
      GIGACHAT_CREDENTIALS: CREDENTIALS,
      GIGACHAT_MODEL: 'GigaChat-Max',
      GIGACHAT_BASE_URL: `${server.url}/api/v1`,
      GIGACHAT_AUTH_URL: `${server.url}/api/v2/oauth`,
      GIGACHAT_CA_FILE: join(dir, 'ca.pem'),
    });
    expect(scorer.name).toBe('gigachat (GigaChat-Max)');
    await expect(scorer.score('собрание', context())).resolves.toMatchObject({ score: 0.83 });
    expect(server.requests[0]?.body).toBe('scope=GIGACHAT_API_PERS');
    expect(server.chats()[0]?.json?.model).toBe('GigaChat-Max');
  });

  it('builds an OpenAI-compatible scorer under a daily budget', async () => {
    const scorer = scorerFromEnv({
      SCORER: 'openai',
      OPENAI_BASE_URL: `${server.url}/v1`,
      OPENAI_MODEL: 'qwen2.5:7b',
      SCORER_DAILY_CALLS: '1',
      SCORER_DAILY_TOKENS: '100000',
    }) as BudgetedScorer;
    expect(scorer.name).toBe('openai (qwen2.5:7b)');
    expect(await scorer.score('собрание', context())).toMatchObject({ score: 0.83 });
    expect(await scorer.score('собрание', context())).toMatchObject({ scorer: 'offline (budget)' });
    expect(await scorer.usageToday()).toMatchObject({ calls: 1, tokens: 140 });
    expect(server.chats()).toHaveLength(1);
  });
});
