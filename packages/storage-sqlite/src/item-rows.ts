import type {
  ChatId,
  EvidenceLine,
  ItemId,
  ItemMedia,
  ItemOrigin,
  ItemReview,
  ModerationItem,
  ReportOutcome,
  UserId,
} from '@anonboard/core';
import { storedMedia } from '@anonboard/core';
import { scoreFlagsFrom, scoreFlagsParam } from '@anonboard/core/sql';
import { sqliteDialect } from './rows.js';

// A moderation item as SQLite lays it out: one column per field, the origin's and the status's
// own fields NULL for every other kind and status (the CHECKs insist). PostgreSQL keeps items as
// jsonb instead, so this part of the codec is SQLite's own. The database is trusted: JSON
// columns were written by `JSON.stringify` of typed values.

export interface ItemRow {
  readonly id: string;
  readonly origin_kind: string;
  readonly origin_author_id: string | null;
  readonly origin_source_title: string | null;
  readonly origin_link: string | null;
  readonly origin_chat_id: string | null;
  readonly origin_chat_label: string | null;
  readonly origin_reporter_id: string | null;
  readonly origin_reported_id: string | null;
  readonly origin_evidence: string | null;
  readonly origin_direct: string | null;
  readonly text: string;
  readonly media: string | null;
  readonly score_value: number | null;
  readonly score_reason: string | null;
  readonly score_scorer: string | null;
  readonly score_flags: string | null;
  /** JSON: the item's ItemReview, or NULL. */
  readonly review: string | null;
  readonly edited_at: number | null;
  readonly interested: string;
  readonly status: string;
  readonly claimed_by: string | null;
  readonly claimed_at: number | null;
  readonly decided_by: string | null;
  readonly decided_at: number | null;
  readonly published_at: number | null;
  readonly reason: string | null;
  readonly outcome: string | null;
  readonly created_at: number;
}

export function itemFromRow(row: ItemRow): ModerationItem {
  const media: ItemMedia | null = row.media === null ? null : storedMedia(JSON.parse(row.media));
  const interested: UserId[] = JSON.parse(row.interested);
  const base = {
    id: row.id as ItemId,
    origin: originFromRow(row),
    text: row.text,
    media,
    score:
      row.score_value === null
        ? null
        : {
            value: row.score_value,
            reason: row.score_reason ?? '',
            scorer: row.score_scorer ?? '',
            ...scoreFlagsFrom(row.score_flags, sqliteDialect),
          },
    ...(row.review === null ? {} : { review: JSON.parse(row.review) as ItemReview }),
    ...(row.edited_at === null ? {} : { editedAt: row.edited_at }),
    interested,
    createdAt: row.created_at,
  };
  // Null only for a decision made in the platform's own UI (the CHECKs allow it for 'direct').
  const decidedBy = row.decided_by as UserId | null;
  const decidedAt = row.decided_at ?? 0;
  switch (row.status) {
    case 'claimed':
      return {
        ...base,
        status: 'claimed',
        claimedBy: row.claimed_by as UserId,
        claimedAt: row.claimed_at ?? 0,
      };
    case 'approved':
      return { ...base, status: 'approved', decidedBy, decidedAt };
    case 'published':
      return {
        ...base,
        status: 'published',
        decidedBy,
        decidedAt,
        publishedAt: row.published_at ?? 0,
      };
    case 'rejected':
      return { ...base, status: 'rejected', decidedBy, decidedAt, reason: row.reason };
    case 'expired':
      return { ...base, status: 'expired', decidedAt };
    case 'resolved':
      return {
        ...base,
        status: 'resolved',
        decidedBy: decidedBy as UserId,
        decidedAt,
        outcome: row.outcome as ReportOutcome,
      };
    default:
      return { ...base, status: 'queued' };
  }
}

/** The columns of a status's own fields; NULL for every other status (the CHECKs insist). */
interface ItemStatusColumns {
  readonly claimed_by: string | null;
  readonly claimed_at: number | null;
  readonly decided_by: string | null;
  readonly decided_at: number | null;
  readonly published_at: number | null;
  readonly reason: string | null;
  readonly outcome: string | null;
}

export function itemParams(item: ModerationItem) {
  const { score } = item;
  return {
    id: item.id,
    ...originColumns(item.origin),
    text: item.text,
    media: item.media === null ? null : JSON.stringify(item.media),
    score_value: score === null ? null : score.value,
    score_reason: score === null ? null : score.reason,
    score_scorer: score === null ? null : score.scorer,
    score_flags: scoreFlagsParam(score),
    review: item.review === undefined || score !== null ? null : JSON.stringify(item.review),
    edited_at: item.editedAt ?? null,
    interested: JSON.stringify(item.interested),
    status: item.status,
    ...statusColumns(item),
    created_at: item.createdAt,
  };
}

