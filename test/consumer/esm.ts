// An ESM consumer of every entry of every package, as a grammY developer would write one. The
// consumer check typechecks it with moduleResolution node16 and bundler, skipLibCheck false.
import {
  anonboard,
  createTransport,
  registerCommands,
  startDispatcher,
} from '@anonboard/adapter-grammy';
import { MemoryCursorStore, runCli } from '@anonboard/adapter-userbot';
import { createAdminApp } from '@anonboard/admin-app';
import { type Emulator, startEmulator } from '@anonboard/bot-api-emulator';
import { type Board, createBoard, createFeed, MemoryStorage, type Storage } from '@anonboard/core';
import { adParams, type SqlDialect, sqlRows } from '@anonboard/core/sql';
import { ManualClock, RecordingTransport } from '@anonboard/core/testing';
import { storageContract } from '@anonboard/core/testing/vitest';
import { createMiniApp, menuButtonFor } from '@anonboard/mini-app';
import { verifyInitData } from '@anonboard/mini-app/web';
import { createOpenAiScorer } from '@anonboard/scorer-llm';
import { openPostgresStorage } from '@anonboard/storage-postgres';
import { openSqliteStorage } from '@anonboard/storage-sqlite';
import Database from 'better-sqlite3';
import { Api, Bot } from 'grammy';
import { Pool } from 'pg';

/** A board bot on a SQLite connection the host opened itself. */
export async function boardBot(token: string, path: string): Promise<Bot> {
  const storage: Storage = openSqliteStorage({ database: new Database(path) });
  const board: Board = createBoard({ storage, transport: createTransport(new Api(token)) });
  const bot = new Bot(token);
  bot.use(anonboard({ board }));
  await registerCommands(bot.api, { board });
  startDispatcher(board);
  return bot;
}

/** The Mini Apps, the feed on PostgreSQL (a pool the host owns) and a scorer. */
export async function apps(token: string, board: Board): Promise<unknown[]> {
  const storage = await openPostgresStorage({ pool: new Pool({ max: 2 }) });
  const feed = createFeed({ storage, scorer: createOpenAiScorer({ model: 'local' }) });
  const verified = verifyInitData('', token, { maxAgeSeconds: 60 });
  return [
    createMiniApp({ board, botToken: token }),
    createAdminApp({ feed, botToken: token }),
    menuButtonFor('https://example.org'),
    verified,
    new MemoryCursorStore(),
    await runCli(['--help']),
  ];
}

/** The testing entries: fakes without a test runner, and the contract suite on vitest. */
export async function testing(): Promise<Emulator> {
  const transport = new RecordingTransport();
  createBoard({ storage: new MemoryStorage(), transport, clock: new ManualClock(0) });
  storageContract('MemoryStorage', () => new MemoryStorage());
  return startEmulator();
}

/** The row codec, for a SQL storage of one's own: its driver's dialect, then rows ↔ records. */
const dialect: SqlDialect = { bool: (c) => c === 1, json: (c) => JSON.parse(String(c)) };
export const read = sqlRows(dialect);
export const writeAd = adParams;
