import type { ItemRepository, ModerationItem } from '@anonboard/core';
import type { Database } from 'better-sqlite3';
import { type ItemRow, itemFromRow, itemParams } from '../../item-rows.js';
import type { TxScope } from '../scope.js';
import type { Statement } from '../statement.js';

const columns = `id, origin_kind, origin_author_id, origin_source_title, origin_link,
  origin_chat_id, origin_chat_label, origin_reporter_id, origin_reported_id, origin_evidence,
  origin_direct, text, media, score_value, score_reason, score_scorer, score_flags, review,
  edited_at, interested, status, claimed_by, claimed_at, decided_by, decided_at, published_at,
  reason, outcome, created_at`;

/** The SQL of the moderation items (exported for query-plan tests). */
export const itemsSql = {
  insert: `INSERT INTO feed_items (${columns})
    VALUES (@id, @origin_kind, @origin_author_id, @origin_source_title, @origin_link,
      @origin_chat_id, @origin_chat_label, @origin_reporter_id, @origin_reported_id,
      @origin_evidence, @origin_direct, @text, @media, @score_value, @score_reason, @score_scorer,
      @score_flags, @review, @edited_at, @interested, @status, @claimed_by, @claimed_at,
      @decided_by, @decided_at, @published_at, @reason,
      @outcome, @created_at)`,
  get: `SELECT ${columns} FROM feed_items WHERE id = ?`,
  update: `UPDATE feed_items SET origin_kind = @origin_kind,
      origin_author_id = @origin_author_id, origin_source_title = @origin_source_title,
      origin_link = @origin_link, origin_chat_id = @origin_chat_id,
      origin_chat_label = @origin_chat_label, origin_reporter_id = @origin_reporter_id,
      origin_reported_id = @origin_reported_id, origin_evidence = @origin_evidence,
      origin_direct = @origin_direct,
      text = @text, media = @media, score_value = @score_value,
      score_reason = @score_reason, score_scorer = @score_scorer, score_flags = @score_flags,
      review = @review, edited_at = @edited_at, interested = @interested,
      status = @status, claimed_by = @claimed_by, claimed_at = @claimed_at,
      decided_by = @decided_by, decided_at = @decided_at, published_at = @published_at,
      reason = @reason, outcome = @outcome, created_at = @created_at
    WHERE id = @id AND status = @expected`,
  // The status list must match the partial index's for the planner to use it.
  listOpen: `SELECT ${columns} FROM feed_items WHERE status IN ('queued', 'claimed')
    ORDER BY created_at, seq LIMIT ?`,
  listReportsAbout: `SELECT ${columns} FROM feed_items WHERE origin_kind = 'report'
    AND (origin_reporter_id = @user OR origin_reported_id = @user) ORDER BY seq LIMIT @limit`,
  listSince: `SELECT ${columns} FROM feed_items WHERE created_at >= ?
    ORDER BY created_at, seq LIMIT ?`,
} as const;

type ItemParams = ReturnType<typeof itemParams>;

export interface ItemStatements {
  readonly insert: Statement<[ItemParams]>;
  readonly get: Statement<[string], ItemRow>;
  readonly update: Statement<[ItemParams & { expected: string }]>;
  readonly listOpen: Statement<[number], ItemRow>;
  readonly listSince: Statement<[number, number], ItemRow>;
  readonly listReportsAbout: Statement<[{ user: string; limit: number }], ItemRow>;
}

export function prepareItems(db: Database): ItemStatements {
  return {
    insert: db.prepare<[ItemParams]>(itemsSql.insert),
    get: db.prepare<[string], ItemRow>(itemsSql.get),
    update: db.prepare<[ItemParams & { expected: string }]>(itemsSql.update),
    listOpen: db.prepare<[number], ItemRow>(itemsSql.listOpen),
    listSince: db.prepare<[number, number], ItemRow>(itemsSql.listSince),
    listReportsAbout: db.prepare<[{ user: string; limit: number }], ItemRow>(
      itemsSql.listReportsAbout,
    ),
  };
}

export class SqliteItemRepository implements ItemRepository {
  constructor(
    private readonly s: ItemStatements,
    private readonly scope: TxScope,
  ) {}

  async insert(item: ModerationItem): Promise<void> {
    this.scope.check();
    this.s.insert.run(itemParams(item));
  }

  async get(id: string): Promise<ModerationItem | undefined> {
    this.scope.check();
    const row = this.s.get.get(id);
    return row && itemFromRow(row);
  }

  async update(next: ModerationItem, expected: ModerationItem['status']): Promise<boolean> {
    this.scope.check();
    return this.s.update.run({ ...itemParams(next), expected }).changes === 1;
  }

  async listOpen(limit: number): Promise<ModerationItem[]> {
    this.scope.check();
    return this.s.listOpen.all(limit).map(itemFromRow);
  }

  async listReportsAbout(userId: string, limit: number): Promise<ModerationItem[]> {
    this.scope.check();
    return this.s.listReportsAbout.all({ user: userId, limit }).map(itemFromRow);
  }

  async listSince(since: number, limit: number): Promise<ModerationItem[]> {
    this.scope.check();
    return this.s.listSince.all(since, limit).map(itemFromRow);
  }
}
