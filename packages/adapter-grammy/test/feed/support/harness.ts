import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Emulator,
  type SimulatedChannel,
  type SimulatedUser,
  startEmulator,
} from '@anonboard/bot-api-emulator';
import {
  createFeed,
  type Feed,
  type FeedOptions,
  type Scorer,
  silentLogger,
} from '@anonboard/core';
import { openSqliteStorage, type SqliteStorage } from '@anonboard/storage-sqlite';
import { Api, Bot, type BotError, type Context } from 'grammy';
import { afterAll, afterEach } from 'vitest';
import {
  type AnonboardFeedOptions,
  type AnonboardFeedPlugin,
  anonboardFeed,
  configureTelegramFeed,
  createTransport,
  type RunningDispatcher,
  startFeedDispatcher,
} from '../../../src/index.js';
import { people } from '../../support/people.js';

const dir = mkdtempSync(join(tmpdir(), 'anonboard-grammy-feed-'));
let files = 0;
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a test may change; everything has a default. */
export interface FeedHarnessOptions {
  /** Replaces the offline scorer (e.g. one that fails). */
  readonly scorer?: Scorer;
  readonly plugin?: Omit<AnonboardFeedOptions, 'feed'>;
  readonly feed?: Omit<FeedOptions, 'storage' | 'transport' | 'scorer'>;
  /** Registers the host bot's own middleware after the plugin. */
  readonly after?: (bot: Bot) => void;
}

/**
 * One running feed bot: grammY over long polling + the feed plugin + a feed on a SQLite file +
 * the emulator, with two admins, a channel to publish to, a watched source channel and an
 * unwatched one, and four people (`alice`, `bob`, `carol`, `dave`) with distinctive identities.
 */
export interface FeedHarness {
  readonly emu: Emulator;
  readonly bot: Bot;
  readonly feed: Feed;
  readonly storage: SqliteStorage;
  readonly plugin: AnonboardFeedPlugin;
  /** Where approved posts go (`@district_news`). */
  readonly channel: SimulatedChannel;
  /** A watched source, «Городской чат» (`@city_chat`). */
  readonly source: SimulatedChannel;
  /** A channel nobody watches, «Чужой канал». */
  readonly unwatched: SimulatedChannel;
  readonly admins: readonly [SimulatedUser, SimulatedUser];
  readonly people: ReturnType<typeof people>;
  /** Errors that reached `bot.catch`. */
  readonly errors: BotError<Context>[];
}

/** Starts the emulator, then the feed bot on a fresh SQLite file, long polling. */
export async function startFeedHarness(options: FeedHarnessOptions = {}): Promise<FeedHarness> {
  const emu = await startEmulator();
  const storage = openSqliteStorage({ path: join(dir, `feed-${++files}.sqlite`) });
  const channel = emu.channel({ title: 'Новости района', username: 'district_news' });
  const source = emu.channel({ title: 'Городской чат', username: 'city_chat' });
  const unwatched = emu.channel({ title: 'Чужой канал' });
  const admins = [
    emu.user({ id: 500_100, first_name: 'Adminia', username: 'admin_one', language_code: 'ru' }),
    emu.user({ id: 500_200, first_name: 'Admiral', username: 'admin_two', language_code: 'ru' }),
  ] as const;
  // The outbox gets its own Api: retries are the dispatcher's job.
  const transport = createTransport(new Api(emu.token, { apiRoot: emu.apiRoot }));
  const feed = createFeed({
    storage,
    transport,
    ...(options.scorer === undefined ? {} : { scorer: options.scorer }),
    dispatcher: {
      pollIntervalMs: 20,
      backoff: { baseMs: 20, maxMs: 200 },
    },
    logger: silentLogger,
    ...options.feed,
  });
  await configureTelegramFeed(feed, {
    adminIds: admins.map((a) => a.id),
    channel: '@district_news',
  });
  await feed.addSource({
    ref: String(source.id),
    title: source.chat.title,
    link: 'https://t.me/city_chat',
  });
  const bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
  await bot.init();
  const errors: BotError<Context>[] = [];
  bot.catch((error) => {
    errors.push(error);
  });
  const plugin = anonboardFeed({ feed, standalone: true, albumWaitMs: 150, ...options.plugin });
  bot.use(plugin);
  options.after?.(bot);
  const dispatcher: RunningDispatcher = startFeedDispatcher(feed);
  await new Promise<void>((resolve, reject) => {
    bot.start({ timeout: 10, onStart: () => resolve() }).catch(reject);
  });
  cleanups.push(async () => {
    if (bot.isRunning()) await bot.stop();
    await plugin.flushAlbums();
    await dispatcher.stop();
    await storage.close();
    await emu.close();
  });
  return {
    emu,
    bot,
    feed,
    storage,
    plugin,
    channel,
    source,
    unwatched,
    admins,
    people: people(emu),
    errors,
  };
}
