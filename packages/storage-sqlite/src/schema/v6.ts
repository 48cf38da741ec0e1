/**
 * Schema v6: the channel's own direct messages as a fourth input. A moderation item may come
 * from them (`origin_kind` 'direct': the channel's title in `origin_source_title`, and
 * `origin_direct`, JSON `{ chatRef, messageId, offer, mediaKind }`: where the post is and what its
 * author offered, never who the author is); a decision made in the platform's own UI has no
 * deciding admin (`decided_by` NULL for such an item); the audit log gains the platform's
 * decisions and its refusals (`platformApproved`, `platformDeclined`, `refused`).
 *
 * SQLite cannot change a CHECK constraint in place, so `feed_items` and `feed_audit` are rebuilt
 * as in v3 and v5: create the new table, copy every row (keeping `seq`), drop the old one, rename
 * the new one and recreate its indexes, inside the migration's transaction.
 */
export const schemaV6 = /* sql */ `
CREATE TABLE feed_items_new (
  seq                 INTEGER PRIMARY KEY,
  id                  TEXT NOT NULL UNIQUE,
  origin_kind         TEXT NOT NULL
    CHECK (origin_kind IN ('suggestion', 'monitored', 'forwarded', 'report', 'direct')),
  origin_author_id    TEXT,
  origin_source_title TEXT,
  origin_link         TEXT,
  origin_chat_id      TEXT,
  origin_chat_label   TEXT,
  origin_reporter_id  TEXT,
  origin_reported_id  TEXT,
  origin_evidence     TEXT,
  origin_direct       TEXT,
  text                TEXT NOT NULL,
  media               TEXT,
  score_value         REAL,
  score_reason        TEXT,
  score_scorer        TEXT,
  score_flags         TEXT,
  review              TEXT,
  edited_at           INTEGER,
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
  CHECK (origin_kind <> 'suggestion' OR origin_author_id IS NOT NULL),
  CHECK (origin_kind IN ('suggestion', 'forwarded') OR origin_author_id IS NULL),
  CHECK ((origin_kind IN ('monitored', 'forwarded', 'direct')) = (origin_source_title IS NOT NULL)),
  CHECK (origin_kind IN ('monitored', 'forwarded') OR origin_link IS NULL),
  CHECK ((origin_kind = 'report') = (origin_chat_id IS NOT NULL)),
  CHECK ((origin_kind = 'report') = (origin_chat_label IS NOT NULL)),
  CHECK ((origin_kind = 'report') = (origin_reporter_id IS NOT NULL)),
  CHECK ((origin_kind = 'report') = (origin_reported_id IS NOT NULL)),
  CHECK ((origin_kind = 'report') = (origin_evidence IS NOT NULL)),
  CHECK ((origin_kind = 'direct') = (origin_direct IS NOT NULL)),
  CHECK ((score_value IS NULL) = (score_reason IS NULL)),
  CHECK ((score_value IS NULL) = (score_scorer IS NULL)),
  CHECK (score_value IS NOT NULL OR score_flags IS NULL),
  CHECK (score_value IS NULL OR review IS NULL),
  CHECK ((status = 'claimed') = (claimed_by IS NOT NULL)),
  CHECK ((status = 'claimed') = (claimed_at IS NOT NULL)),
  CHECK (status IN ('approved', 'published', 'rejected', 'resolved') OR decided_by IS NULL),
  CHECK (status NOT IN ('approved', 'published', 'rejected', 'resolved')
    OR decided_by IS NOT NULL OR origin_kind = 'direct'),
  CHECK ((status IN ('approved', 'published', 'rejected', 'expired', 'resolved'))
    = (decided_at IS NOT NULL)),
  CHECK ((status = 'published') = (published_at IS NOT NULL)),
  CHECK (status = 'rejected' OR reason IS NULL),
  CHECK ((status = 'resolved') = (outcome IS NOT NULL)),
  CHECK (status <> 'resolved' OR origin_kind = 'report')
);
INSERT INTO feed_items_new (seq, id, origin_kind, origin_author_id, origin_source_title,
    origin_link, origin_chat_id, origin_chat_label, origin_reporter_id, origin_reported_id,
    origin_evidence, text, media, score_value, score_reason, score_scorer, score_flags, review,
    edited_at, interested, status, claimed_by, claimed_at, decided_by, decided_at, published_at,
    reason, outcome, created_at)
  SELECT seq, id, origin_kind, origin_author_id, origin_source_title, origin_link,
    origin_chat_id, origin_chat_label, origin_reporter_id, origin_reported_id, origin_evidence,
    text, media, score_value, score_reason, score_scorer, score_flags, review, edited_at,
    interested, status, claimed_by, claimed_at, decided_by, decided_at, published_at, reason,
    outcome, created_at
  FROM feed_items;
DROP TABLE feed_items;
ALTER TABLE feed_items_new RENAME TO feed_items;
CREATE INDEX feed_items_open ON feed_items (created_at) WHERE status IN ('queued', 'claimed');
CREATE INDEX feed_items_by_time ON feed_items (created_at);

-- feed_audit: the platform's own decisions and its refusals of the bot's.
CREATE TABLE feed_audit_new (
  seq      INTEGER PRIMARY KEY,
  item_id  TEXT NOT NULL,
  action   TEXT NOT NULL
    CHECK (action IN ('claim', 'release', 'approve', 'reject', 'publish', 'expire', 'resolve',
      'platformApproved', 'platformDeclined', 'refused')),
  actor_id TEXT,
  at       INTEGER NOT NULL,
  reason   TEXT
);
INSERT INTO feed_audit_new (seq, item_id, action, actor_id, at, reason)
  SELECT seq, item_id, action, actor_id, at, reason FROM feed_audit;
DROP TABLE feed_audit;
ALTER TABLE feed_audit_new RENAME TO feed_audit;
CREATE INDEX feed_audit_by_item ON feed_audit (item_id, seq);
`;
