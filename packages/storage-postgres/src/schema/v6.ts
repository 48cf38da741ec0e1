/**
 * Schema v6: what outlives forgetting, and what forgetting and retention now purge.
 *
 * `secrets` holds the installation's secret (`name` 'tombstone'), created on first use: the key
 * of the HMAC that names a tombstone. `tombstones` remember, for a forgotten person who was
 * blocked or banned, under `key` (HMAC-SHA256 of the platform id, never the id itself): the
 * `ghost` id their blocks were moved to and whether they were banned. Tokens gain indexes for
 * the purges (a person's tokens when they forget, old tokens when they expire). Runs with
 * `search_path` set to the storage's schema.
 */
export const schemaV6 = /* sql */ `
CREATE TABLE secrets (
  name  text PRIMARY KEY,
  value text NOT NULL
);

CREATE TABLE tombstones (
  key    text PRIMARY KEY,
  ghost  text NOT NULL,
  banned boolean NOT NULL,
  at     double precision NOT NULL
);

-- Moving a person's blocks finds them by either side.
CREATE INDEX blocks_by_high ON blocks (high);

CREATE INDEX tokens_by_user ON tokens (user_id);
CREATE INDEX tokens_by_time ON tokens (created_at);
`;
