import { createBoard, MemoryStorage } from '@anonboard/core';
import { RecordingTransport } from '@anonboard/core/testing';
import { describe, expect, it } from 'vitest';
import {
  AlbumBuffer,
  type AnonboardOptions,
  adDeepLink,
  adIdFromStartPayload,
  anonboard,
  decodeCallbackData,
  decodeLocalCallbackData,
  encodeCallbackData,
  encodeLocalCallbackData,
  GrammyAdapterError,
  parseWebAppPayload,
  startDispatcher,
} from '../src/index.js';

const board = createBoard({ storage: new MemoryStorage(), transport: new RecordingTransport() });

describe('options', () => {
  it('refuses bad options with one message naming the option', () => {
    const bad: Array<[Partial<AnonboardOptions> & Record<string, unknown>, string]> = [
      [{ albumWaitMs: -1 }, 'invalid option "albumWaitMs"'],
      [{ commands: { newad: 'New Ad' } }, 'invalid option "commands.newad"'],
      [{ commands: { newad: 'help' } }, 'two commands are named "help"'],
      [{ deepLinkPrefix: 'ad link' }, 'invalid option "deepLinkPrefix"'],
      [{ callbackPrefix: 'ü' }, 'callbackPrefix must be'],
      [{ colour: 'red' }, 'invalid option'],
      [{ standalone: 'yes' as never }, 'invalid option "standalone"'],
      [{ webAppUrl: 'http://board.example.com/' }, 'invalid option "webAppUrl": Telegram opens'],
      [{ webAppUrl: 'not a url' }, 'invalid option "webAppUrl"'],
      [{ webAppButton: 'keyboard' }, 'invalid option "webAppButton": needs webAppUrl'],
      [{ adminIds: [0] }, 'invalid option "adminIds.0"'],
      [{ adminIds: ['123'] as never }, 'invalid option "adminIds.0"'],
      [
        { webAppUrl: 'https://x.example/', webAppButton: 'menu' as 'inline' },
        'invalid option "webAppButton"',
      ],
    ];
    for (const [options, message] of bad) {
      const attempt = () => anonboard({ board, ...options } as AnonboardOptions);
      expect(attempt).toThrow(GrammyAdapterError);
      expect(attempt).toThrow(message);
      expect(attempt).toThrow(/^\[anonboard\] \[grammy\] /);
    }
    expect(() => anonboard({ board, commands: { help: false, start: 'menu' } })).not.toThrow();
    expect(() => anonboard({ board, webAppUrl: 'http://127.0.0.1:8080/' })).not.toThrow();
  });

  it('needs a board with a transport to start the dispatcher', async () => {
    const bare = createBoard({ storage: new MemoryStorage() });
    expect(() => startDispatcher(bare)).toThrow('the board has no dispatcher');
    const running = startDispatcher(board, { expireInvitesEveryMs: 0 });
    await running.stop();
  });
});

describe('links, callback data and Mini App payloads', () => {
  it('builds and reads deep links and callback data', () => {
    expect(adDeepLink({ botUsername: 'board_bot', adId: 'k3J9-x_' })).toBe(
      'https://t.me/board_bot?start=ad_k3J9-x_',
    );
    expect(adIdFromStartPayload('ad_k3J9-x_', 'ad_')).toBe('k3J9-x_');
    expect(adIdFromStartPayload('ad_', 'ad_')).toBeUndefined();
    expect(adIdFromStartPayload('promo', 'ad_')).toBeUndefined();
    expect(adIdFromStartPayload('ad_a b', 'ad_')).toBeUndefined();
    expect(decodeCallbackData('ab:', encodeCallbackData('ab:', 'tok'))).toBe('tok');
    expect(decodeCallbackData('ab:', 'host:menu')).toBeUndefined();
    // The plugin's own buttons are no core tokens: both plugins' press handlers pass them on.
    expect(encodeLocalCallbackData('ab:', 'keep')).toBe('ab:~keep');
    expect(decodeCallbackData('ab:', 'ab:~keep')).toBeUndefined();
    expect(decodeLocalCallbackData('ab:', 'ab:~keep')).toBe('keep');
    expect(decodeLocalCallbackData('ab:', 'ab:tok')).toBeUndefined();
    expect(() => encodeCallbackData('ab:', 'x'.repeat(62))).toThrow('longer than 64 bytes');
  });

  it('validates Mini App payloads and drops client-sent author ids', () => {
    expect(parseWebAppPayload('{"ad_id":"k3J9","message":"Hi","author_tg_id":1}', 4096)).toEqual({
      ok: true,
      payload: { adId: 'k3J9', message: 'Hi' },
    });
    expect(parseWebAppPayload('{', 4096)).toEqual({ ok: false, reason: 'invalid' });
    expect(parseWebAppPayload('{"ad_id":"k3J9","message":""}', 4096)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(parseWebAppPayload(`{"ad_id":"k3J9","message":"${'я'.repeat(40)}"}`, 64)).toEqual({
      ok: false,
      reason: 'too_large',
    });
  });

  it('collects album parts and delivers each album once', async () => {
    const delivered: number[][] = [];
    const albums = new AlbumBuffer(10_000, (error) => {
      throw error;
    });
    const deliver = async ({ messageIds }: { messageIds: readonly number[] }) => {
      delivered.push([...messageIds]);
    };
    albums.add('g1', 12, undefined, deliver);
    albums.add('g1', 11, undefined, deliver);
    albums.add('g1', 12, undefined, deliver);
    albums.add('g2', 20, undefined, deliver);
    expect(albums.size).toBe(2);
    await albums.flush();
    expect(delivered).toEqual([[11, 12], [20]]);
    expect(albums.size).toBe(0);
  });
});
