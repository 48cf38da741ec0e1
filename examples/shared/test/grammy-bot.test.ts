import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { anonboard, anonboardFeed } from '@anonboard/adapter-grammy';
import { startEmulator } from '@anonboard/bot-api-emulator';
import {
  createBoard,
  createFeed,
  MemoryStorage,
  silentLogger,
  TransportError,
} from '@anonboard/core';
import { RecordingLogger } from '@anonboard/core/testing';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BotApiError, createGrammyBot } from '../src/grammy-bot.js';
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

describe('reaching the Bot API at start', () => {
  const token = '123456:SECRET-token';

  it('an unreachable Bot API: an error line naming the URL and what failed, retried with a growing pause', async () => {
    const port = await freePort();
    const apiRoot = `http://127.0.0.1:${port}`;
    const logger = new RecordingLogger();
    const telegram = createGrammyBot({ botToken: token, apiRoot }, logger, {
      firstMs: 50,
      maxMs: 200,
    });
    const starting = telegram.init();
    await until(() => logger.lines.length >= 4);
    expect(logger.lines.slice(0, 4)).toEqual(
      [50, 100, 200, 200].map((retryInMs, i) => ({
        level: 'error',
        message: 'the Bot API cannot be reached: retrying',
        fields: {
          component: 'grammy',
          url: apiRoot,
          method: 'getMe',
          attempt: i + 1,
          error: 'network error ECONNREFUSED',
          retryInMs,
        },
      })),
    );
    expect(JSON.stringify(logger.lines)).not.toContain('SECRET');
    // The Bot API comes up: the bot starts.
    const emu = await startEmulator({ port, token });
    try {
      await starting;
      expect(telegram.bot.botInfo.id).toBe(123456);
    } finally {
      await telegram.stop();
      await emu.close();
    }
  });

  it('stops with one clear error for a token the Bot API refuses, or an address that is no Bot API', async () => {
    const emu = await startEmulator({ token: '999:OTHER' });
    try {
      const refused = createGrammyBot({ botToken: token, apiRoot: emu.apiRoot }, silentLogger);
      await expect(refused.init()).rejects.toThrow(
        new BotApiError(
          `the Bot API at ${emu.apiRoot} refused the token (401 Unauthorized): check BOT_TOKEN`,
          emu.apiRoot,
        ),
      );
      const elsewhere = `${emu.apiRoot}/not-the-api`;
      const wrong = createGrammyBot({ botToken: token, apiRoot: elsewhere }, silentLogger);
      await expect(wrong.init()).rejects.toThrow(
        `${elsewhere} answered getMe with 404 Not Found: is TELEGRAM_API_ROOT a Bot API server?`,
      );
    } finally {
      await emu.close();
    }
  });

  it('polling that fails later is a warning each time grammY retries', async () => {
    const port = await freePort();
    const emu = await startEmulator({ port, token });
    const logger = new RecordingLogger();
    const telegram = createGrammyBot({ botToken: token, apiRoot: emu.apiRoot }, logger);
    await telegram.init();
    await telegram.startPolling();
    await emu.close(); // the Bot API goes away under a running bot
    await until(() => logger.at('warn').length > 0);
    expect(logger.at('warn')[0]).toMatchObject({
      message: 'polling the Bot API failed: grammY retries',
      fields: { component: 'grammy', url: emu.apiRoot },
    });
    expect(JSON.stringify(logger.lines)).not.toContain('SECRET');
    const back = await startEmulator({ port, token });
    await telegram.stop();
    await back.close();
  });

  it('stop() ends the retries', async () => {
    const logger = new RecordingLogger();
    const telegram = createGrammyBot(
      { botToken: token, apiRoot: `http://127.0.0.1:${await freePort()}` },
      logger,
      { firstMs: 60_000, maxMs: 60_000 },
    );
    const starting = telegram.init();
    await until(() => logger.lines.length === 1);
    await telegram.stop();
    await expect(starting).rejects.toThrow('stopped while reaching the Bot API');
  });
});

/** Polls `condition` every 10 ms (for up to 10 s). */
describe('a failed update in the examples’ bots', () => {
  // Issue #14, item 7: the line an operator reads names the method and Telegram's answer, never
  // the chat id or the text of the request (both bots, the board's and the monitor's plugin).
  it.each([
    'board',
    'feed',
  ] as const)('the %s plugin’s failure is one error line without the person’s id or text', async (which) => {
    const emu = await startEmulator();
    const alice = emu.user({ id: 741_852_963, first_name: 'Alisandra' });
    const logger = new RecordingLogger();
    const telegram = createGrammyBot({ botToken: emu.token, apiRoot: emu.apiRoot }, logger);
    const storage = new MemoryStorage();
    const { transport } = telegram;
    telegram.bot.use(
      which === 'board'
        ? anonboard({ board: createBoard({ storage, transport, logger }), standalone: true })
        : anonboardFeed({ feed: createFeed({ storage, transport, logger }), standalone: true }),
    );
    try {
      await telegram.init();
      await telegram.startPolling();
      emu.fail(alice, { kind: 'serverError', methods: ['sendMessage'] });
      if (which === 'board') await alice.command('newad', 'Тайный велосипед 4417');
      else await alice.command('keywords', 'велосипед4417');
      await until(() => logger.at('error').length > 0);
      const line = logger.at('error')[0];
      expect(line).toMatchObject({
        message: 'an update failed',
        fields: { component: 'grammy', error: { code: '500', method: 'sendMessage' } },
      });
      const loud = inspect(
        logger.lines.filter((l) => l.level !== 'debug'),
        { depth: 20 },
      );
      expect(loud).not.toContain(String(alice.id));
      expect(loud).not.toContain('4417');
    } finally {
      await telegram.stop();
      await emu.close();
    }
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 10_000) throw new Error('condition never held');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A port nothing listens on (it was free a moment ago). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
