import pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
  type Migration,
  migrate,
  migrations,
  openPostgresStorage,
  PostgresStorageError,
  schemaVersion,
} from '../src/index.js';
import { database, db } from './database.js';

const latest = migrations.at(-1)?.version ?? 0;

describe.skipIf(db === undefined)('migrations', () => {
  it('are numbered 1, 2, 3, …', () => {
    expect(migrations.map((m) => m.version)).toEqual(
      Array.from({ length: migrations.length }, (_, n) => n + 1),
    );
  });

  it('two instances opening a fresh database at once migrate it once', async () => {
    const url = await database().fresh();
    const storages = await Promise.all(
      Array.from({ length: 3 }, () => openPostgresStorage({ connectionString: url, max: 2 })),
    );
    // Exactly one of them ran the migrations; the others waited on the lock and found them done.
    expect(storages.map((s) => s.migration.from).sort()).toEqual([0, latest, latest]);
    expect(storages.every((s) => s.migration.to === latest)).toBe(true);
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    const { rows } = await pool.query('SELECT version, name FROM anonboard.migrations ORDER BY 1');
    expect(rows).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })));
    // And all of them work on the same tables.
    const claims = await Promise.all(
      storages.map((s) => s.transaction((tx) => tx.inbox.claim('same', 1))),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    await Promise.all([...storages.map((s) => s.close()), pool.end()]);
  });

  it('a custom schema keeps every table out of public', async () => {
    const url = await database().fresh();
    const storage = await openPostgresStorage({ connectionString: url, schema: 'board_data' });
    await storage.transaction((tx) => tx.inbox.claim('k', 1));
    await storage.close();
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    const tables = async (schema: string) =>
      (
        await pool.query<{ name: string }>(
          'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1',
          [schema],
        )
      ).rows.map((r) => r.name);
    expect(await tables('public')).toEqual([]);
    expect(await tables('board_data')).toEqual(
      expect.arrayContaining(['migrations', 'users', 'outbox', 'outbox_lanes', 'feed_items']),
    );
    expect((await pool.query('SELECT key FROM board_data.inbox')).rows).toEqual([{ key: 'k' }]);
    await pool.end();
  });

  it('refuses a schema newer than the code, and leaves it untouched', async () => {
    const schema = database().schema();
    await (await openPostgresStorage({ connectionString: database().url, schema })).close();
    const pool = database().pool(1);
    await pool.query(`INSERT INTO ${schema}.migrations (version, name) VALUES (99, 'future')`);
    await pool.query(`INSERT INTO ${schema}.inbox (key, at) VALUES ('kept', 1)`);
    const opening = openPostgresStorage({ connectionString: database().url, schema });
    await expect(opening).rejects.toThrow(
      `[anonboard] [postgres] schema "${schema}" is at v99, newer than this code (v${latest}): upgrade @anonboard/storage-postgres`,
    );
    await expect(opening).rejects.toMatchObject({ code: 'schema_too_new', schema });
    expect((await pool.query(`SELECT key FROM ${schema}.inbox`)).rows).toEqual([{ key: 'kept' }]);
    const client = await pool.connect();
    expect(await schemaVersion(client, schema)).toBe(99);
    client.release();
  });

  it('an older schema is upgraded step by step, keeping its data', async () => {
    const schema = database().schema();
    const pool = database().pool(1);
    const client = await pool.connect();
    try {
      expect(await migrate(client, schema, migrations.slice(0, 1))).toEqual({ from: 0, to: 1 });
      await client.query(`INSERT INTO ${schema}.inbox (key, at) VALUES ('v1', 1)`);
    } finally {
      client.release();
    }
    const storage = await openPostgresStorage({ connectionString: database().url, schema });
    expect(storage.migration).toEqual({ from: 1, to: latest });
    expect(await storage.transaction((tx) => tx.inbox.claim('v1', 2))).toBe(false);
    await storage.close();
  });

  it('a migration that fails leaves the schema exactly as it was', async () => {
    const schema = database().schema();
    await (await openPostgresStorage({ connectionString: database().url, schema })).close();
    const broken: Migration = {
      version: latest + 1,
      name: 'broken',
      up: async (client) => {
        await client.query('CREATE TABLE half_done (id integer)');
        await client.query('SELECT 1 / 0');
      },
    };
    const client = await database().pool(1).connect();
    try {
      const failing = migrate(client, schema, [...migrations, broken]);
      await expect(failing).rejects.toMatchObject({ code: 'migration_failed', schema });
      await expect(failing).rejects.toThrow(`migration v${latest + 1} "broken" failed`);
      expect(await schemaVersion(client, schema)).toBe(latest);
      const { rows } = await client.query('SELECT to_regclass($1) AS t', [`${schema}.half_done`]);
      expect(rows).toEqual([{ t: null }]);
    } finally {
      client.release();
    }
  });

  it('refuses a migration list that skips or repeats a version', async () => {
    const client = await database().pool(1).connect();
    try {
      const skip = [{ version: 2, name: 'two', up: async () => undefined }];
      await expect(migrate(client, 'whatever', skip)).rejects.toMatchObject({
        code: 'invalid_migrations',
      });
    } finally {
      client.release();
    }
  });
});

