/**
 * Schema v8: a rate-limit hit writes one b-tree less. `limit_hits` was a rowid table with two
 * indexes, (key, at) and (at), so each hit and each forgotten hit touched three b-trees; it is
 * now a WITHOUT ROWID table keyed by (key, at), where `n` counts the hits of that key in that
 * millisecond, with the (at) index for purges. Every hit is kept: rows of the old table with
 * the same key and time become one row counting them.
 */
export const schemaV8 = /* sql */ `
CREATE TABLE limit_hits_new (
  key TEXT NOT NULL,
  at  INTEGER NOT NULL,
  n   INTEGER NOT NULL CHECK (n >= 1),
  PRIMARY KEY (key, at)
) WITHOUT ROWID;
INSERT INTO limit_hits_new (key, at, n)
  SELECT key, at, count(*) FROM limit_hits GROUP BY key, at;
DROP TABLE limit_hits;
ALTER TABLE limit_hits_new RENAME TO limit_hits;
CREATE INDEX limit_hits_by_time ON limit_hits (at);
`;
