/**
 * Schema v1: every table of the board. Platform (Telegram) ids live only in `users.platform_id`;
 * every other table refers to people by internal ids. No foreign keys between tables: ads may
 * live in another system (an `AdDirectory`), and records arrive in any order. Not STRICT: times
 * are JavaScript numbers, and a clock or a retry delay with a fraction of a millisecond must be
 * stored as given rather than fail the transaction.
 */
export const schemaV1 = /* sql */ `
CREATE TABLE users (
  id          TEXT PRIMARY KEY,
  platform_id TEXT NOT NULL UNIQUE,
  locale      TEXT NOT NULL,
  reachable   INTEGER NOT NULL CHECK (reachable IN (0, 1)),
  draft_ad_id TEXT,
  created_at  INTEGER NOT NULL
);

-- seq orders ads newest first and pages them; search holds title and text lower-cased.
CREATE TABLE ads (
  seq        INTEGER PRIMARY KEY,
  id         TEXT NOT NULL UNIQUE,
  author_id  TEXT NOT NULL,
  title      TEXT NOT NULL,
  text       TEXT NOT NULL,
  search     TEXT NOT NULL,
  status     TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  closed_at  INTEGER,
  created_at INTEGER NOT NULL,
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX ads_by_status ON ads (status, seq);
CREATE INDEX ads_by_author ON ads (author_id, seq);

-- content is JSON (InviteContent). UNIQUE (sender_id, ad_id): one first message per ad, ever.
CREATE TABLE invites (
  id           TEXT PRIMARY KEY,
  ad_id        TEXT NOT NULL,
  ad_title     TEXT NOT NULL,
  sender_id    TEXT NOT NULL,
  recipient_id TEXT NOT NULL,
  content      TEXT NOT NULL,
  status       TEXT NOT NULL
    CHECK (status IN ('pending', 'accepted', 'declined', 'expired', 'withdrawn')),
  decided_at   INTEGER,
  chat_id      TEXT,
  created_at   INTEGER NOT NULL,
  UNIQUE (sender_id, ad_id),
  CHECK ((status = 'pending') = (decided_at IS NULL)),
  CHECK ((status = 'accepted') = (chat_id IS NOT NULL))
);
CREATE INDEX invites_by_sender_time ON invites (sender_id, created_at);
CREATE INDEX invites_pending_by_pair ON invites (sender_id, recipient_id) WHERE status = 'pending';
CREATE INDEX invites_pending_by_age ON invites (created_at) WHERE status = 'pending';

-- UNIQUE invite_id: one chat per invite.
CREATE TABLE chats (
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
  reason     TEXT CHECK (reason IN ('ended', 'blocked', 'unreachable')),
  opened_at  INTEGER NOT NULL,
  CHECK ((status = 'active') = (ended_at IS NULL AND reason IS NULL))
);
CREATE INDEX chats_active_by_author ON chats (author_id, opened_at) WHERE status = 'active';
CREATE INDEX chats_active_by_reader ON chats (reader_id, opened_at) WHERE status = 'active';

-- An unordered pair, stored as (min, max).
CREATE TABLE blocks (
  low  TEXT NOT NULL,
  high TEXT NOT NULL,
  at   INTEGER NOT NULL,
  PRIMARY KEY (low, high),
  CHECK (low <= high)
) WITHOUT ROWID;

-- Each relayed message has two rows, one per side, each naming its peer.
CREATE TABLE message_links (
  user_id         TEXT NOT NULL,
  message_id      INTEGER NOT NULL,
  chat_id         TEXT NOT NULL,
  peer_user_id    TEXT NOT NULL,
  peer_message_id INTEGER NOT NULL,
  PRIMARY KEY (user_id, message_id)
) WITHOUT ROWID;

-- action is JSON (Action). Tokens of one group_key are consumed together.
CREATE TABLE tokens (
  token      TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL,
  action     TEXT NOT NULL,
  group_key  TEXT NOT NULL,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX tokens_by_group ON tokens (group_key);

CREATE TABLE inbox (
  key TEXT PRIMARY KEY,
  at  INTEGER NOT NULL
) WITHOUT ROWID;

-- effect is JSON (Effect). AUTOINCREMENT: an id is never reused, so a stale dispatcher
-- completing an old id can never remove a newer entry.
CREATE TABLE outbox (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  lane         TEXT NOT NULL,
  effect       TEXT NOT NULL,
  attempts     INTEGER NOT NULL DEFAULT 0,
  created_at   INTEGER NOT NULL,
  available_at INTEGER NOT NULL,
  leased_until INTEGER NOT NULL DEFAULT 0,
  dead         INTEGER NOT NULL DEFAULT 0 CHECK (dead IN (0, 1)),
  error        TEXT
);
CREATE INDEX outbox_live_by_lane ON outbox (lane, id) WHERE dead = 0;
CREATE INDEX outbox_dead ON outbox (id) WHERE dead = 1;

-- One row per lane with live entries: its head (oldest live entry) and when the head is next
-- claimable (max of its available_at and leased_until). Kept by the triggers below, so a claim
-- reads due lanes from an index instead of scanning the outbox.
CREATE TABLE outbox_lanes (
  lane    TEXT PRIMARY KEY,
  head_id INTEGER NOT NULL,
  due_at  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX outbox_lanes_by_due ON outbox_lanes (due_at, head_id);

CREATE TRIGGER outbox_lane_on_insert AFTER INSERT ON outbox WHEN NEW.dead = 0
BEGIN
  INSERT INTO outbox_lanes (lane, head_id, due_at)
  VALUES (NEW.lane, NEW.id, max(NEW.available_at, NEW.leased_until))
  ON CONFLICT (lane) DO NOTHING;
END;

CREATE TRIGGER outbox_lane_on_schedule AFTER UPDATE OF available_at, leased_until ON outbox
WHEN NEW.dead = 0
BEGIN
  UPDATE outbox_lanes SET due_at = max(NEW.available_at, NEW.leased_until)
  WHERE lane = NEW.lane AND head_id = NEW.id;
END;

CREATE TRIGGER outbox_lane_on_dead AFTER UPDATE OF dead ON outbox
WHEN OLD.dead = 0 AND NEW.dead = 1
BEGIN
  DELETE FROM outbox_lanes WHERE lane = OLD.lane AND head_id = OLD.id;
  INSERT INTO outbox_lanes (lane, head_id, due_at)
  SELECT lane, id, max(available_at, leased_until) FROM outbox
  WHERE lane = OLD.lane AND dead = 0 ORDER BY id LIMIT 1
  ON CONFLICT (lane) DO NOTHING;
END;

CREATE TRIGGER outbox_lane_on_delete AFTER DELETE ON outbox WHEN OLD.dead = 0
BEGIN
  DELETE FROM outbox_lanes WHERE lane = OLD.lane AND head_id = OLD.id;
  INSERT INTO outbox_lanes (lane, head_id, due_at)
  SELECT lane, id, max(available_at, leased_until) FROM outbox
  WHERE lane = OLD.lane AND dead = 0 ORDER BY id LIMIT 1
  ON CONFLICT (lane) DO NOTHING;
END;
`;
