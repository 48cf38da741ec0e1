/**
 * Schema v3: safety. Rate-limit hits and cooldowns, the relay history, bans, reports (a new
 * moderation origin, resolved with an outcome), chats ended by moderators, and indexes for the
 * board's statistics, pending invites of a person, a person's chats and the purges.
 *
 * SQLite cannot change a CHECK constraint in place, so `chats`, `feed_items` and `feed_audit`
 * are rebuilt (https://sqlite.org/lang_altertable.html#otheralter): create the new table, copy
 * every row (keeping `seq`, which orders and pages them), drop the old one, rename the new one,
 * and recreate the indexes (none of these tables has triggers). It runs inside the migration's
 * transaction: a failure leaves the v2 file as it was. As before, people appear only as
 * internal ids; history keeps message ids and summaries, never platform ids.
 */
export const schemaV3 = /* sql */ `
-- Banned by a moderator. Forgetting a person re-points users.platform_id (still UNIQUE).
ALTER TABLE users ADD COLUMN banned INTEGER NOT NULL DEFAULT 0 CHECK (banned IN (0, 1));

-- Statistics over a window (by status, by UTC day, by ad) read this one index alone; it
-- replaces v2's (created_at, status).
DROP INDEX invites_by_time;
CREATE INDEX invites_by_time_ad ON invites (created_at, status, ad_id);
-- A person's pending invites, sent or received, oldest first.
CREATE INDEX invites_pending_by_sender ON invites (sender_id, created_at) WHERE status = 'pending';
CREATE INDEX invites_pending_by_recipient ON invites (recipient_id, created_at)
  WHERE status = 'pending';

-- Forgetting update keys older than the retention period.
CREATE INDEX inbox_by_time ON inbox (at);

-- chats: reason 'moderated' (a moderator banned one side).
CREATE TABLE chats_new (
  seq        INTEGER PRIMARY KEY,
  id         TEXT NOT NULL UNIQUE,
  invite_id  TEXT NOT NULL UNIQUE,
  ad_id      TEXT NOT NULL,
  label      TEXT NOT NULL,
  author_id  TEXT NOT NULL,
  reader_id  TEXT NOT NULL,
  status     TEXT NOT NULL CHECK (status IN ('active', 'ended', 'blocked')),
  ended_at   INTEGER,
  ended_by   TEXT,
  reason     TEXT CHECK (reason IN ('ended', 'blocked', 'unreachable', 'moderated')),
  opened_at  INTEGER NOT NULL,
  CHECK ((status = 'active') = (ended_at IS NULL AND reason IS NULL))
);
INSERT INTO chats_new (seq, id, invite_id, ad_id, label, author_id, reader_id, status, ended_at,
    ended_by, reason, opened_at)
  SELECT seq, id, invite_id, ad_id, label, author_id, reader_id, status, ended_at, ended_by,
    reason, opened_at
  FROM chats;
DROP TABLE chats;
ALTER TABLE chats_new RENAME TO chats;
CREATE INDEX chats_active_by_author ON chats (author_id, opened_at) WHERE status = 'active';
CREATE INDEX chats_active_by_reader ON chats (reader_id, opened_at) WHERE status = 'active';
-- Every chat of a person (export, forgetting, bans), oldest first.
CREATE INDEX chats_by_author ON chats (author_id, opened_at);
CREATE INDEX chats_by_reader ON chats (reader_id, opened_at);
-- Chats opened, and ended or blocked, in a window.
CREATE INDEX chats_by_opening ON chats (opened_at);
CREATE INDEX chats_by_end ON chats (status, ended_at) WHERE ended_at IS NOT NULL;

-- feed_items: origin 'report' (origin_chat_id … origin_evidence, evidence a JSON array of
-- EvidenceLine: roles, never people) and status 'resolved' (decided_by, decided_at, outcome).
CREATE TABLE feed_items_new (
  seq                 INTEGER PRIMARY KEY,
  id                  TEXT NOT NULL UNIQUE,
  origin_kind         TEXT NOT NULL
    CHECK (origin_kind IN ('suggestion', 'monitored', 'forwarded', 'report')),
  origin_author_id    TEXT,
  origin_source_title TEXT,
  origin_link         TEXT,
  origin_chat_id      TEXT,
  origin_chat_label   TEXT,
  origin_reporter_id  TEXT,
  origin_reported_id  TEXT,
  origin_evidence     TEXT,
  text                TEXT NOT NULL,
  media               TEXT,
  score_value         REAL,
  score_reason        TEXT,
  score_scorer        TEXT,
  interested          TEXT NOT NULL,
  status              TEXT NOT NULL CHECK (status IN ('queued', 'claimed', 'approved',
    'published', 'rejected', 'expired', 'resolved')),
  claimed_by          TEXT,
  claimed_at          INTEGER,
  decided_by          TEXT,
  decided_at          INTEGER,
  published_at        INTEGER,
  reason              TEXT,
  outcome             TEXT CHECK (outcome IN ('dismissed', 'warned', 'banned')),
  created_at          INTEGER NOT NULL,
  CHECK ((origin_kind = 'suggestion') = (origin_author_id IS NOT NULL)),
  CHECK ((origin_kind IN ('monitored', 'forwarded')) = (origin_source_title IS NOT NULL)),
  CHECK (origin_kind IN ('monitored', 'forwarded') OR origin_link IS NULL),
  CHECK ((origin_kind = 'report') = (origin_chat_id IS NOT NULL)),
  CHECK ((origin_kind = 'report') = (origin_chat_label IS NOT NULL)),
  CHECK ((origin_kind = 'report') = (origin_reporter_id IS NOT NULL)),
  CHECK ((origin_kind = 'report') = (origin_reported_id IS NOT NULL)),
  CHECK ((origin_kind = 'report') = (origin_evidence IS NOT NULL)),
  CHECK ((score_value IS NULL) = (score_reason IS NULL)),
  CHECK ((score_value IS NULL) = (score_scorer IS NULL)),
  CHECK ((status = 'claimed') = (claimed_by IS NOT NULL)),
  CHECK ((status = 'claimed') = (claimed_at IS NOT NULL)),
  CHECK ((status IN ('approved', 'published', 'rejected', 'resolved')) = (decided_by IS NOT NULL)),
  CHECK ((status IN ('approved', 'published', 'rejected', 'expired', 'resolved'))
    = (decided_at IS NOT NULL)),
  CHECK ((status = 'published') = (published_at IS NOT NULL)),
  CHECK (status = 'rejected' OR reason IS NULL),
  CHECK ((status = 'resolved') = (outcome IS NOT NULL)),
  CHECK (status <> 'resolved' OR origin_kind = 'report')
);
INSERT INTO feed_items_new (seq, id, origin_kind, origin_author_id, origin_source_title,
    origin_link, text, media, score_value, score_reason, score_scorer, interested, status,
    claimed_by, claimed_at, decided_by, decided_at, published_at, reason, created_at)
  SELECT seq, id, origin_kind, origin_author_id, origin_source_title, origin_link, text, media,
    score_value, score_reason, score_scorer, interested, status, claimed_by, claimed_at,
    decided_by, decided_at, published_at, reason, created_at
  FROM feed_items;
DROP TABLE feed_items;
ALTER TABLE feed_items_new RENAME TO feed_items;
CREATE INDEX feed_items_open ON feed_items (created_at) WHERE status IN ('queued', 'claimed');
CREATE INDEX feed_items_by_time ON feed_items (created_at);

-- feed_audit: action 'resolve'.
CREATE TABLE feed_audit_new (
  seq      INTEGER PRIMARY KEY,
  item_id  TEXT NOT NULL,
  action   TEXT NOT NULL
    CHECK (action IN ('claim', 'release', 'approve', 'reject', 'publish', 'expire', 'resolve')),
  actor_id TEXT,
  at       INTEGER NOT NULL,
  reason   TEXT
);
INSERT INTO feed_audit_new (seq, item_id, action, actor_id, at, reason)
  SELECT seq, item_id, action, actor_id, at, reason FROM feed_audit;
DROP TABLE feed_audit;
ALTER TABLE feed_audit_new RENAME TO feed_audit;
CREATE INDEX feed_audit_by_item ON feed_audit (item_id, seq);

-- Sliding-window rate limits: one row per allowed hit. A take deletes the key's hits that left
-- the window, counts the rest and inserts one, all through (key, at).
CREATE TABLE limit_hits (
  key TEXT NOT NULL,
  at  INTEGER NOT NULL
);
CREATE INDEX limit_hits_by_key ON limit_hits (key, at);
CREATE INDEX limit_hits_by_time ON limit_hits (at);

-- Escalating cooldowns, one per key.
CREATE TABLE limit_cooldowns (
  key            TEXT PRIMARY KEY,
  level          INTEGER NOT NULL CHECK (level >= 0),
  until          INTEGER NOT NULL,
  last_violation INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX limit_cooldowns_by_violation ON limit_cooldowns (last_violation);

-- Relayed messages, in insertion order (seq), until the retention period ends. from_id and
-- to_id are internal ids; message_ids (a JSON array) are ids in the sender's chat with the bot.
CREATE TABLE history (
  seq         INTEGER PRIMARY KEY,
  chat_id     TEXT NOT NULL,
  from_id     TEXT NOT NULL,
  to_id       TEXT NOT NULL,
  message_ids TEXT NOT NULL,
  summary     TEXT NOT NULL,
  at          INTEGER NOT NULL
);
CREATE INDEX history_by_chat ON history (chat_id, seq);
CREATE INDEX history_by_sender ON history (from_id);
CREATE INDEX history_by_time ON history (at);
`;
