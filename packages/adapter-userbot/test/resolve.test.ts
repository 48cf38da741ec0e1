import { Api } from 'telegram';
import { describe, expect, it } from 'vitest';
import { SourceUnreadableError } from '../src/errors.js';
import { parseSourceInput, resolveSource, watchSource } from '../src/resolve.js';
import { feedSetup, recordingLogger } from './support/feed.js';
import { channel, fakeTelegram, offlineClient, rpcError, user } from './support/telegram.js';

const refuse = (request: Api.AnyRequest, errorMessage: string, errorCode = 400) =>
  rpcError(new Api.RpcError({ errorCode, errorMessage }), request);

/** Telegram resolving usernames to the given entities (or refusing with an error message). */
function telegramWith(entities: Record<string, Api.Channel | Api.User | string>) {
  const client = offlineClient();
  const telegram = fakeTelegram(client, (request) => {
    if (request instanceof Api.contacts.ResolveUsername) {
      const entity = entities[request.username];
      if (entity === undefined) throw refuse(request, 'USERNAME_NOT_OCCUPIED');
      if (typeof entity === 'string') throw refuse(request, entity);
      return entity instanceof Api.User
        ? new Api.contacts.ResolvedPeer({
            peer: new Api.PeerUser({ userId: entity.id }),
            chats: [],
            users: [entity],
          })
        : new Api.contacts.ResolvedPeer({
            peer: new Api.PeerChannel({ channelId: entity.id }),
            chats: [entity],
            users: [],
          });
    }
    if (request instanceof Api.channels.JoinChannel)
      return new Api.Updates({ updates: [], users: [], chats: [], date: 0, seq: 0 });
    return undefined;
  });
  return { client, telegram };
}

const quiet = { logger: recordingLogger(), sleep: async () => {} };

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SourceUnreadableError) return `${error.reason}: ${error.message}`;
    throw error;
  }
  throw new Error('expected a SourceUnreadableError');
}

describe('parseSourceInput', () => {
  it.each([
    ['@city_news', { kind: 'username', username: 'city_news' }],
    ['city_news', { kind: 'username', username: 'city_news' }],
    ['https://t.me/city_news', { kind: 'username', username: 'city_news' }],
    ['t.me/city_news/42', { kind: 'username', username: 'city_news' }],
    ['https://t.me/s/city_news', { kind: 'username', username: 'city_news' }],
    ['tg://resolve?domain=city_news', { kind: 'username', username: 'city_news' }],
    ['-1001234', { kind: 'id', ref: '-1001234' }],
    ['1234', { kind: 'id', ref: '-1001234' }],
    ['https://t.me/c/1234/56', { kind: 'id', ref: '-1001234' }],
    ['https://t.me/+AbCdEfGh12', { kind: 'invite', hash: 'AbCdEfGh12' }],
    ['https://t.me/joinchat/AbCdEfGh12', { kind: 'invite', hash: 'AbCdEfGh12' }],
    ['', undefined],
    ['hello world', undefined],
    ['https://example.com/city_news', undefined],
  ])('%s', (input, expected) => {
    expect(parseSourceInput(input)).toEqual(expected);
  });
});

