/**
 * Schema v7: what outlives forgetting, and what forgetting and retention now purge.
 *
 * `secrets` holds the installation's secret (`name` 'tombstone'), created on first use: the key
 * of the HMAC that names a tombstone. `tombstones` remember, for a forgotten person who was
 * blocked or banned, under `key` (HMAC-SHA256 of the platform id, never the id itself): the
 * `ghost` id their blocks were moved to and whether they were banned. Tokens gain indexes for
 * the purges (a person's tokens when they forget, old tokens when they expire).
 */
export const schemaV7 = /* sql */ `
CREATE TABLE secrets (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE tombstones (
  key    TEXT PRIMARY KEY,
  ghost  TEXT NOT NULL,
  banned INTEGER NOT NULL CHECK (banned IN (0, 1)),
  at     INTEGER NOT NULL
) WITHOUT ROWID;

-- Moving a person's blocks finds them by either side.
CREATE INDEX blocks_by_high ON blocks (high);

CREATE INDEX tokens_by_user ON tokens (user_id);
CREATE INDEX tokens_by_time ON tokens (created_at);
`;
