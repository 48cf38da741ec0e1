/**
 * Schema v5: monitoring items remember more. An item in manual review keeps why (`review`, JSON
 * `{ reason, error }`: the scorer's error as it was); an item whose source message was edited
 * keeps when (`edited_at`); the score cache keeps a score's warnings (`flags`, a JSON array such
 * as `["injection"]`). A forwarded item's forwarder and an item's score flags live in the
 * `origin` and `score` JSON columns already. Runs with `search_path` set to the storage's schema.
 */
export const schemaV5 = /* sql */ `
ALTER TABLE feed_items ADD COLUMN review jsonb, ADD COLUMN edited_at double precision,
  ADD CONSTRAINT feed_items_review_check CHECK (score IS NULL OR review IS NULL);
ALTER TABLE feed_scores ADD COLUMN flags jsonb;
`;
