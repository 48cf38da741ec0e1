import { type SqlDialect, sqlRows } from '@anonboard/core/sql';

// The row codec is core's (`@anonboard/core/sql`), shared with the PostgreSQL storage; this is
// better-sqlite3's part of it. Moderation items, laid out one column per field, are in
// `item-rows.ts`.

/** better-sqlite3: booleans are stored as 0/1 integers, JSON as TEXT written by JSON.stringify. */
export const sqliteDialect: SqlDialect = {
  bool: (column) => column === 1,
  json: (column) => JSON.parse(column as string),
};

/** A record from each kind of row, as better-sqlite3 returns it. */
export const read = sqlRows(sqliteDialect);
