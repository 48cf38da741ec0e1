// A CommonJS consumer (a .cts file: `require` resolves the packages' `require` entries and their
// .d.cts types). Typechecked with moduleResolution node16, skipLibCheck false.
import grammy = require('@anonboard/adapter-grammy');
import core = require('@anonboard/core');
import testing = require('@anonboard/core/testing');
import web = require('@anonboard/mini-app/web');
import sql = require('@anonboard/core/sql');
import sqlite = require('@anonboard/storage-sqlite');
import vitestSuites = require('@anonboard/core/testing/vitest');

export function boardOf(path: string): core.Board {
  const storage: core.Storage = sqlite.openSqliteStorage({ path });
  return core.createBoard({ storage, transport: new testing.RecordingTransport() });
}

export const plugin = (board: core.Board) => grammy.anonboard({ board });
export const verify = (initData: string, token: string) =>
  web.verifyInitData(initData, token, { maxAgeSeconds: 60 });
export const contract = vitestSuites.storageContract;
export const read = sql.sqlRows({ bool: (c) => c === true, json: (c) => c });
