/**
 * Schema v2: the monitoring feed (sources, subscriptions, settings, ingested messages, the score
 * cache, moderation items, their audit log and admin cards), and an index for invite statistics.
 * As in v1: people appear only as internal ids (`users.id`); a source's `ref` and the settings'
 * `channel` name channels, not people. Lists that are read whole (a subscription's keywords, an
 * item's interested people) are JSON; what is filtered, constrained or counted is a column.
 */
export const schemaV2 = /* sql */ `
-- Invite counts by status in a time window read this index alone.
CREATE INDEX invites_by_time ON invites (created_at, status);

-- ref is the platform's channel reference (-100… or @name): one source per channel.
CREATE TABLE feed_sources (
  seq        INTEGER PRIMARY KEY,
  id         TEXT NOT NULL UNIQUE,
  ref        TEXT NOT NULL UNIQUE,
  title      TEXT NOT NULL,
  link       TEXT,
  added_by   TEXT,
  created_at INTEGER NOT NULL
);

-- sources and keywords are JSON arrays. One subscription per person.
CREATE TABLE feed_subscriptions (
  user_id    TEXT PRIMARY KEY,
  sources    TEXT NOT NULL,
  keywords   TEXT NOT NULL,
  threshold  REAL CHECK (threshold BETWEEN 0 AND 1),
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;

-- A single row: the version of the subscriptions, bumped by the triggers below in the
-- transaction that changes them, so every process sees when to recompile its matcher.
CREATE TABLE feed_subscriptions_version (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
);
INSERT INTO feed_subscriptions_version (id, version) VALUES (1, 0);

CREATE TRIGGER feed_subscriptions_on_insert AFTER INSERT ON feed_subscriptions
BEGIN
  UPDATE feed_subscriptions_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER feed_subscriptions_on_update AFTER UPDATE ON feed_subscriptions
BEGIN
  UPDATE feed_subscriptions_version SET version = version + 1 WHERE id = 1;
END;

CREATE TRIGGER feed_subscriptions_on_delete AFTER DELETE ON feed_subscriptions
BEGIN
  UPDATE feed_subscriptions_version SET version = version + 1 WHERE id = 1;
END;

-- A single row. admins is a JSON array of user ids; channel a channel reference.
CREATE TABLE feed_settings (
  id                INTEGER PRIMARY KEY CHECK (id = 1),
  channel           TEXT,
  admins            TEXT NOT NULL,
  default_threshold REAL NOT NULL CHECK (default_threshold BETWEEN 0 AND 1),
  topic             TEXT NOT NULL
);

-- Every message claimed from a source. The primary key dedups (source, message id); '' as
-- content_hash means "no identity" (e.g. media without a caption) and never makes a repost.
CREATE TABLE feed_ingest (
  source_id    TEXT NOT NULL,
  message_id   INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  outcome      TEXT NOT NULL CHECK (outcome IN ('pending', 'unwatched', 'duplicate', 'repost',
    'dropped_keywords', 'dropped_score', 'queued', 'manual_review')),
  item_id      TEXT,
  at           INTEGER NOT NULL,
  PRIMARY KEY (source_id, message_id),
  CHECK (item_id IS NULL OR outcome IN ('queued', 'manual_review'))
) WITHOUT ROWID;
CREATE INDEX feed_ingest_by_hash ON feed_ingest (content_hash) WHERE content_hash <> '';
CREATE INDEX feed_ingest_by_time ON feed_ingest (at, outcome);

CREATE TABLE feed_scores (
  content_hash TEXT PRIMARY KEY,
  value        REAL NOT NULL,
  reason       TEXT NOT NULL,
  scorer       TEXT NOT NULL,
  at           INTEGER NOT NULL
) WITHOUT ROWID;

-- Moderation items. origin_* hold the origin (author for a suggestion, source title and link
-- otherwise), score_* the score or all NULL ("not scored"); media is JSON (ItemMedia) or NULL,
-- interested a JSON array of user ids. The fields of each status are columns, NULL elsewhere.
CREATE TABLE feed_items (
  seq                 INTEGER PRIMARY KEY,
  id                  TEXT NOT NULL UNIQUE,
  origin_kind         TEXT NOT NULL CHECK (origin_kind IN ('suggestion', 'monitored', 'forwarded')),
  origin_author_id    TEXT,
  origin_source_title TEXT,
  origin_link         TEXT,
  text                TEXT NOT NULL,
  media               TEXT,
  score_value         REAL,
  score_reason        TEXT,
  score_scorer        TEXT,
  interested          TEXT NOT NULL,
  status              TEXT NOT NULL
    CHECK (status IN ('queued', 'claimed', 'approved', 'published', 'rejected', 'expired')),
  claimed_by          TEXT,
  claimed_at          INTEGER,
  decided_by          TEXT,
  decided_at          INTEGER,
  published_at        INTEGER,
  reason              TEXT,
  created_at          INTEGER NOT NULL,
  CHECK ((origin_kind = 'suggestion') = (origin_author_id IS NOT NULL)),
  CHECK ((origin_kind = 'suggestion') = (origin_source_title IS NULL)),
  CHECK (origin_kind <> 'suggestion' OR origin_link IS NULL),
  CHECK ((score_value IS NULL) = (score_reason IS NULL)),
  CHECK ((score_value IS NULL) = (score_scorer IS NULL)),
  CHECK ((status = 'claimed') = (claimed_by IS NOT NULL)),
  CHECK ((status = 'claimed') = (claimed_at IS NOT NULL)),
  CHECK ((status IN ('approved', 'published', 'rejected')) = (decided_by IS NOT NULL)),
  CHECK ((status IN ('approved', 'published', 'rejected', 'expired')) = (decided_at IS NOT NULL)),
  CHECK ((status = 'published') = (published_at IS NOT NULL)),
  CHECK (status = 'rejected' OR reason IS NULL)
);
CREATE INDEX feed_items_open ON feed_items (created_at) WHERE status IN ('queued', 'claimed');
CREATE INDEX feed_items_by_time ON feed_items (created_at);

-- The audit log, in insertion order per item. actor_id is NULL for the system.
CREATE TABLE feed_audit (
  seq      INTEGER PRIMARY KEY,
  item_id  TEXT NOT NULL,
  action   TEXT NOT NULL
    CHECK (action IN ('claim', 'release', 'approve', 'reject', 'publish', 'expire')),
  actor_id TEXT,
  at       INTEGER NOT NULL,
  reason   TEXT
);
CREATE INDEX feed_audit_by_item ON feed_audit (item_id, seq);

-- Where each admin's card of an item is (message_id in the admin's chat with the bot).
CREATE TABLE feed_cards (
  seq        INTEGER PRIMARY KEY,
  item_id    TEXT NOT NULL,
  admin_id   TEXT NOT NULL,
  message_id INTEGER NOT NULL,
  UNIQUE (item_id, admin_id)
);
CREATE INDEX feed_cards_by_item ON feed_cards (item_id, seq);
`;
