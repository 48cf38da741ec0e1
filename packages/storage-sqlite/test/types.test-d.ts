// Type-level checks of the public API; `tsc -p tsconfig.json` (the repo's typecheck) runs them.
import type { Storage } from '@anonboard/core';
import { expectTypeOf } from 'vitest';
import {
  openSqliteStorage,
  SqliteStorage,
  type SqliteStorageOptions,
  type SqliteSynchronous,
} from '../src/index.js';

expectTypeOf(openSqliteStorage).returns.toEqualTypeOf<SqliteStorage>();
expectTypeOf<SqliteStorage>().toExtend<Storage>();
expectTypeOf<SqliteStorage['backup']>().toEqualTypeOf<(destination: string) => Promise<void>>();
expectTypeOf<SqliteSynchronous>().toEqualTypeOf<'OFF' | 'NORMAL' | 'FULL' | 'EXTRA'>();
expectTypeOf<{ path: string }>().toExtend<SqliteStorageOptions>();
// @ts-expect-error: modes are upper case, as SQLite spells them
const lower: SqliteStorageOptions = { path: 'x', synchronous: 'normal' };
// @ts-expect-error: the path is required
const none: SqliteStorageOptions = {};
void [lower, none, SqliteStorage];
