import {
  adColumns,
  chatColumns,
  historyColumns,
  inviteColumns,
  settingsColumns,
  sourceColumns,
  subscriptionColumns,
} from '@anonboard/core/sql';
import { describe, expect, it } from 'vitest';
import { adsSql } from '../src/repositories/ads.js';
import { chatsSql } from '../src/repositories/chats.js';
import { settingsSql } from '../src/repositories/feed/settings.js';
import { sourcesSql } from '../src/repositories/feed/sources.js';
import { subscriptionsSql } from '../src/repositories/feed/subscriptions.js';
import { historySql } from '../src/repositories/history.js';
import { invitesSql } from '../src/repositories/invites.js';
import type { Sql } from '../src/repositories/statement.js';
import { postgresDialect, read } from '../src/rows.js';
import { database, db } from './database.js';

// The row codec is core's and tested there; what is this storage's own: its dialect against
// node-postgres, and its positional statements binding the codec's columns in its order.

/** The columns an INSERT binds to $1, $2, …, in that order (literals such as `1` left out). */
function boundColumns(sql: Sql): string[] {
  const match = /INSERT INTO \w+(?: AS \w+)? \(([^)]*)\)\s+VALUES \(([^)]*)\)/.exec(sql.text);
  if (match === null) throw new Error(`not an INSERT … VALUES: ${sql.text}`);
  const columns = (match[1] ?? '').split(',').map((c) => c.trim());
  const values = (match[2] ?? '').split(',').map((v) => v.trim());
  return values
    .map((value, i) => ({ column: columns[i], at: /^\$(\d+)$/.exec(value)?.[1] }))
    .filter((bound) => bound.at !== undefined)
    .sort((a, b) => Number(a.at) - Number(b.at))
    .map((bound) => bound.column ?? '');
}

describe('the positional statements', () => {
  it('bind the codec’s columns in the codec’s order', () => {
    expect(boundColumns(adsSql.insert)).toEqual([...adColumns]);
    expect(boundColumns(invitesSql.insert)).toEqual([...inviteColumns]);
    expect(boundColumns(chatsSql.insert)).toEqual([...chatColumns]);
    expect(boundColumns(sourcesSql.add)).toEqual([...sourceColumns]);
    expect(boundColumns(subscriptionsSql.put)).toEqual([...subscriptionColumns]);
    expect(boundColumns(settingsSql.put)).toEqual([...settingsColumns]);
    expect(boundColumns(historySql.add)).toEqual([...historyColumns]);
  });
});

describe.skipIf(db === undefined)('the dialect', () => {
  it('reads booleans, jsonb and bigint ids as node-postgres returns them', async () => {
    const pool = database().pool(1);
    const { rows } = await pool.query(
      `SELECT true AS yes, false AS no, '{"kind": "text", "text": "ёж"}'::jsonb AS doc,
        '[1, 2]'::jsonb AS list, 9007199254740991::bigint AS id`,
    );
    const row = rows[0];
    expect(postgresDialect.bool(row.yes)).toBe(true);
    expect(postgresDialect.bool(row.no)).toBe(false);
    expect(postgresDialect.json(row.doc)).toEqual({ kind: 'text', text: 'ёж' });
    expect(postgresDialect.json(row.list)).toEqual([1, 2]);
    expect(typeof row.id).toBe('string');
    const entry = read.outboxEntry({
      id: row.id,
      lane: 'l',
      effect: row.doc,
      attempts: 0,
      created_at: 1,
    });
    expect(entry.id).toBe(Number.MAX_SAFE_INTEGER);
  });
});
