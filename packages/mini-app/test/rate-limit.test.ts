import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../src/index.js';

describe('createRateLimiter', () => {
  it('is a sliding window: each request frees its slot one window after it was made', () => {
    let now = 0;
    const limiter = createRateLimiter({ max: 2, windowMs: 1000 }, () => now);
    expect(limiter.hit('a')).toEqual({ ok: true });
    now = 400;
    expect(limiter.hit('a')).toEqual({ ok: true });
    now = 500;
    expect(limiter.hit('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.hit('b')).toEqual({ ok: true });
    now = 1000; // the first request left the window
    expect(limiter.hit('a')).toEqual({ ok: true });
    expect(limiter.hit('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it('rounds Retry-After up to whole seconds', () => {
    let now = 0;
    const limiter = createRateLimiter({ max: 1, windowMs: 60_000 }, () => now);
    limiter.hit('a');
    now = 30_500;
    expect(limiter.hit('a')).toEqual({ ok: false, retryAfterSeconds: 30 });
    now = 59_999;
    expect(limiter.hit('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it('forgets idle keys, so memory follows the active people', () => {
    let now = 0;
    const limiter = createRateLimiter({ max: 1, windowMs: 1000 }, () => now);
    for (let i = 0; i < 1000; i++) limiter.hit(`user${i}`);
    now = 5000;
    // After a sweep every key starts fresh.
    expect(limiter.hit('user1')).toEqual({ ok: true });
    expect(limiter.hit('user2')).toEqual({ ok: true });
  });
});