describe('resolveSource', () => {
  it('resolves an @username to ref, title and link', async () => {
    const { client } = telegramWith({
      city_news: channel(1234, { title: 'Город', username: 'city_news' }),
    });
    expect(await resolveSource(client, 'https://t.me/city_news', { flood: quiet })).toEqual({
      ref: '-1001234',
      title: 'Город',
      link: 'https://t.me/city_news',
      kind: 'channel',
      member: true,
    });
  });

  it('joins a public channel when asked', async () => {
    const logger = recordingLogger();
    const { client, telegram } = telegramWith({
      city_news: channel(1234, { username: 'city_news', left: true }),
    });
    const left = await resolveSource(client, '@city_news', { flood: quiet });
    expect(left.member).toBe(false);
    expect(telegram.of(Api.channels.JoinChannel)).toHaveLength(0);

    const joined = await resolveSource(client, '@city_news', {
      join: true,
      flood: { ...quiet, logger },
    });
    expect(joined.member).toBe(true);
    expect(telegram.of(Api.channels.JoinChannel)).toHaveLength(1);
    expect(logger.lines).toEqual([
      '[anonboard] [userbot] joined https://t.me/city_news (-1001234)',
    ]);
  });

  it('retries a FloodWait, then resolves', async () => {
    const sleeps: number[] = [];
    let floods = 1;
    const client = offlineClient();
    fakeTelegram(client, (request) => {
      if (!(request instanceof Api.contacts.ResolveUsername)) return undefined;
      if (floods-- > 0) throw refuse(request, 'FLOOD_WAIT_7', 420);
      const chat = channel(1234, { username: 'city_news' });
      return new Api.contacts.ResolvedPeer({
        peer: new Api.PeerChannel({ channelId: chat.id }),
        chats: [chat],
        users: [],
      });
    });
    const source = await resolveSource(client, '@city_news', {
      flood: { logger: recordingLogger(), sleep: async (ms) => void sleeps.push(ms) },
    });
    expect(source.ref).toBe('-1001234');
    expect(sleeps).toEqual([7000]);
  });

  it('reports sources it cannot read with a clear reason', async () => {
    const { client } = telegramWith({
      gone_channel: 'CHANNEL_PRIVATE',
      banned_here: 'USER_BANNED_IN_CHANNEL',
      slow_down: 'FLOOD_WAIT_86400',
      ivan_petrov: user(42),
      closed_club: channel(77, { left: true }),
    });
    const options = { flood: quiet };
    expect(await reasonOf(resolveSource(client, '@nobody_here', options))).toMatch(
      /^not_found: \[anonboard\] \[userbot\] cannot watch "@nobody_here": no channel or group has this username$/,
    );
    expect(await reasonOf(resolveSource(client, '@gone_channel', options))).toMatch(/^private: /);
    expect(await reasonOf(resolveSource(client, '@banned_here', options))).toMatch(/^banned: /);
    expect(await reasonOf(resolveSource(client, '@slow_down', options))).toMatch(
      /^flood: .*FloodWait/,
    );
    expect(await reasonOf(resolveSource(client, '@ivan_petrov', options))).toMatch(
      /^not_a_channel: .*only channels and groups are watched/,
    );
    expect(
      await reasonOf(resolveSource(client, '@closed_club', { ...options, join: true })),
    ).toMatch(/^private: /);
    expect(await reasonOf(resolveSource(client, '-1009999', options))).toMatch(
      /^not_found: .*never seen this chat id/,
    );
    expect(await reasonOf(resolveSource(client, 'what is this', options))).toMatch(
      /^invalid_input: /,
    );
  });
});

describe('watchSource', () => {
  it('resolves, then adds the source to the feed', async () => {
    const { feed, core, admin } = await feedSetup();
    const { client } = telegramWith({
      river_news: channel(5678, { title: 'Речной', username: 'river_news' }),
    });
    const source = await watchSource(client, feed, '@river_news', {
      addedBy: admin.id,
      flood: quiet,
    });
    expect(source).toMatchObject({
      ref: '-1005678',
      title: 'Речной',
      link: 'https://t.me/river_news',
      addedBy: admin.id,
    });
    expect((await core.listSources()).map((s) => s.ref)).toContain('-1005678');
  });

  it('refuses a channel the account has not joined when join is off', async () => {
    const { feed, core } = await feedSetup();
    const { client } = telegramWith({
      river_news: channel(5678, { username: 'river_news', left: true }),
    });
    expect(await reasonOf(watchSource(client, feed, '@river_news', { flood: quiet }))).toMatch(
      /^not_member: .*pass join: true/,
    );
    expect(await core.listSources()).toHaveLength(1);
  });
});
