import { Api, errors } from 'telegram';
import { describe, expect, it } from 'vitest';
import { UserbotError } from '../src/errors.js';
import { floodWaitSeconds, withFloodWait } from '../src/flood.js';
import { recordingLogger } from './support/feed.js';
import { rpcError } from './support/telegram.js';

const request = new Api.updates.GetState();
const flood = (seconds: number) => new errors.FloodWaitError({ request, capture: seconds });

describe('floodWaitSeconds', () => {
  it('reads FloodWaitError, FLOOD_WAIT_X and FLOOD_PREMIUM_WAIT_X', () => {
    expect(floodWaitSeconds(flood(17))).toBe(17);
    expect(
      floodWaitSeconds(
        rpcError(new Api.RpcError({ errorCode: 420, errorMessage: 'FLOOD_WAIT_5' }), request),
      ),
    ).toBe(5);
    expect(
      floodWaitSeconds(
        rpcError(
          new Api.RpcError({ errorCode: 420, errorMessage: 'FLOOD_PREMIUM_WAIT_9' }),
          request,
        ),
      ),
    ).toBe(9);
    expect(floodWaitSeconds(new Error('FLOOD_WAIT_5'))).toBeUndefined();
    expect(floodWaitSeconds('nope')).toBeUndefined();
  });
});

describe('withFloodWait', () => {
  function policy(maxFloodWaitSeconds = 300) {
    const sleeps: number[] = [];
    const logger = recordingLogger();
    return {
      sleeps,
      logger,
      policy: {
        maxFloodWaitSeconds,
        maxRetries: 3,
        logger,
        sleep: async (ms: number) => {
          sleeps.push(ms);
        },
      },
    };
  }

  it('waits what Telegram asks, logging one line per wait, then retries', async () => {
    const { sleeps, logger, policy: p } = policy();
    const failures = [flood(2), flood(4)];
    const result = await withFloodWait(
      'getEntity @x',
      async () => {
        const failure = failures.shift();
        if (failure) throw failure;
        return 'ok';
      },
      p,
    );
    expect(result).toBe('ok');
    expect(sleeps).toEqual([2000, 4000]);
    expect(logger.lines).toEqual([
      '[anonboard] [userbot] FloodWait: waiting 2 s before retrying getEntity @x',
      '[anonboard] [userbot] FloodWait: waiting 4 s before retrying getEntity @x',
    ]);
  });

  it('gives up a wait over the budget with one log line', async () => {
    const { sleeps, logger, policy: p } = policy(60);
    const failing = withFloodWait('getEntity @x', () => Promise.reject(flood(61)), p);
    await expect(failing).rejects.toThrow(UserbotError);
    await expect(failing).rejects.toMatchObject({ code: 'flood_wait' });
    expect(sleeps).toEqual([]);
    expect(logger.lines).toEqual([
      '[anonboard] [userbot] FloodWait 61 s on getEntity @x exceeds maxFloodWaitSeconds 60: giving up',
    ]);
  });

  it('gives up after maxRetries waits in a row', async () => {
    const { sleeps, logger, policy: p } = policy();
    await expect(withFloodWait('x', () => Promise.reject(flood(1)), p)).rejects.toMatchObject({
      code: 'flood_wait',
    });
    expect(sleeps).toHaveLength(3);
    expect(logger.lines.at(-1)).toBe(
      '[anonboard] [userbot] FloodWait 1 s on x came 4 times in a row: giving up',
    );
  });

  it('lets other errors through untouched', async () => {
    const { sleeps, policy: p } = policy();
    const boom = new Error('boom');
    await expect(withFloodWait('x', () => Promise.reject(boom), p)).rejects.toBe(boom);
    expect(sleeps).toEqual([]);
  });
});
