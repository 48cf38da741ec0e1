import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sqliteDialect } from '../src/rows.js';

// The row codec is core's and tested there; this storage's own part is its dialect, read here
// against what better-sqlite3 returns.

describe('the dialect', () => {
  it('reads 0/1 booleans and JSON TEXT as better-sqlite3 returns them', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (flag INTEGER NOT NULL, doc TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO t (flag, doc) VALUES (?, ?)');
    insert.run(1, JSON.stringify({ kind: 'text', text: 'ёж' }));
    insert.run(0, JSON.stringify([1, 2]));
    const [yes, no] = db
      .prepare<[], { flag: unknown; doc: unknown }>('SELECT flag, doc FROM t ORDER BY rowid')
      .all();
    db.close();
    expect(sqliteDialect.bool(yes?.flag)).toBe(true);
    expect(sqliteDialect.bool(no?.flag)).toBe(false);
    expect(sqliteDialect.json(yes?.doc)).toEqual({ kind: 'text', text: 'ёж' });
    expect(sqliteDialect.json(no?.doc)).toEqual([1, 2]);
  });
});
