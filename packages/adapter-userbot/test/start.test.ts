import { Api, Logger } from 'telegram';
import { LogLevel } from 'telegram/extensions/Logger.js';
import { describe, expect, it } from 'vitest';
import { UserbotError } from '../src/errors.js';
import { createUserbotClient, startUserbot } from '../src/start.js';
import { feedSetup, recordingLogger } from './support/feed.js';
import { sessionString } from './support/session.js';
import {
  channel,
  deliver,
  fakeTelegram,
  newChannelMessage,
  offlineClient,
  post,
  rpcError,
} from './support/telegram.js';

const config = { apiId: 1, apiHash: '0123456789abcdef0123456789abcdef', session: sessionString() };
const city = channel(1234, { username: 'city_news' });

/** A client whose `connect` is a no-op: nothing here ever reaches Telegram. */
function clientWithoutNetwork(authorized: boolean) {
  const client = offlineClient();
  let connects = 0;
  Object.defineProperty(client, 'connect', {
    configurable: true,
    value: async () => {
      connects++;
      return true;
    },
  });
  const telegram = fakeTelegram(client, (request) => {
    if (request instanceof Api.updates.GetState) {
      if (!authorized)
        throw rpcError(
          new Api.RpcError({ errorCode: 401, errorMessage: 'AUTH_KEY_UNREGISTERED' }),
          request,
        );
      return new Api.updates.State({ pts: 0, qts: 0, date: 0, seq: 0, unreadCount: 0 });
    }
    if (request instanceof Api.messages.GetDialogs)
      return new Api.messages.Dialogs({ dialogs: [], messages: [], chats: [city], users: [] });
    return undefined;
  });
  return { client, telegram, connects: () => connects };
}

describe('startUserbot', () => {
  it('connects, checks the session, loads dialogs and watches', async () => {
    const { feed, calls } = await feedSetup();
    const { client, telegram, connects } = clientWithoutNetwork(true);
    const userbot = await startUserbot({
      config,
      client,
      feed,
      logger: recordingLogger(),
      refreshIntervalMs: 0,
    });
    expect(connects()).toBe(1);
    expect(telegram.of(Api.messages.GetDialogs)).toHaveLength(1);
    expect(userbot.watching().map((s) => s.ref)).toEqual(['-1001234']);
    await deliver(client, newChannelMessage(city, post(city, 3, 'собрание')));
    await userbot.idle();
    expect(calls.map((c) => c.messageId)).toEqual([3]);
    await userbot.stop();
  });

  it('refuses a session that is not logged in', async () => {
    const { feed } = await feedSetup();
    const { client } = clientWithoutNetwork(false);
    const starting = startUserbot({ config, client, feed, logger: recordingLogger() });
    await expect(starting).rejects.toThrow(UserbotError);
    await expect(starting).rejects.toMatchObject({ code: 'session_invalid' });
    await expect(starting).rejects.toThrow(/run `npx anonboard-userbot login`/);
  });
});

describe('createUserbotClient', () => {
  it('hands every FloodWait to the watcher, whose budget and log lines apply', () => {
    const client = createUserbotClient(config, { baseLogger: new Logger(LogLevel.NONE) });
    expect(client.floodSleepThreshold).toBe(0);
    expect(client.apiId).toBe(1);
  });
});
