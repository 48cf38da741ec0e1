import { startEmulator } from '@anonboard/bot-api-emulator';
import { silentLogger, TransportError } from '@anonboard/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createGrammyBot } from '../src/grammy-bot.js';
import { sendLimitsFrom, sendRateSettings } from '../src/tuning.js';

/** Sends three texts into one chat at once through the bot's transport; counts the 429s. */
async function burst(
  sendRate: Record<string, string>,
): Promise<{ delivered: number; refused: number }> {
  // Two a second into one chat, then 429: paced at one a second, jitter in arrival stays clear.
  const emu = await startEmulator({ limits: { perChatPerSecond: 2 } });
  const alice = emu.user({ first_name: 'Alice' });
  const settings = z.object(sendRateSettings).parse(sendRate);
  const { transport } = createGrammyBot(
    { botToken: emu.token, apiRoot: emu.apiRoot, sendLimits: sendLimitsFrom(settings) },
    silentLogger,
  );
  try {
    const sent = await Promise.allSettled(
      ['one', 'two', 'three'].map((text) => transport.sendText({ to: String(alice.id), text })),
    );
    const refused = sent.filter(
      (s) =>
        s.status === 'rejected' &&
        s.reason instanceof TransportError &&
        s.reason.failure.kind === 'rate_limited',
    ).length;
    return { delivered: alice.received.length, refused };
  } finally {
    await emu.close();
  }
}

describe('the outbox transport of createGrammyBot', () => {
  it('sends at SEND_RATE_PER_CHAT, so one chat gets no 429', async () => {
    expect(await burst({ SEND_RATE_PER_CHAT: '1' })).toEqual({ delivered: 3, refused: 0 });
  });

  it('without it sends as fast as 30 a second allows, and one chat gets 429s', async () => {
    const { delivered, refused } = await burst({});
    expect(refused).toBeGreaterThan(0);
    expect(delivered + refused).toBe(3);
  });
});
