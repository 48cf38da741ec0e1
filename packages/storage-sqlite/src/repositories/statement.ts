import type Database from 'better-sqlite3';

/** A prepared statement taking `P` and returning rows of `R`. */
export type Statement<P extends unknown[] = unknown[], R = unknown> = Database.Statement<P, R>;