describe.skipIf(db === undefined)('opening', () => {
  it('shares a host pool without ending it or changing its connections', async () => {
    const pool = database().pool(1);
    const schema = database().schema();
    const storage = await openPostgresStorage({ pool, schema });
    await storage.transaction((tx) => tx.inbox.claim('k', 1));
    await storage.close();
    // The pool still works, and its one connection kept the default search_path.
    const { rows } = await pool.query('SHOW search_path');
    expect(rows).toEqual([{ search_path: '"$user", public' }]);
    expect((await pool.query(`SELECT count(*)::int AS n FROM ${schema}.inbox`)).rows).toEqual([
      { n: 1 },
    ]);
  });

  it('validates options with clear messages', async () => {
    const url = database().url;
    const cases: [unknown, string][] = [
      [{}, 'give exactly one of "connectionString"'],
      [{ connectionString: url, pool: database().pool(1) }, 'give exactly one of'],
      [
        { connectionString: url, schema: 'Board' },
        'option "schema" must be a lower-case identifier',
      ],
      [{ connectionString: url, schema: 'a; DROP TABLE x' }, 'lower-case identifier'],
      [{ connectionString: url, schema: 'pg_board' }, 'system schema name'],
      [{ connectionString: url, schema: 'x'.repeat(64) }, 'at most 63 characters'],
      [{ connectionString: url, max: 0 }, 'option "max" must be a whole number >= 1'],
      [{ connectionString: url, isolation: 'snapshot' }, 'option "isolation" must be one of'],
      [{ connectionString: url, sslmode: 'require' }, 'unknown option "sslmode"'],
      [{ pool: database().pool(1), max: 3 }, 'option "max" applies only to the pool made from'],
      [{ pool: {} }, 'option "pool" must be a pg Pool'],
    ];
    for (const [options, message] of cases) {
      const opening = openPostgresStorage(options as never);
      await expect(opening).rejects.toBeInstanceOf(PostgresStorageError);
      await expect(opening).rejects.toMatchObject({ code: 'invalid_options' });
      await expect(opening).rejects.toThrow(message);
    }
  });

  it('says where it could not connect, without the password', async () => {
    const opening = openPostgresStorage({
      connectionString: 'postgres://bot:s3cret@127.0.0.1:1/anonboard',
      connectionTimeoutMs: 2000,
    });
    await expect(opening).rejects.toMatchObject({ code: 'cannot_connect' });
    await expect(opening).rejects.toThrow(
      '[anonboard] [postgres] cannot connect to postgres://bot:***@127.0.0.1:1/anonboard',
    );
    await expect(opening).rejects.not.toThrow('s3cret');
  });
});
