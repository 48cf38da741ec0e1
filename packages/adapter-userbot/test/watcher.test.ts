import { Api } from 'telegram';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type CursorStore, MemoryCursorStore } from '../src/catch-up.js';
import { createSourceWatcher, type IngestReport, type SourceWatcher } from '../src/watcher.js';
import { feedSetup, recordingLogger } from './support/feed.js';
import {
  channel,
  deliver,
  editChannelMessage,
  fakeTelegram,
  history,
  newChannelMessage,
  newPrivateMessage,
  offlineClient,
  post,
  privateMessage,
  rpcError,
  user,
} from './support/telegram.js';

const city = channel(1234, { title: 'Городские новости', username: 'city_news' });
const other = channel(5678, { title: 'Чужой канал' });

const running: SourceWatcher[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((w) => w.stop()));
});

async function setup(options: { cursors?: CursorStore; maxFloodWaitSeconds?: number } = {}) {
  const env = await feedSetup();
  const client = offlineClient();
  const logger = recordingLogger();
  const reports: IngestReport[] = [];
  const sleeps: number[] = [];
  const watcher = createSourceWatcher({
    client,
    feed: env.feed,
    logger,
    refreshIntervalMs: 0,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    onIngest: (r) => reports.push(r),
    ...options,
  });
  running.push(watcher);
  await watcher.start();
  const send = async (update: Parameters<typeof deliver>[1]) => {
    await deliver(client, update);
    await watcher.idle();
  };
  return { ...env, client, logger, reports, sleeps, watcher, send };
}

