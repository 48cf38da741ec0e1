import type { FeedSettings, Source, Subscription } from '../../feed/source.js';
import type { ItemId, SourceId, UserId } from '../../ids.js';
import type { AuditEntry, ItemScore, ScoreFlag } from '../../moderation/item.js';
import type { SqlDialect } from './dialect.js';

// The feed's rows (sources, subscriptions, settings, cached scores, the audit log) and their
// mapping to core's records. Moderation items are not here: SQLite spreads an item over one
// column per field, PostgreSQL keeps its origin, score and decision as jsonb; each storage maps
// its own layout.

/** A row of `feed_sources`. */
export interface SourceRow {
  readonly id: string;
  readonly ref: string;
  readonly title: string;
  readonly link: string | null;
  readonly added_by: string | null;
  readonly created_at: number;
}

export function sourceFromRow(row: SourceRow): Source {
  return {
    id: row.id as SourceId,
    ref: row.ref,
    title: row.title,
    link: row.link,
    addedBy: row.added_by as UserId | null,
    createdAt: row.created_at,
  };
}

/** The columns a source is written to, in the order `positional` puts its parameters. */
export const sourceColumns = ['id', 'ref', 'title', 'link', 'added_by', 'created_at'] as const;

/** The parameters of a source row. */
export function sourceParams(source: Source) {
  return {
    id: source.id,
    ref: source.ref,
    title: source.title,
    link: source.link,
    added_by: source.addedBy,
    created_at: source.createdAt,
  } satisfies Record<(typeof sourceColumns)[number], unknown>;
}

/** A row of `feed_subscriptions`. */
export interface SubscriptionRow {
  readonly user_id: string;
  /** JSON of the source ids, as the driver returns it. */
  readonly sources: unknown;
  /** JSON of the keywords, as the driver returns it. */
  readonly keywords: unknown;
  readonly threshold: number | null;
  readonly updated_at: number;
}

export function subscriptionFromRow(row: SubscriptionRow, d: SqlDialect): Subscription {
  return {
    userId: row.user_id as UserId,
    sources: d.json(row.sources) as SourceId[],
    keywords: d.json(row.keywords) as string[],
    threshold: row.threshold,
    updatedAt: row.updated_at,
  };
}

/** The columns a subscription is written to, in the order `positional` puts its parameters. */
export const subscriptionColumns = [
  'user_id',
  'sources',
  'keywords',
  'threshold',
  'updated_at',
] as const;

/** The parameters of a subscription row; its lists are written as JSON. */
export function subscriptionParams(subscription: Subscription) {
  return {
    user_id: subscription.userId,
    sources: JSON.stringify(subscription.sources),
    keywords: JSON.stringify(subscription.keywords),
    threshold: subscription.threshold,
    updated_at: subscription.updatedAt,
  } satisfies Record<(typeof subscriptionColumns)[number], unknown>;
}

/** The row of `feed_settings`. */
export interface SettingsRow {
  readonly channel: string | null;
  /** JSON of the admins' ids, as the driver returns it. */
  readonly admins: unknown;
  readonly default_threshold: number;
  readonly topic: string;
}

export function settingsFromRow(row: SettingsRow, d: SqlDialect): FeedSettings {
  return {
    channel: row.channel,
    admins: d.json(row.admins) as UserId[],
    defaultThreshold: row.default_threshold,
    topic: row.topic,
  };
}

/** The columns the settings are written to, in the order `positional` puts their parameters. */
export const settingsColumns = ['channel', 'admins', 'default_threshold', 'topic'] as const;

/** The parameters of the settings row; the admins are written as JSON. */
export function settingsParams(settings: FeedSettings) {
  return {
    channel: settings.channel,
    admins: JSON.stringify(settings.admins),
    default_threshold: settings.defaultThreshold,
    topic: settings.topic,
  } satisfies Record<(typeof settingsColumns)[number], unknown>;
}

/** A row of `feed_scores` (the score cache). */
export interface ScoreRow {
  readonly value: number;
  readonly reason: string;
  readonly scorer: string;
  /** JSON of the score's flags as the driver returns it, or NULL for none. */
  readonly flags: unknown;
}

export function scoreFromRow(row: ScoreRow, d: SqlDialect): ItemScore {
  return {
    value: row.value,
    reason: row.reason,
    scorer: row.scorer,
    ...scoreFlagsFrom(row.flags, d),
  };
}

/**
 * The flags column of a score: JSON of a non-empty list, or NULL (no flags and an empty list
 * read back alike, as no `flags` field).
 */
export function scoreFlagsParam(score: ItemScore | null): string | null {
  return score?.flags === undefined || score.flags.length === 0
    ? null
    : JSON.stringify(score.flags);
}

/** The `flags` field a flags column gives a score: none for NULL. */
export function scoreFlagsFrom(column: unknown, d: SqlDialect): { flags?: ScoreFlag[] } {
  return column === null ? {} : { flags: d.json(column) as ScoreFlag[] };
}

/** A row of `feed_audit`. */
export interface AuditRow {
  readonly item_id: string;
  readonly action: string;
  readonly actor_id: string | null;
  readonly at: number;
  readonly reason: string | null;
}

export function auditEntryFromRow(row: AuditRow): AuditEntry {
  return {
    itemId: row.item_id as ItemId,
    action: row.action as AuditEntry['action'],
    by: row.actor_id as UserId | null,
    at: row.at,
    reason: row.reason,
  };
}
