/**
 * Schema v3: safety (bans, rate limits and cooldowns, relay history, reports, forgetting,
 * statistics). Runs with `search_path` set to the storage's schema, like v1 and v2. Changed
 * CHECKs are dropped and added again under the names PostgreSQL gave them in v1 and v2; a plain
 * `DROP CONSTRAINT` (no `IF EXISTS`) makes the step fail, and roll back, if one is missing.
 */
export const schemaV3 = /* sql */ `
-- A constant default: PostgreSQL 11+ adds the column without rewriting the table.
ALTER TABLE users ADD COLUMN banned boolean NOT NULL DEFAULT false;

-- A chat may end by moderation (its other side was banned).
ALTER TABLE chats DROP CONSTRAINT chats_reason_check,
  ADD CONSTRAINT chats_reason_check
    CHECK (reason IN ('ended', 'blocked', 'unreachable', 'moderated'));
-- Every chat of a person, whatever its status (history export, forgetting): one per role.
CREATE INDEX chats_by_author ON chats (author_id, opened_at, seq);
CREATE INDEX chats_by_reader ON chats (reader_id, opened_at, seq);

-- Pending invites a person received (a ban or /forgetme ends them); the sent side has
-- invites_pending_by_pair. invites_by_time serves the statistics since a date.
CREATE INDEX invites_pending_by_recipient ON invites (recipient_id, created_at, seq)
  WHERE status = 'pending';
CREATE INDEX invites_by_time ON invites (created_at);

-- Purging old update keys.
CREATE INDEX inbox_by_time ON inbox (at);

-- Reports end 'resolved', with the admin's outcome among the decision's fields.
ALTER TABLE feed_items DROP CONSTRAINT feed_items_status_check,
  ADD CONSTRAINT feed_items_status_check CHECK (status IN ('queued', 'claimed', 'approved',
    'published', 'rejected', 'expired', 'resolved')),
  ADD CONSTRAINT feed_items_outcome_check
    CHECK (status <> 'resolved' OR decision->>'outcome' IN ('dismissed', 'warned', 'banned'));

-- One row per rate-limit key: its hits still in the window as of its last allowed take, sorted.
-- A take is one upsert of this row: the row lock decides between concurrent takes, and a take
-- that waited re-reads the hits of the one before (see limits.ts). No index on hits, so a take's
-- update stays HOT.
CREATE TABLE limit_keys (
  key  text PRIMARY KEY,
  hits double precision[] NOT NULL
);

CREATE TABLE limit_cooldowns (
  key            text PRIMARY KEY,
  level          integer NOT NULL,
  until          double precision NOT NULL,
  last_violation double precision NOT NULL
);

-- Relayed messages (a summary and the sender's message ids, never the media), kept for reports
-- and exports until the retention period ends. seq is the order they were written.
CREATE TABLE history (
  seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  chat_id     text NOT NULL,
  from_id     text NOT NULL,
  to_id       text NOT NULL,
  message_ids jsonb NOT NULL,
  summary     text NOT NULL,
  at          double precision NOT NULL
);
CREATE INDEX history_by_chat ON history (chat_id, seq);
CREATE INDEX history_by_time ON history (at);
CREATE INDEX history_by_sender ON history (from_id);
`;