describe('createSourceWatcher', () => {
  it('ingests a new post of a watched source through GramJS dispatch, mapped to core', async () => {
    const { send, calls, core, results } = await setup();
    const photo = new Api.MessageMediaPhoto({});
    await send(
      newChannelMessage(city, post(city, 7, 'Завтра общее собрание жильцов', { media: photo })),
    );

    expect(calls).toEqual([
      {
        sourceRef: '-1001234',
        messageId: 7,
        text: 'Завтра общее собрание жильцов',
        media: 'photo',
        date: (1_700_000_000 + 7) * 1000,
        link: 'https://t.me/city_news/7',
        via: 'userbot',
      },
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['queued']);
    const [item] = await core.queue();
    expect(item?.text).toBe('Завтра общее собрание жильцов');
  });

  it('never passes unwatched channels or private chats to ingest', async () => {
    const { send, calls } = await setup();
    const ivan = user(42);
    await send(newChannelMessage(other, post(other, 1, 'собрание в чужом канале')));
    await send(newPrivateMessage(ivan, privateMessage(ivan, 2, 'собрание, личное')));
    await send(editChannelMessage(other, post(other, 1, 'собрание!', { editDate: 1 })));
    expect(calls).toEqual([]);
  });

  it('queues the same update delivered twice once; core reports the duplicate', async () => {
    const { send, core, reports } = await setup();
    const update = newChannelMessage(city, post(city, 8, 'Собрание перенесли'));
    await send(update);
    await send(update);
    expect(reports.map((r) => (r.kind === 'message' ? r.outcome : r.kind))).toEqual([
      'queued',
      'duplicate',
    ]);
    expect(await core.queue()).toHaveLength(1);
  });

  it('applies an edit to the waiting item, once per edit', async () => {
    const { send, core, reports } = await setup();
    await send(newChannelMessage(city, post(city, 9, 'Собрание в 18:00')));
    const edit = editChannelMessage(
      city,
      post(city, 9, 'Собрание в 19:00', { editDate: 1_700_000_100 }),
    );
    await send(edit);
    await send(edit);
    const [item] = await core.queue();
    expect(item?.text).toBe('Собрание в 19:00');
    expect(reports.filter((r) => r.kind === 'edit')).toEqual([
      { kind: 'edit', sourceRef: '-1001234', messageId: 9, changed: true },
      { kind: 'edit', sourceRef: '-1001234', messageId: 9, changed: false },
    ]);
  });

  it('an edit that adds a keyword to a dropped post queues it, marked edited', async () => {
    const { send, core, reports } = await setup();
    await send(newChannelMessage(city, post(city, 11, 'Продам гараж')));
    expect(await core.queue()).toEqual([]);
    await send(
      editChannelMessage(
        city,
        post(city, 11, 'Продам гараж. Собрание жильцов в среду', { editDate: 1_700_000_300 }),
      ),
    );
    const [item] = await core.queue();
    expect(item).toMatchObject({
      text: 'Продам гараж. Собрание жильцов в среду',
      score: { value: 0.9 },
      editedAt: expect.any(Number),
    });
    expect(reports.filter((r) => r.kind === 'edit')).toEqual([
      { kind: 'edit', sourceRef: '-1001234', messageId: 11, changed: true },
    ]);
  });

  it('keeps an edit behind its message when both arrive at once', async () => {
    const { client, watcher, core } = await setup();
    await deliver(client, newChannelMessage(city, post(city, 10, 'Собрание: черновик')));
    await deliver(
      client,
      editChannelMessage(city, post(city, 10, 'Собрание: итог', { editDate: 1_700_000_200 })),
    );
    await watcher.idle();
    expect((await core.queue())[0]?.text).toBe('Собрание: итог');
  });

  it('picks up a source added at run time, and drops a removed one', async () => {
    const { send, calls, core, watcher, source } = await setup();
    await send(newChannelMessage(other, post(other, 1, 'собрание до добавления')));
    expect(calls).toHaveLength(0);

    await core.addSource({ ref: '-1005678', title: 'Чужой канал' });
    await watcher.refresh();
    await send(newChannelMessage(other, post(other, 2, 'собрание после добавления')));
    expect(calls.map((c) => [c.sourceRef, c.messageId])).toEqual([['-1005678', 2]]);
    expect(calls[0]?.link).toBeUndefined(); // a private channel has no public link

    await core.removeSource(source.id);
    await watcher.refresh();
    await send(newChannelMessage(city, post(city, 11, 'собрание после удаления')));
    expect(calls).toHaveLength(1);
  });

  it('re-reads the sources on its interval', async () => {
    const env = await feedSetup();
    const client = offlineClient();
    const watcher = createSourceWatcher({
      client,
      feed: env.feed,
      logger: recordingLogger(),
      refreshIntervalMs: 5,
    });
    running.push(watcher);
    await watcher.start();
    await env.core.addSource({ ref: '-1005678', title: 'Чужой канал' });
    await vi.waitFor(() => expect(watcher.watching().map((s) => s.ref)).toContain('-1005678'));
  });

  it('skips caption-less parts of an album; the captioned part carries its text', async () => {
    const { send, calls } = await setup();
    const photo = new Api.MessageMediaPhoto({});
    await send(
      newChannelMessage(city, post(city, 20, 'Фото с собрания', { media: photo, groupedId: 5 })),
    );
    await send(newChannelMessage(city, post(city, 21, '', { media: photo, groupedId: 5 })));
    expect(calls.map((c) => c.messageId)).toEqual([20]);
  });

  it('catches up missed messages after a reconnect, oldest first, through core dedup', async () => {
    const { client, send, calls, reports, core } = await setup();
    const posts = [7, 8, 9].map((id) => post(city, id, `собрание №${id}`));
    const telegram = fakeTelegram(client, (request) =>
      request instanceof Api.messages.GetHistory ? history(request, city, posts) : undefined,
    );
    await send(newChannelMessage(city, posts[0] ?? post(city, 7, '')));
    await send(UpdateState.disconnected);
    expect(calls).toHaveLength(1);
    await send(UpdateState.connected);

    expect(telegram.of(Api.messages.GetHistory)).toHaveLength(1);
    expect(calls.map((c) => c.messageId)).toEqual([7, 8, 9]);
    expect(reports.filter((r) => r.kind === 'message' && r.via === 'catch-up')).toHaveLength(2);
    expect(await core.queue()).toHaveLength(3);
  });

  it('never queues an item twice when a catch-up refetches what was already ingested', async () => {
    // A cursor store that lost its last write: catch-up refetches message 8.
    const stale: CursorStore = { get: async () => 7, set: async () => {} };
    const { client, send, watcher, results, core } = await setup({ cursors: stale });
    const posts = [7, 8].map((id) => post(city, id, `собрание №${id}`));
    fakeTelegram(client, (request) =>
      request instanceof Api.messages.GetHistory ? history(request, city, posts) : undefined,
    );
    await send(newChannelMessage(city, posts[1] ?? post(city, 8, '')));
    const report = await watcher.catchUp();
    expect(report).toEqual({ sources: 1, messages: 1, failed: [] });
    expect(results.map((r) => r.outcome)).toEqual(['queued', 'duplicate']);
    expect(await core.queue()).toHaveLength(1);
  });

  it('honours FloodWait during catch-up: logs one line, waits, retries', async () => {
    const { client, send, watcher, calls, sleeps, logger } = await setup();
    await send(newChannelMessage(city, post(city, 7, 'собрание №7')));
    const posts = [8].map((id) => post(city, id, `собрание №${id}`));
    let floods = 1;
    fakeTelegram(client, (request) => {
      if (!(request instanceof Api.messages.GetHistory)) return undefined;
      if (floods-- > 0)
        throw rpcError(new Api.RpcError({ errorCode: 420, errorMessage: 'FLOOD_WAIT_3' }), request);
      return history(request, city, posts);
    });
    const report = await watcher.catchUp();
    expect(report).toEqual({ sources: 1, messages: 1, failed: [] });
    expect(sleeps).toEqual([3000]);
    expect(calls.map((c) => c.messageId)).toEqual([7, 8]);
    expect(logger.lines.filter((l) => l.includes('FloodWait'))).toEqual([
      '[anonboard] [userbot] FloodWait: waiting 3 s before retrying getMessages -1001234',
    ]);
  });

  it('gives up a FloodWait over the budget with a log line and goes on', async () => {
    const { client, send, watcher, calls, sleeps, logger } = await setup({
      maxFloodWaitSeconds: 60,
    });
    await send(newChannelMessage(city, post(city, 7, 'собрание №7')));
    fakeTelegram(client, (request) => {
      if (request instanceof Api.messages.GetHistory)
        throw rpcError(
          new Api.RpcError({ errorCode: 420, errorMessage: 'FLOOD_WAIT_3600' }),
          request,
        );
      return undefined;
    });
    const report = await watcher.catchUp();
    expect(report.failed).toEqual(['-1001234']);
    expect(sleeps).toEqual([]);
    expect(calls).toHaveLength(1);
    expect(logger.lines).toContain(
      '[anonboard] [userbot] FloodWait 3600 s on getMessages -1001234 exceeds maxFloodWaitSeconds 60: giving up',
    );
  });

  it('catches up a channel Telegram reports as too long', async () => {
    const { client, send, calls } = await setup();
    await send(newChannelMessage(city, post(city, 7, 'собрание №7')));
    const posts = [8, 9].map((id) => post(city, id, `собрание №${id}`));
    fakeTelegram(client, (request) =>
      request instanceof Api.messages.GetHistory ? history(request, city, posts) : undefined,
    );
    await send(new Api.UpdateChannelTooLong({ channelId: city.id }));
    expect(calls.map((c) => c.messageId)).toEqual([7, 8, 9]);
  });

  it('catches up at start from a persisted cursor, finding the chat by its public username', async () => {
    const cursors = new MemoryCursorStore();
    await cursors.set('-1001234', 7); // as a persistent store would have it after a restart
    const env = await feedSetup();
    const client = offlineClient();
    const posts = [7, 8].map((id) => post(city, id, `собрание №${id}`));
    const telegram = fakeTelegram(client, (request) => {
      if (request instanceof Api.contacts.ResolveUsername && request.username === 'city_news')
        return new Api.contacts.ResolvedPeer({
          peer: new Api.PeerChannel({ channelId: city.id }),
          chats: [city],
          users: [],
        });
      if (request instanceof Api.messages.GetHistory) return history(request, city, posts);
      return undefined;
    });
    const watcher = createSourceWatcher({
      client,
      feed: env.feed,
      cursors,
      logger: recordingLogger(),
      refreshIntervalMs: 0,
    });
    running.push(watcher);
    await watcher.start();
    expect(telegram.of(Api.contacts.ResolveUsername)).toHaveLength(1);
    expect(env.calls.map((c) => c.messageId)).toEqual([8]);
    expect(await cursors.get('-1001234')).toBe(8);
  });

  it('stops gracefully: waits for in-flight ingests, removes its handlers, disconnects', async () => {
    const env = await feedSetup();
    const client = offlineClient();
    const destroy = vi.spyOn(client, 'destroy');
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const finished: number[] = [];
    const watcher = createSourceWatcher({
      client,
      logger: recordingLogger(),
      refreshIntervalMs: 0,
      feed: {
        ...env.feed,
        ingest: async (message) => {
          await gate;
          const result = await env.feed.ingest(message);
          finished.push(message.messageId);
          return result;
        },
      },
    });
    await watcher.start();
    expect(client.listEventHandlers()).toHaveLength(3);
    await deliver(client, newChannelMessage(city, post(city, 30, 'собрание')));
    const stopping = watcher.stop();
    await deliver(client, newChannelMessage(city, post(city, 31, 'собрание после stop')));
    expect(finished).toEqual([]);
    release();
    await stopping;
    expect(finished).toEqual([30]);
    expect(client.listEventHandlers()).toHaveLength(0);
    expect(destroy).toHaveBeenCalledOnce();
  });
});

const UpdateState = { disconnected: -1, connected: 1 } as const;
