import { type SqlDialect, sqlRows } from '@anonboard/core/sql';

// The row codec is core's (`@anonboard/core/sql`), shared with the SQLite storage; this is
// node-postgres's part of it. Moderation items, kept as jsonb, map in
// `repositories/feed/items.ts`.

/** node-postgres: boolean columns arrive as booleans, jsonb already parsed. */
export const postgresDialect: SqlDialect = {
  bool: (column) => column === true,
  json: (column) => column,
};

/** A record from each kind of row, as node-postgres returns it. */
export const read = sqlRows(postgresDialect);