function originFromRow(row: ItemRow): ItemOrigin {
  if (row.origin_kind === 'suggestion') {
    return { kind: 'suggestion', authorId: row.origin_author_id as UserId };
  }
  if (row.origin_kind === 'report') {
    const evidence: EvidenceLine[] = JSON.parse(row.origin_evidence ?? '[]');
    return {
      kind: 'report',
      chatId: row.origin_chat_id as ChatId,
      chatLabel: row.origin_chat_label ?? '',
      reporter: row.origin_reporter_id as UserId,
      reported: row.origin_reported_id as UserId,
      evidence,
    };
  }
  if (row.origin_kind === 'direct') {
    const direct: DirectColumn = JSON.parse(row.origin_direct ?? '{}');
    return { kind: 'direct', channelTitle: row.origin_source_title ?? '', ...direct };
  }
  const source = { sourceTitle: row.origin_source_title ?? '', link: row.origin_link };
  if (row.origin_kind === 'forwarded') {
    return {
      kind: 'forwarded',
      ...source,
      ...(row.origin_author_id === null ? {} : { forwardedBy: row.origin_author_id as UserId }),
    };
  }
  return { kind: 'monitored', ...source };
}

/** The columns of an origin's own fields; NULL for every other kind (the CHECKs insist). */
interface ItemOriginColumns {
  readonly origin_kind: ItemOrigin['kind'];
  readonly origin_author_id: string | null;
  readonly origin_source_title: string | null;
  readonly origin_link: string | null;
  readonly origin_chat_id: string | null;
  readonly origin_chat_label: string | null;
  readonly origin_reporter_id: string | null;
  readonly origin_reported_id: string | null;
  /** JSON: the report's evidence lines. */
  readonly origin_evidence: string | null;
  /** JSON ({@link DirectColumn}): where a direct message is and what its author offered. */
  readonly origin_direct: string | null;
}

/** What `origin_direct` holds: the direct origin without its kind and channel title. */
type DirectColumn = Omit<Extract<ItemOrigin, { kind: 'direct' }>, 'kind' | 'channelTitle'>;

function originColumns(origin: ItemOrigin): ItemOriginColumns {
  const none: ItemOriginColumns = {
    origin_kind: origin.kind,
    origin_author_id: null,
    origin_source_title: null,
    origin_link: null,
    origin_chat_id: null,
    origin_chat_label: null,
    origin_reporter_id: null,
    origin_reported_id: null,
    origin_evidence: null,
    origin_direct: null,
  };
  switch (origin.kind) {
    case 'suggestion':
      return { ...none, origin_author_id: origin.authorId };
    case 'report':
      return {
        ...none,
        origin_chat_id: origin.chatId,
        origin_chat_label: origin.chatLabel,
        origin_reporter_id: origin.reporter,
        origin_reported_id: origin.reported,
        origin_evidence: JSON.stringify(origin.evidence),
      };
    case 'monitored':
      return { ...none, origin_source_title: origin.sourceTitle, origin_link: origin.link };
    case 'direct': {
      const direct: DirectColumn = {
        chatRef: origin.chatRef,
        messageId: origin.messageId,
        offer: origin.offer,
        mediaKind: origin.mediaKind,
      };
      return {
        ...none,
        origin_source_title: origin.channelTitle,
        origin_direct: JSON.stringify(direct),
      };
    }
    case 'forwarded':
      return {
        ...none,
        origin_author_id: origin.forwardedBy ?? null,
        origin_source_title: origin.sourceTitle,
        origin_link: origin.link,
      };
    default:
      return origin satisfies never;
  }
}

function statusColumns(item: ModerationItem): ItemStatusColumns {
  const none: ItemStatusColumns = {
    claimed_by: null,
    claimed_at: null,
    decided_by: null,
    decided_at: null,
    published_at: null,
    reason: null,
    outcome: null,
  };
  switch (item.status) {
    case 'queued':
      return none;
    case 'claimed':
      return { ...none, claimed_by: item.claimedBy, claimed_at: item.claimedAt };
    case 'approved':
      return { ...none, decided_by: item.decidedBy, decided_at: item.decidedAt };
    case 'published':
      return {
        ...none,
        decided_by: item.decidedBy,
        decided_at: item.decidedAt,
        published_at: item.publishedAt,
      };
    case 'rejected':
      return {
        ...none,
        decided_by: item.decidedBy,
        decided_at: item.decidedAt,
        reason: item.reason,
      };
    case 'expired':
      return { ...none, decided_at: item.decidedAt };
    case 'resolved':
      return {
        ...none,
        decided_by: item.decidedBy,
        decided_at: item.decidedAt,
        outcome: item.outcome,
      };
    default:
      return item satisfies never;
  }
}
