/**
 * What a SQL driver does differently when it hands back a row: the only part of the row codec
 * that each storage writes itself. Everything else (which column holds which field, which
 * status fills which column) is written once, in `@anonboard/core/sql`.
 *
 * Parameters need no dialect: JSON columns are written as `JSON.stringify` text in every driver
 * (node-postgres would send a JS array as a PostgreSQL array, not as JSON), and no record field
 * is written as a boolean parameter.
 *
 * @example
 * ```ts
 * // better-sqlite3: booleans are 0/1 integers, JSON is TEXT.
 * const sqlite: SqlDialect = { bool: (c) => c === 1, json: (c) => JSON.parse(c as string) };
 * // node-postgres: boolean and jsonb columns arrive already converted.
 * const postgres: SqlDialect = { bool: (c) => c === true, json: (c) => c };
 * ```
 */
export interface SqlDialect {
  /** A boolean column as the driver returns it (SQLite's 0/1, PostgreSQL's boolean). */
  readonly bool: (column: unknown) => boolean;
  /**
   * A JSON column as the driver returns it (SQLite's TEXT, PostgreSQL's parsed jsonb), as the
   * value that was written. The database is trusted: it holds only what the codec wrote.
   */
  readonly json: (column: unknown) => unknown;
}

/**
 * A row's parameters in the order of `columns`, for drivers with positional placeholders
 * (`$1, $2, …` in node-postgres); drivers with named ones (better-sqlite3's `@id`) take the
 * parameters object as it is.
 *
 * @example
 * ```ts
 * await client.query(
 *   `INSERT INTO ads (${adColumns.join(', ')}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
 *   positional(adColumns, adParams(ad)),
 * );
 * ```
 */
export function positional<C extends string>(
  columns: readonly C[],
  params: Readonly<Record<C, unknown>>,
): unknown[] {
  return columns.map((column) => params[column]);
}
