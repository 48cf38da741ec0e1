import { describe, expect, it } from 'vitest';
import { abortableSleep, LlmScorerError, parseRetryAfter, withRetry } from '../src/index.js';

const recorder = () => {
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
  };
  return { waits, sleep };
};
const signal = () => new AbortController().signal;
const failing = (kind: 'server' | 'rate_limited' | 'rejected', retryAfterMs?: number) =>
  new LlmScorerError(kind, `failed (${kind})`, retryAfterMs === undefined ? {} : { retryAfterMs });

describe('withRetry', () => {
  it('retries retryable errors with exponential backoff and jitter', async () => {
    const { waits, sleep } = recorder();
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls += 1;
        if (calls < 4) throw failing('server');
        return 'ok';
      },
      { signal: signal(), sleep, baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.5 },
    );
    expect(result).toBe('ok');
    // equal jitter: half fixed, half random (here 0.5) of 100, 200, 400
    expect(waits).toEqual([75, 150, 300]);
  });

  it('is bounded: throws the last error after maxAttempts, noting them', async () => {
    const { waits, sleep } = recorder();
    let calls = 0;
    const run = withRetry(
      async () => {
        calls += 1;
        throw failing('rate_limited');
      },
      { signal: signal(), sleep, maxAttempts: 3 },
    );
    await expect(run).rejects.toMatchObject({
      kind: 'rate_limited',
      message: '[anonboard] [scorer] failed (rate_limited) (gave up after 3 attempts)',
    });
    expect(calls).toBe(3);
    expect(waits).toHaveLength(2);
  });

  it('never waits less than Retry-After, and gives up when it is too long', async () => {
    const { waits, sleep } = recorder();
    let calls = 0;
    await withRetry(
      async () => {
        calls += 1;
        if (calls === 1) throw failing('rate_limited', 5000);
        return 'ok';
      },
      { signal: signal(), sleep, baseDelayMs: 10 },
    );
    expect(waits).toEqual([5000]);
    await expect(
      withRetry(async () => Promise.reject(failing('rate_limited', 120_000)), {
        signal: signal(),
        sleep,
      }),
    ).rejects.toThrow('the server asked to wait 120 s');
  });

  it('does not retry other errors', async () => {
    let calls = 0;
    const run = withRetry(
      async () => {
        calls += 1;
        throw failing('rejected');
      },
      { signal: signal() },
    );
    await expect(run).rejects.toMatchObject({ kind: 'rejected' });
    expect(calls).toBe(1);
  });

  it('stops waiting as soon as the signal fires', async () => {
    const controller = new AbortController();
    let calls = 0;
    const run = withRetry(
      async () => {
        calls += 1;
        if (calls === 1) setTimeout(() => controller.abort(new Error('deadline')), 0);
        throw failing('server');
      },
      { signal: controller.signal, baseDelayMs: 60_000 },
    );
    await expect(run).rejects.toThrow('deadline');
    expect(calls).toBe(1);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('0.5')).toBe(500);
    expect(
      parseRetryAfter('Sat, 21 Nov 2026 12:00:03 GMT', Date.parse('2026-11-21T12:00:00Z')),
    ).toBe(3000);
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('abortableSleep', () => {
  it('rejects at once with the reason of a fired signal', async () => {
    await expect(abortableSleep(60_000, AbortSignal.abort(new Error('stop')))).rejects.toThrow(
      'stop',
    );
    await expect(abortableSleep(0, signal())).resolves.toBeUndefined();
  });
});
