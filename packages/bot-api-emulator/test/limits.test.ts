import { GrammyError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { api, emulator } from './helpers.js';

describe('rate limits', () => {
  it('answers 429 with an integer retry_after over the per-chat limit', async () => {
    let now = 1_700_000_000_000;
    const emu = await emulator({ limits: { perChatPerSecond: 2 }, now: () => now });
    const client = api(emu);
    const alice = emu.user({ first_name: 'Alice' });
    const bob = emu.user({ first_name: 'Bob' });
    await client.sendMessage(alice.id, '1');
    await client.sendMessage(alice.id, '2');
    const error = (await client.sendMessage(alice.id, '3').catch((e: unknown) => e)) as GrammyError;
    expect(error).toBeInstanceOf(GrammyError);
    expect(error.error_code).toBe(429);
    expect(error.description).toBe('Too Many Requests: retry after 1');
    expect(error.parameters.retry_after).toBe(1);
    // Another chat has its own window; the sliding window frees up after a second.
    await client.sendMessage(bob.id, 'other chat');
    now += 1000;
    await client.sendMessage(alice.id, '3');
    expect(emu.stats.tooManyRequests).toBe(1);
    expect(alice.received.map((message) => message.text)).toEqual(['1', '2', '3']);
  });

  it('counts the global limit across chats and leaves non-sending methods alone', async () => {
    const now = 1_700_000_000_000;
    const emu = await emulator({ limits: { perSecond: 3 }, now: () => now });
    const client = api(emu);
    const users = [1, 2, 3, 4].map((n) => emu.user({ first_name: `U${n}` }));
    const results = await Promise.allSettled(
      users.map((user) => client.sendMessage(user.id, 'hi')),
    );
    expect(results.filter((result) => result.status === 'rejected')).toHaveLength(1);
    await client.sendChatAction(users[0]?.id ?? 0, 'typing');
    await client.getMe();
    expect(emu.stats.tooManyRequests).toBe(1);
  });
});
