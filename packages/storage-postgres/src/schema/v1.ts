/**
 * Schema v1: the board's tables. It runs with `search_path` set to the storage's schema, so
 * every name lands there. Platform (Telegram) ids live only in `users.platform_id`; every other
 * table refers to people by internal ids. No foreign keys between tables: ads may live in another
 * system (an `AdDirectory`), and records arrive in any order. Times are JavaScript numbers (ms
 * since the epoch), stored as `double precision` so fractions of a millisecond survive.
 */
export const schemaV1 = /* sql */ `
CREATE TABLE users (
  id          text PRIMARY KEY,
  platform_id text NOT NULL UNIQUE,
  locale      text NOT NULL,
  reachable   boolean NOT NULL,
  draft_ad_id text,
  created_at  double precision NOT NULL
);

-- seq orders ads newest first and pages them; search holds title and text lower-cased.
CREATE TABLE ads (
  seq        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id         text NOT NULL UNIQUE,
  author_id  text NOT NULL,
  title      text NOT NULL,
  text       text NOT NULL,
  search     text NOT NULL,
  status     text NOT NULL CHECK (status IN ('open', 'closed')),
  closed_at  double precision,
  created_at double precision NOT NULL,
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX ads_by_status ON ads (status, seq);
CREATE INDEX ads_by_author ON ads (author_id, seq);

-- UNIQUE (sender_id, ad_id): one first message per ad, ever.
CREATE TABLE invites (
  seq          bigint GENERATED ALWAYS AS IDENTITY,
  id           text PRIMARY KEY,
  ad_id        text NOT NULL,
  ad_title     text NOT NULL,
  sender_id    text NOT NULL,
  recipient_id text NOT NULL,
  content      jsonb NOT NULL,
  status       text NOT NULL
    CHECK (status IN ('pending', 'accepted', 'declined', 'expired', 'withdrawn')),
  decided_at   double precision,
  chat_id      text,
  created_at   double precision NOT NULL,
  UNIQUE (sender_id, ad_id),
  CHECK ((status = 'pending') = (decided_at IS NULL)),
  CHECK ((status = 'accepted') = (chat_id IS NOT NULL))
);
CREATE INDEX invites_by_sender_time ON invites (sender_id, created_at);
CREATE INDEX invites_pending_by_pair ON invites (sender_id, recipient_id) WHERE status = 'pending';
CREATE INDEX invites_pending_by_age ON invites (created_at, seq) WHERE status = 'pending';

-- UNIQUE invite_id: one chat per invite.
CREATE TABLE chats (
  seq       bigint GENERATED ALWAYS AS IDENTITY,
  id        text PRIMARY KEY,
  invite_id text NOT NULL UNIQUE,
  ad_id     text NOT NULL,
  label     text NOT NULL,
  author_id text NOT NULL,
  reader_id text NOT NULL,
  status    text NOT NULL CHECK (status IN ('active', 'ended', 'blocked')),
  ended_at  double precision,
  ended_by  text,
  reason    text CHECK (reason IN ('ended', 'blocked', 'unreachable')),
  opened_at double precision NOT NULL,
  CHECK ((status = 'active') = (ended_at IS NULL AND reason IS NULL))
);
CREATE INDEX chats_active_by_author ON chats (author_id, opened_at, seq) WHERE status = 'active';
CREATE INDEX chats_active_by_reader ON chats (reader_id, opened_at, seq) WHERE status = 'active';

-- An unordered pair, stored as (low, high) in JavaScript's string order (no CHECK: the
-- database's collation may order strings differently).
CREATE TABLE blocks (
  low  text NOT NULL,
  high text NOT NULL,
  at   double precision NOT NULL,
  PRIMARY KEY (low, high)
);

-- Each relayed message has two rows, one per side, each naming its peer.
CREATE TABLE message_links (
  user_id         text NOT NULL,
  message_id      bigint NOT NULL,
  chat_id         text NOT NULL,
  peer_user_id    text NOT NULL,
  peer_message_id bigint NOT NULL,
  PRIMARY KEY (user_id, message_id)
);

-- Tokens of one group_key are consumed together.
CREATE TABLE tokens (
  token      text PRIMARY KEY,
  user_id    text NOT NULL,
  action     jsonb NOT NULL,
  group_key  text NOT NULL,
  created_at double precision NOT NULL
);
CREATE INDEX tokens_by_group ON tokens (group_key);

CREATE TABLE inbox (
  key text PRIMARY KEY,
  at  double precision NOT NULL
);

-- Ids come from an identity sequence: never reused, so a dispatcher whose lease expired can
-- never complete someone else's newer entry.
CREATE TABLE outbox (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  lane         text NOT NULL,
  effect       jsonb NOT NULL,
  attempts     integer NOT NULL DEFAULT 0,
  created_at   double precision NOT NULL,
  available_at double precision NOT NULL,
  leased_until double precision NOT NULL DEFAULT 0,
  dead         boolean NOT NULL DEFAULT false,
  error        text
);
CREATE INDEX outbox_live_by_lane ON outbox (lane, id) WHERE NOT dead;
CREATE INDEX outbox_dead ON outbox (id) WHERE dead;

-- One row per lane with live entries: its head (oldest live entry) and when the head is next
-- claimable (the later of its available_at and leased_until). Claims lock these rows with
-- SKIP LOCKED; writers to a lane lock its row first, which orders a lane's ids by commit.
-- head_id and due_at are null only inside the transaction that creates the row.
CREATE TABLE outbox_lanes (
  lane    text PRIMARY KEY,
  head_id bigint,
  due_at  double precision
);
CREATE INDEX outbox_lanes_by_due ON outbox_lanes (due_at, head_id);
`;
