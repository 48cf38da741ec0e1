import { createFeed, MemoryStorage } from '@anonboard/core';
import { RecordingTransport } from '@anonboard/core/testing';
import { describe, expect, it } from 'vitest';
import { parseThreshold, readKeywordInput } from '../../src/feed/format.js';
import {
  type AnonboardFeedOptions,
  anonboardFeed,
  configureTelegramFeed,
  GrammyAdapterError,
  parseSourceArgument,
  startFeedDispatcher,
} from '../../src/index.js';

const feed = createFeed({ storage: new MemoryStorage(), transport: new RecordingTransport() });

describe('feed plugin options', () => {
  it('refuses bad options with one message naming the option', () => {
    const bad: Array<[Partial<AnonboardFeedOptions> & Record<string, unknown>, string]> = [
      [{ albumWaitMs: -1 }, 'invalid option "albumWaitMs"'],
      [{ suggestWaitMs: 10 }, 'invalid option "suggestWaitMs"'],
      [{ commands: { suggest: 'Suggest!' } }, 'invalid option "commands.suggest"'],
      [{ commands: { suggest: 'help' } }, 'two commands are named "help"'],
      [{ callbackPrefix: 'ü' }, 'callbackPrefix must be'],
      [{ sources: { resolve: 'no' } as never }, 'invalid option "sources"'],
      [{ board: feed }, 'invalid option'],
      [{ standalone: 1 as never }, 'invalid option "standalone"'],
    ];
    for (const [options, message] of bad) {
      const attempt = () => anonboardFeed({ feed, ...options } as AnonboardFeedOptions);
      expect(attempt).toThrow(GrammyAdapterError);
      expect(attempt).toThrow(message);
    }
    expect(() => anonboardFeed({ board: feed } as never)).toThrow('invalid option "feed"');
    expect(() => anonboardFeed({ feed, commands: { start: false, help: 'about' } })).not.toThrow();
  });

  it('needs a feed with a transport to start the dispatcher', async () => {
    expect(() => startFeedDispatcher(createFeed({ storage: new MemoryStorage() }))).toThrow(
      'the feed has no dispatcher',
    );
    const running = startFeedDispatcher(feed, { expireItemsAfterMs: 0 });
    await running.stop();
  });

  it('configures admins by Telegram id and the channel', async () => {
    const settings = await configureTelegramFeed(feed, { adminIds: [42, 43], channel: -100123 });
    const admin = await feed.identify({ platformId: '42' });
    expect(settings.channel).toBe('-100123');
    expect(settings.admins).toHaveLength(2);
    expect(await feed.isAdmin(admin.id)).toBe(true);
    await expect(configureTelegramFeed(feed, { adminIds: [0] })).rejects.toThrow(
      'admin id 0 is not a Telegram user id',
    );
  });

  it('parses what people type', () => {
    expect(parseSourceArgument('-1001234567890 Городские новости')).toEqual({
      kind: 'id',
      ref: '-1001234567890',
      title: 'Городские новости',
    });
    expect(parseSourceArgument('@city_news')).toEqual({
      kind: 'username',
      username: 'city_news',
      title: undefined,
    });
    for (const link of ['https://t.me/city_news/42', 't.me/s/city_news', 'telegram.me/city_news'])
      expect(parseSourceArgument(link)).toMatchObject({ kind: 'username', username: 'city_news' });
    expect(parseSourceArgument('t.me/c/1234/5')).toMatchObject({ kind: 'id', ref: '-1001234' });
    for (const bad of ['', 'city news', '@ab', 'https://example.com/x', '123'])
      expect(parseSourceArgument(bad)).toBeUndefined();

    const say: Parameters<typeof readKeywordInput>[0] = (key, params) =>
      feed.texts.render(key, params, 'ru');
    expect(readKeywordInput(say, ' a, b ;\nA,, c ')).toEqual({ keywords: ['a', 'b', 'c'] });
    expect(readKeywordInput(say, `a, "${'б'.repeat(200)}"`)).toEqual({
      refusal: `слишком длинное: «${'б'.repeat(59)}…» (не больше 100 символов)`,
    });
    expect([0, 1, 0.6, 0.75, 1].map(String).map(parseThreshold)).toEqual([0, 1, 0.6, 0.75, 1]);
    expect(parseThreshold('0,6')).toBe(0.6);
    expect(parseThreshold('.5')).toBe(0.5);
    for (const bad of ['1.5', '-0.1', 'abc', '', '1e-1', 'NaN', '0.5.1'])
      expect(parseThreshold(bad)).toBeUndefined();
  });
});
