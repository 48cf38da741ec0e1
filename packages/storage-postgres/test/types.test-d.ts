// Type-level checks of the public API; `tsc -p tsconfig.json` (the repo's typecheck) runs them.
import type { Storage } from '@anonboard/core';
import type { Pool } from 'pg';
import { expectTypeOf } from 'vitest';
import {
  openPostgresStorage,
  type PostgresIsolation,
  PostgresStorage,
  type PostgresStorageErrorCode,
  type PostgresStorageOptions,
} from '../src/index.js';

expectTypeOf(openPostgresStorage).returns.toEqualTypeOf<Promise<PostgresStorage>>();
expectTypeOf<PostgresStorage>().toExtend<Storage>();
expectTypeOf<PostgresStorage['schema']>().toEqualTypeOf<string>();
expectTypeOf<PostgresStorage['migration']>().toEqualTypeOf<{
  readonly from: number;
  readonly to: number;
}>();
expectTypeOf<PostgresIsolation>().toEqualTypeOf<
  'read committed' | 'repeatable read' | 'serializable'
>();
expectTypeOf<'schema_too_new'>().toExtend<PostgresStorageErrorCode>();
expectTypeOf<{ connectionString: string }>().toExtend<PostgresStorageOptions>();
expectTypeOf<{ pool: Pool; schema: string }>().toExtend<PostgresStorageOptions>();
// @ts-expect-error: isolation levels are spelled as in SQL, lower case
const upper: PostgresStorageOptions = { connectionString: 'x', isolation: 'SERIALIZABLE' };
// @ts-expect-error: the schema is a name, not a number
const numbered: PostgresStorageOptions = { connectionString: 'x', schema: 1 };
void [upper, numbered, PostgresStorage];
// @ts-expect-error: a connection string or a pool, not both
const both: PostgresStorageOptions = { connectionString: 'x', pool: {} as Pool };
// @ts-expect-error: pool sizing belongs to the host's pool when one is shared
const sized: PostgresStorageOptions = { pool: {} as Pool, max: 3 };
void [both, sized];
