/**
 * Schema v9: a person read by id reads one b-tree, not two. `users` was a rowid table with a
 * `TEXT PRIMARY KEY`, so a lookup by id read the primary key's automatic index and then the
 * table; it is now a WITHOUT ROWID table keyed by id (rows are small: a 16-character id, a
 * platform id, a locale, flags and a time). `platform_id` keeps its UNIQUE index. Rebuilt as in
 * v3: create the new table, copy every row, drop the old one, rename the new one. `users` has no
 * trigger, no index of its own and no foreign key, and no statement reads its rowid.
 *
 * `chats` stays a rowid table: its rowid is `seq`, which orders a person's chats, and a WITHOUT
 * ROWID table would have to number them itself.
 */
export const schemaV9 = /* sql */ `
CREATE TABLE users_new (
  id          TEXT PRIMARY KEY,
  platform_id TEXT NOT NULL UNIQUE,
  locale      TEXT NOT NULL,
  reachable   INTEGER NOT NULL CHECK (reachable IN (0, 1)),
  draft_ad_id TEXT,
  created_at  INTEGER NOT NULL,
  banned      INTEGER NOT NULL DEFAULT 0 CHECK (banned IN (0, 1))
) WITHOUT ROWID;
INSERT INTO users_new (id, platform_id, locale, reachable, draft_ad_id, created_at, banned)
  SELECT id, platform_id, locale, reachable, draft_ad_id, created_at, banned FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
`;
