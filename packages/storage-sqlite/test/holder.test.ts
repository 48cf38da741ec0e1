import { existsSync } from 'node:fs';
import type { Effect, UserId } from '@anonboard/core';
import { describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../src/index.js';
import { startChild } from './spawn.js';
import { tempPath } from './temp.js';

const note = (to: string): Effect => ({ type: 'notify', to: to as UserId, text: 'relay.noChat' });

/** A database with one outbox entry in each of `lanes`. */
async function withEntries(path: string, lanes: readonly string[]): Promise<void> {
  const storage = openSqliteStorage({ path });
  await storage.transaction((tx) =>
    tx.outbox.add(
      lanes.map((lane) => ({ lane, effect: note(lane) })),
      Date.now(),
    ),
  );
  await storage.close();
}

/** What is due right now, leased by a caller who only wants to look. */
async function dueNow(path: string, released?: number): Promise<number[]> {
  const storage = openSqliteStorage({ path });
  if (released !== undefined) expect(storage.releasedLeases).toBe(released);
  try {
    return await storage.transaction(async (tx) =>
      (await tx.outbox.claim(Date.now(), 100, 1, 'look')).map((e) => e.id).sort(),
    );
  } finally {
    await storage.close();
  }
}

describe('the process that holds the file', () => {
  it('is one storage at a time, each opening under a new lease owner', async () => {
    const path = tempPath('holder');
    const first = openSqliteStorage({ path });
    const second = openSqliteStorage({ path });
    expect(first.leaseOwner).toMatch(/^[\w-]{16}$/);
    expect(second.leaseOwner).toBeUndefined();
    expect(existsSync(`${path}-holder`)).toBe(true);
    await first.close();
    await second.close();
    const third = openSqliteStorage({ path });
    expect(third.leaseOwner).toMatch(/^[\w-]{16}$/);
    expect(third.leaseOwner).not.toBe(first.leaseOwner);
    await third.close();
    // Nothing outlives an in-memory or read-only storage: no holder, no lock file.
    expect(openSqliteStorage({ path: ':memory:' }).leaseOwner).toBeUndefined();
    const reader = openSqliteStorage({ path, readonly: true });
    expect(reader.leaseOwner).toBeUndefined();
    await reader.close();
  });

  it("ends its killed predecessor's leases as it opens", async () => {
    const path = tempPath('reclaim');
    await withEntries(path, ['a', 'b']);
    // The holder leases both for ten minutes, then dies without a word.
    const holder = startChild('lease', path);
    const leased = await holder.waitFor((line) => line.startsWith('leased '));
    expect(leased).toMatch(/^leased holder \d+,\d+$/);
    holder.process.kill('SIGKILL');
    expect(await holder.exited).toBe('SIGKILL');
    // The next opening holds the file, so it knows that process is gone: both are due now.
    const ids = (leased.split(' ')[2] ?? '').split(',').map(Number).sort();
    expect(await dueNow(path, 2)).toEqual(ids);
  });

  it('leaves the leases of a live process that does not hold the file', async () => {
    const path = tempPath('beside');
    const first = openSqliteStorage({ path });
    await first.transaction((tx) =>
      tx.outbox.add(
        ['a', 'b'].map((lane) => ({ lane, effect: note(lane) })),
        Date.now(),
      ),
    );
    const beside = startChild('lease', path);
    try {
      const leased = await beside.waitFor((line) => line.startsWith('leased '));
      expect(leased).toMatch(/^leased nonholder \d+,\d+$/);
      // The holder goes; the next one releases its leases (it had none), not the live process's.
      await first.close();
      expect(await dueNow(path, 0)).toEqual([]);
    } finally {
      beside.process.kill('SIGKILL');
      await beside.exited;
    }
  });
});
