import { describe, expect, it } from 'vitest';
import { createPacer } from '../src/pace.js';

/** A virtual clock: sleeping moves time, so the test is instant and exact. */
function virtualClock() {
  let t = 0;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
    },
  };
}

describe('the send pacer', () => {
  it('keeps any 1.05 s window at or under perSecond', async () => {
    const clock = virtualClock();
    const pace = createPacer({ perSecond: 30 }, clock);
    const times: number[] = [];
    for (let i = 0; i < 100; i++) {
      await pace(`chat${i}`);
      times.push(clock.now());
    }
    for (const t of times)
      expect(times.filter((u) => u > t - 1050 && u <= t).length).toBeLessThanOrEqual(30);
    expect(times[29]).toBe(0); // a burst of 30 goes at once
    expect(times[30]).toBe(1050);
  });

  it('spaces sends to one chat, without holding other chats back', async () => {
    const clock = virtualClock();
    const pace = createPacer({ perSecond: null, perChatPerSecond: 1 }, clock);
    await pace('a');
    await pace('b');
    expect(clock.now()).toBe(0);
    await pace('a');
    expect(clock.now()).toBe(1050);
  });

  it('no limits: never waits', async () => {
    const clock = virtualClock();
    const pace = createPacer({ perSecond: null }, clock);
    for (let i = 0; i < 1000; i++) await pace('a');
    expect(clock.now()).toBe(0);
  });
});
