import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, type EmulatorOptions, startEmulator } from '@anonboard/bot-api-emulator';
import {
  type Board,
  type BoardOptions,
  createBoard,
  createFeed,
  silentLogger,
} from '@anonboard/core';
import { openSqliteStorage, type SqliteStorage } from '@anonboard/storage-sqlite';
import { Api, Bot, type BotError, type Context } from 'grammy';
import { afterAll, afterEach } from 'vitest';
import {
  type AnonboardOptions,
  type AnonboardPlugin,
  anonboard,
  configureTelegramFeed,
  createTransport,
  type RunningDispatcher,
  startDispatcher,
} from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'anonboard-grammy-'));
let files = 0;
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** How updates reach the bot: grammY's long polling, or nothing (tests call `bot.handleUpdate`). */
export type Feed = 'polling' | 'manual';

/** What a test may change; everything has a default. */
export interface HarnessOptions {
  readonly emulator?: EmulatorOptions;
  readonly plugin?: Omit<AnonboardOptions, 'board'>;
  readonly board?: Omit<BoardOptions, 'storage' | 'transport'>;
  /** Telegram ids of the moderators report cards go to (the shared moderation queue's admins). */
  readonly moderators?: readonly number[];
  readonly feed?: Feed;
  /** Registers the host bot's own middleware before (`before`) or after (`after`) the plugin. */
  readonly host?: { before?: (bot: Bot) => void; after?: (bot: Bot) => void };
  /** Installed on `bot.api` (the bot's own replies), never on the outbox's transport. */
  readonly apiTransformers?: Parameters<Api['config']['use']>;
}

/** One running bot: grammY + the plugin + a board on a SQLite file + the emulator. */
export interface Running {
  readonly bot: Bot;
  readonly board: Board;
  readonly storage: SqliteStorage;
  readonly plugin: AnonboardPlugin;
  /** Errors that reached `bot.catch`. */
  readonly errors: BotError<Context>[];
}

/** A test rig; `restart()` replaces the bot and the board, keeping the database file. */
export interface Harness {
  readonly emu: Emulator;
  readonly path: string;
  readonly current: Running;
  readonly bot: Bot;
  readonly board: Board;
  restart(): Promise<void>;
  /** Stops polling, albums, the dispatcher and the storage (called after each test anyway). */
  stop(): Promise<void>;
}

/** Starts the emulator, then a bot on a fresh SQLite file, long polling unless told otherwise. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const emu = await startEmulator(options.emulator);
  const path = join(dir, `board-${++files}.sqlite`);
  let running = await launch(emu, path, options);
  let stopped = false;
  const stopRunning = async (): Promise<void> => {
    await running.stop();
  };
  const harness: Harness = {
    emu,
    path,
    get current() {
      return running.running;
    },
    get bot() {
      return running.running.bot;
    },
    get board() {
      return running.running.board;
    },
    async restart() {
      await stopRunning();
      running = await launch(emu, path, options);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await stopRunning();
      await emu.close();
    },
  };
  cleanups.push(() => harness.stop());
  return harness;
}

// --- Internal helpers ---

async function launch(
  emu: Emulator,
  path: string,
  options: HarnessOptions,
): Promise<{ running: Running; stop(): Promise<void> }> {
  const storage = openSqliteStorage({ path });
  // The outbox gets its own Api: retries are the dispatcher's job, not a transformer's.
  const transport = createTransport(new Api(emu.token, { apiRoot: emu.apiRoot }), {
    ...(options.plugin?.callbackPrefix === undefined
      ? {}
      : { callbackPrefix: options.plugin.callbackPrefix }),
  });
  const board = createBoard({
    storage,
    transport,
    dispatcher: {
      pollIntervalMs: 20,
      backoff: { baseMs: 20, maxMs: 200 },
    },
    logger: silentLogger,
    ...options.board,
  });
  if (options.moderators !== undefined) {
    await configureTelegramFeed(createFeed({ storage }), { adminIds: options.moderators });
  }
  const bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
  if (options.apiTransformers !== undefined) bot.api.config.use(...options.apiTransformers);
  await bot.init();
  const errors: BotError<Context>[] = [];
  bot.catch((error) => {
    errors.push(error);
  });
  options.host?.before?.(bot);
  const plugin = anonboard({ board, standalone: true, albumWaitMs: 150, ...options.plugin });
  bot.use(plugin);
  options.host?.after?.(bot);
  const dispatcher: RunningDispatcher = startDispatcher(board);
  if ((options.feed ?? 'polling') === 'polling') {
    await new Promise<void>((resolve, reject) => {
      bot.start({ timeout: 10, onStart: () => resolve() }).catch(reject);
    });
  }
  return {
    running: { bot, board, storage, plugin, errors },
    async stop() {
      if (bot.isRunning()) await bot.stop();
      await plugin.flushAlbums();
      await dispatcher.stop();
      await storage.close();
    },
  };
}
