import { describe, expect, it } from 'vitest';
import { createSemaphore } from '../src/index.js';

/** A promise with its resolver, to finish tasks when the test says so. */
function gate() {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe('createSemaphore', () => {
  it('runs at most `limit` tasks at once, the others in arrival order', async () => {
    const semaphore = createSemaphore(2);
    const gates = [gate(), gate(), gate(), gate()];
    const started: number[] = [];
    const runs = gates.map((g, i) =>
      semaphore.run(async () => {
        started.push(i);
        await g.promise;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect([semaphore.inFlight, semaphore.waiting]).toEqual([2, 2]);
    gates[1]?.open();
    await runs[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect([semaphore.inFlight, semaphore.waiting]).toEqual([0, 0]);
  });

  it('frees the slot when a task throws', async () => {
    const semaphore = createSemaphore(1);
    await expect(semaphore.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    await expect(semaphore.run(async () => 'next')).resolves.toBe('next');
  });

  it('drops a waiter whose signal fires, without running its task', async () => {
    const semaphore = createSemaphore(1);
    const first = gate();
    const running = semaphore.run(() => first.promise);
    const controller = new AbortController();
    let ran = false;
    const waiting = semaphore.run(async () => {
      ran = true;
    }, controller.signal);
    expect(semaphore.waiting).toBe(1);
    controller.abort(new Error('deadline'));
    await expect(waiting).rejects.toThrow('deadline');
    expect(semaphore.waiting).toBe(0);
    first.open();
    await running;
    expect(ran).toBe(false);
    expect(semaphore.inFlight).toBe(0);
  });

  it('refuses a limit below 1', () => {
    expect(() => createSemaphore(0)).toThrow(
      '[anonboard] [scorer] concurrency must be a positive integer, got 0',
    );
  });
});
