import type { Tombstone, TombstoneRepository, UserId } from '@anonboard/core';
import type { Database } from 'better-sqlite3';
import type { TxScope } from './scope.js';
import type { Statement } from './statement.js';

interface TombstoneRow {
  key: string;
  ghost: string;
  banned: number;
  at: number;
}

/** The SQL of tombstones and the installation's secret (exported for query-plan tests). */
export const tombstonesSql = {
  // Of two racing first uses the first insert wins; both then read the stored one.
  addSecret: `INSERT INTO secrets (name, value) VALUES ('tombstone', ?)
    ON CONFLICT (name) DO NOTHING`,
  secret: `SELECT value FROM secrets WHERE name = 'tombstone'`,
  put: `INSERT INTO tombstones (key, ghost, banned, at) VALUES (@key, @ghost, @banned, @at)
    ON CONFLICT (key) DO UPDATE SET ghost = excluded.ghost, banned = excluded.banned,
      at = excluded.at`,
  take: 'DELETE FROM tombstones WHERE key = ? RETURNING key, ghost, banned, at',
  // Rare (a report decided after its subject forgot) and the table small: no index on ghost.
  banGhost: 'UPDATE tombstones SET banned = 1 WHERE ghost = ?',
} as const;

export interface TombstoneStatements {
  readonly addSecret: Statement<[string]>;
  readonly secret: Statement<[], string>;
  readonly put: Statement<[TombstoneRow]>;
  readonly take: Statement<[string], TombstoneRow>;
  readonly banGhost: Statement<[string]>;
}

export function prepareTombstones(db: Database): TombstoneStatements {
  return {
    addSecret: db.prepare<[string]>(tombstonesSql.addSecret),
    secret: db.prepare<[], string>(tombstonesSql.secret).pluck(),
    put: db.prepare<[TombstoneRow]>(tombstonesSql.put),
    take: db.prepare<[string], TombstoneRow>(tombstonesSql.take),
    banGhost: db.prepare<[string]>(tombstonesSql.banGhost),
  };
}

export class SqliteTombstoneRepository implements TombstoneRepository {
  constructor(
    private readonly s: TombstoneStatements,
    private readonly scope: TxScope,
  ) {}

  async secret(candidate: string): Promise<string> {
    this.scope.check();
    this.s.addSecret.run(candidate);
    return this.s.secret.get() as string;
  }

  async put(t: Tombstone): Promise<void> {
    this.scope.check();
    this.s.put.run({ key: t.key, ghost: t.ghost, banned: t.banned ? 1 : 0, at: t.at });
  }

  async take(key: string): Promise<Tombstone | undefined> {
    this.scope.check();
    const row = this.s.take.get(key);
    return (
      row && { key: row.key, ghost: row.ghost as UserId, banned: row.banned === 1, at: row.at }
    );
  }

  async banGhost(ghost: string): Promise<boolean> {
    this.scope.check();
    return this.s.banGhost.run(ghost).changes > 0;
  }
}
