/**
 * Schema v2: the monitoring feed's tables (sources, subscriptions, settings, ingest dedup, the
 * score cache, moderation items, their audit log and admin cards). Runs with `search_path` set
 * to the storage's schema, like v1.
 */
export const schemaV2 = /* sql */ `
CREATE TABLE feed_sources (
  id         text PRIMARY KEY,
  ref        text NOT NULL UNIQUE,
  title      text NOT NULL,
  link       text,
  added_by   text,
  created_at double precision NOT NULL
);

-- sources and keywords are JSON arrays of strings.
CREATE TABLE feed_subscriptions (
  user_id    text PRIMARY KEY,
  sources    jsonb NOT NULL,
  keywords   jsonb NOT NULL,
  threshold  double precision,
  updated_at double precision NOT NULL
);

-- Counters changed in the same transaction as what they count (unlike sequences, which do not
-- roll back), so a reader never sees a version before the change it stands for is visible.
CREATE TABLE feed_counters (
  name  text PRIMARY KEY,
  value bigint NOT NULL
);
INSERT INTO feed_counters (name, value) VALUES ('subscriptions', 0);

CREATE TABLE feed_settings (
  id                integer PRIMARY KEY CHECK (id = 1),
  channel           text,
  admins            jsonb NOT NULL,
  default_threshold double precision NOT NULL,
  topic             text NOT NULL
);

-- One row per (source, message) ever seen; outcome 'pending' until settled.
CREATE TABLE feed_ingested (
  source_id  text NOT NULL,
  message_id bigint NOT NULL,
  at         double precision NOT NULL,
  outcome    text NOT NULL CHECK (outcome IN ('pending', 'unwatched', 'duplicate', 'repost',
    'dropped_keywords', 'dropped_score', 'queued', 'manual_review')),
  item_id    text,
  PRIMARY KEY (source_id, message_id)
);
CREATE INDEX feed_ingested_by_time ON feed_ingested (at);

-- Content hashes seen from any source (reposts).
CREATE TABLE feed_content_hashes (
  hash text PRIMARY KEY,
  at   double precision NOT NULL
);

CREATE TABLE feed_scores (
  hash   text PRIMARY KEY,
  value  double precision NOT NULL,
  reason text NOT NULL,
  scorer text NOT NULL,
  at     double precision NOT NULL
);

-- origin, media, score and interested are JSON; decision holds the status's own fields
-- (claimedBy, decidedAt, reason, …). seq keeps insertion order.
CREATE TABLE feed_items (
  seq        bigint GENERATED ALWAYS AS IDENTITY,
  id         text PRIMARY KEY,
  status     text NOT NULL
    CHECK (status IN ('queued', 'claimed', 'approved', 'published', 'rejected', 'expired')),
  origin     jsonb NOT NULL,
  text       text NOT NULL,
  media      jsonb,
  score      jsonb,
  interested jsonb NOT NULL,
  decision   jsonb NOT NULL,
  created_at double precision NOT NULL
);
CREATE UNIQUE INDEX feed_items_by_seq ON feed_items (seq);
CREATE INDEX feed_items_open ON feed_items (seq) WHERE status IN ('queued', 'claimed');
CREATE INDEX feed_items_by_time ON feed_items (created_at);

CREATE TABLE feed_audit (
  seq     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  item_id text NOT NULL,
  action  text NOT NULL,
  actor   text,
  at      double precision NOT NULL,
  reason  text
);
CREATE INDEX feed_audit_by_item ON feed_audit (item_id, seq);

-- One card per (item, admin): a redelivered card replaces the old message id and keeps its
-- place (seq, the order cards were first recorded).
CREATE TABLE feed_cards (
  item_id    text NOT NULL,
  admin      text NOT NULL,
  message_id bigint NOT NULL,
  seq        bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (item_id, admin)
);
CREATE INDEX feed_cards_by_item ON feed_cards (item_id, seq);
`;
