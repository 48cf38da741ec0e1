import type {
  ItemId,
  ItemMedia,
  ItemOrigin,
  ItemRepository,
  ItemReview,
  ItemScore,
  ModerationItem,
  UserId,
} from '@anonboard/core';
import { storedMedia } from '@anonboard/core';
import type { TxScope } from '../scope.js';
import { defineSql } from '../statement.js';

const columns =
  'id, status, origin, text, media, score, interested, decision, created_at, review, edited_at';

/** The SQL of the moderation items. */
export const itemsSql = defineSql('items', {
  insert: `INSERT INTO feed_items (${columns})
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
  get: `SELECT ${columns} FROM feed_items WHERE id = $1`,
  // Compare-and-set on status: of two admins deciding at once, one changes the row.
  update: `UPDATE feed_items SET status = $2, origin = $3, text = $4, media = $5, score = $6,
      interested = $7, decision = $8, created_at = $9, review = $10, edited_at = $11
    WHERE id = $1 AND status = $12`,
  listOpen: `SELECT ${columns} FROM feed_items
    WHERE status IN ('queued', 'claimed') ORDER BY seq LIMIT $1`,
  listReportsAbout: `SELECT ${columns} FROM feed_items WHERE origin->>'kind' = 'report'
    AND (origin->>'reporter' = $1 OR origin->>'reported' = $1) ORDER BY seq LIMIT $2`,
  listSince: `SELECT ${columns} FROM feed_items
    WHERE created_at >= $1 ORDER BY seq LIMIT $2`,
});

interface ItemRow {
  readonly id: string;
  readonly status: string;
  readonly origin: ItemOrigin;
  readonly text: string;
  readonly media: ItemMedia | null;
  readonly score: ItemScore | null;
  readonly interested: UserId[];
  readonly decision: Record<string, unknown>;
  readonly created_at: number;
  readonly review: ItemReview | null;
  readonly edited_at: number | null;
}

function itemFromRow(row: ItemRow): ModerationItem {
  return {
    id: row.id as ItemId,
    origin: row.origin,
    text: row.text,
    media: storedMedia(row.media),
    score: row.score,
    interested: row.interested,
    createdAt: row.created_at,
    ...(row.review === null ? {} : { review: row.review }),
    ...(row.edited_at === null ? {} : { editedAt: row.edited_at }),
    ...row.decision,
    status: row.status,
  } as ModerationItem;
}

/** Parameters in column order; `decision` holds whatever the status adds (claimedBy, reason, …). */
function itemParams(item: ModerationItem): unknown[] {
  const {
    id,
    status,
    origin,
    text,
    media,
    score,
    interested,
    createdAt,
    review,
    editedAt,
    ...decision
  } = item;
  return [
    id,
    status,
    JSON.stringify(origin),
    text,
    media === null ? null : JSON.stringify(media),
    score === null ? null : JSON.stringify(score),
    JSON.stringify(interested),
    JSON.stringify(decision),
    createdAt,
    review === undefined || score !== null ? null : JSON.stringify(review),
    editedAt ?? null,
  ];
}

export class PostgresItemRepository implements ItemRepository {
  constructor(private readonly db: TxScope) {}

  async insert(item: ModerationItem): Promise<void> {
    await this.db.run(itemsSql.insert, itemParams(item));
  }

  async get(id: ItemId): Promise<ModerationItem | undefined> {
    const row = await this.db.row<ItemRow>(itemsSql.get, [id]);
    return row && itemFromRow(row);
  }

  async update(next: ModerationItem, expected: ModerationItem['status']): Promise<boolean> {
    return (await this.db.run(itemsSql.update, [...itemParams(next), expected])) === 1;
  }

  async listOpen(limit: number): Promise<ModerationItem[]> {
    return (await this.db.rows<ItemRow>(itemsSql.listOpen, [Math.max(0, limit)])).map(itemFromRow);
  }

  async listReportsAbout(userId: string, limit: number): Promise<ModerationItem[]> {
    const rows = await this.db.rows<ItemRow>(itemsSql.listReportsAbout, [
      userId,
      Math.max(0, limit),
    ]);
    return rows.map(itemFromRow);
  }

  async listSince(since: number, limit: number): Promise<ModerationItem[]> {
    return (await this.db.rows<ItemRow>(itemsSql.listSince, [since, Math.max(0, limit)])).map(
      itemFromRow,
    );
  }
}
