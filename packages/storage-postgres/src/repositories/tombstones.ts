import type { Tombstone, TombstoneRepository, UserId } from '@anonboard/core';
import type { TxScope } from './scope.js';
import { defineSql } from './statement.js';

interface TombstoneRow {
  key: string;
  ghost: string;
  banned: boolean;
  at: number;
}

/** The SQL of tombstones and the installation's secret. */
export const tombstonesSql = defineSql('tombstones', {
  // Of two racing first uses the second insert waits for the first and does nothing; the
  // select that follows (a statement of its own) then reads the stored secret.
  addSecret: `INSERT INTO secrets (name, value) VALUES ('tombstone', $1)
    ON CONFLICT (name) DO NOTHING`,
  secret: `SELECT value FROM secrets WHERE name = 'tombstone'`,
  put: `INSERT INTO tombstones (key, ghost, banned, at) VALUES ($1, $2, $3, $4)
    ON CONFLICT (key) DO UPDATE SET ghost = excluded.ghost, banned = excluded.banned,
      at = excluded.at`,
  take: 'DELETE FROM tombstones WHERE key = $1 RETURNING key, ghost, banned, at',
  // Rare (a report decided after its subject forgot) and the table small: no index on ghost.
  banGhost: 'UPDATE tombstones SET banned = true WHERE ghost = $1',
});

export class PostgresTombstoneRepository implements TombstoneRepository {
  constructor(private readonly db: TxScope) {}

  async secret(candidate: string): Promise<string> {
    await this.db.run(tombstonesSql.addSecret, [candidate]);
    const row = await this.db.row<{ value: string }>(tombstonesSql.secret);
    return row?.value ?? candidate;
  }

  async put(t: Tombstone): Promise<void> {
    await this.db.run(tombstonesSql.put, [t.key, t.ghost, t.banned, t.at]);
  }

  async take(key: string): Promise<Tombstone | undefined> {
    const row = await this.db.row<TombstoneRow>(tombstonesSql.take, [key]);
    return row && { key: row.key, ghost: row.ghost as UserId, banned: row.banned, at: row.at };
  }

  async banGhost(ghost: string): Promise<boolean> {
    return (await this.db.run(tombstonesSql.banGhost, [ghost])) > 0;
  }
}
