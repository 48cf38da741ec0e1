import type {
  Action,
  ActionToken,
  ActionTokenRecord,
  Ad,
  AdId,
  AuditEntry,
  Chat,
  ChatEndReason,
  ChatId,
  Cooldown,
  Effect,
  EvidenceLine,
  FeedSettings,
  HistoryRecord,
  Invite,
  InviteContent,
  InviteId,
  ItemId,
  ItemMedia,
  ItemOrigin,
  ItemReview,
  ItemScore,
  Locale,
  ModerationItem,
  OutboxEntry,
  ReportOutcome,
  ScoreFlag,
  Source,
  SourceId,
  Subscription,
  User,
  UserId,
} from '@anonboard/core';
import { storedMedia } from '@anonboard/core';

// Rows as better-sqlite3 returns them, and their mapping to the records of core. Inside the
// package the database is trusted: JSON columns were written by `JSON.stringify` of typed values.

export interface UserRow {
  readonly id: string;
  readonly platform_id: string;
  readonly locale: string;
  readonly reachable: number;
  readonly banned: number;
  readonly draft_ad_id: string | null;
  readonly created_at: number;
}

export function userFromRow(row: UserRow): User {
  return {
    id: row.id as UserId,
    platformId: row.platform_id,
    locale: row.locale as Locale,
    reachable: row.reachable === 1,
    banned: row.banned === 1,
    draftAdId: row.draft_ad_id as AdId | null,
    createdAt: row.created_at,
  };
}

export interface AdRow {
  readonly id: string;
  readonly author_id: string;
  readonly title: string;
  readonly text: string;
  readonly status: string;
  readonly closed_at: number | null;
  readonly created_at: number;
}

export function adFromRow(row: AdRow): Ad {
  const base = {
    id: row.id as AdId,
    authorId: row.author_id as UserId,
    title: row.title,
    text: row.text,
    createdAt: row.created_at,
  };
  return row.status === 'open'
    ? { ...base, status: 'open' }
    : { ...base, status: 'closed', closedAt: row.closed_at ?? 0 };
}

/** Parameters of an ad row, for inserts and updates. */
export function adParams(ad: Ad) {
  return {
    id: ad.id,
    author_id: ad.authorId,
    title: ad.title,
    text: ad.text,
    search: searchText(ad),
    status: ad.status,
    closed_at: ad.status === 'closed' ? ad.closedAt : null,
    created_at: ad.createdAt,
  };
}

/**
 * Folds text for case-insensitive search. SQLite's `lower()` and `LIKE` fold ASCII only, so
 * ads keep a folded copy of title and text; `toLowerCase` (not the locale-dependent variant)
 * so the stored copy never depends on the host's locale.
 */
export function fold(text: string): string {
  return text.toLowerCase();
}

function searchText(ad: Ad): string {
  // U+001F between the two so a needle never matches across the title/text boundary.
  return `${fold(ad.title)}\u001f${fold(ad.text)}`;
}

export interface InviteRow {
  readonly id: string;
  readonly ad_id: string;
  readonly ad_title: string;
  readonly sender_id: string;
  readonly recipient_id: string;
  readonly content: string;
  readonly status: string;
  readonly decided_at: number | null;
  readonly chat_id: string | null;
  readonly created_at: number;
}

export function inviteFromRow(row: InviteRow): Invite {
  const content: InviteContent = JSON.parse(row.content);
  const base = {
    id: row.id as InviteId,
    adId: row.ad_id as AdId,
    adTitle: row.ad_title,
    senderId: row.sender_id as UserId,
    recipientId: row.recipient_id as UserId,
    content,
    createdAt: row.created_at,
  };
  const decidedAt = row.decided_at ?? 0;
  switch (row.status) {
    case 'pending':
      return { ...base, status: 'pending' };
    case 'accepted':
      return { ...base, status: 'accepted', decidedAt, chatId: row.chat_id as ChatId };
    default:
      return { ...base, status: row.status as 'declined' | 'expired' | 'withdrawn', decidedAt };
  }
}

export function inviteParams(invite: Invite) {
  return {
    id: invite.id,
    ad_id: invite.adId,
    ad_title: invite.adTitle,
    sender_id: invite.senderId,
    recipient_id: invite.recipientId,
    content: JSON.stringify(invite.content),
    status: invite.status,
    decided_at: invite.status === 'pending' ? null : invite.decidedAt,
    chat_id: invite.status === 'accepted' ? invite.chatId : null,
    created_at: invite.createdAt,
  };
}

export interface ChatRow {
  readonly id: string;
  readonly invite_id: string;
  readonly ad_id: string;
  readonly label: string;
  readonly author_id: string;
  readonly reader_id: string;
  readonly status: string;
  readonly ended_at: number | null;
  readonly ended_by: string | null;
  readonly reason: string | null;
  readonly opened_at: number;
}

export function chatFromRow(row: ChatRow): Chat {
  const base = {
    id: row.id as ChatId,
    inviteId: row.invite_id as InviteId,
    adId: row.ad_id as AdId,
    label: row.label,
    authorId: row.author_id as UserId,
    readerId: row.reader_id as UserId,
    openedAt: row.opened_at,
  };
  if (row.status === 'active') return { ...base, status: 'active' };
  return {
    ...base,
    status: row.status as 'ended' | 'blocked',
    endedAt: row.ended_at ?? 0,
    endedBy: row.ended_by as UserId | null,
    reason: row.reason as ChatEndReason,
  };
}

export function chatParams(chat: Chat) {
  const active = chat.status === 'active';
  return {
    id: chat.id,
    invite_id: chat.inviteId,
    ad_id: chat.adId,
    label: chat.label,
    author_id: chat.authorId,
    reader_id: chat.readerId,
    status: chat.status,
    ended_at: active ? null : chat.endedAt,
    ended_by: active ? null : chat.endedBy,
    reason: active ? null : chat.reason,
    opened_at: chat.openedAt,
  };
}

export interface TokenRow {
  readonly token: string;
  readonly user_id: string;
  readonly action: string;
  readonly group_key: string;
  readonly created_at: number;
}

export function tokenFromRow(row: TokenRow): ActionTokenRecord {
  const action: Action = JSON.parse(row.action);
  return {
    token: row.token as ActionToken,
    userId: row.user_id as UserId,
    action,
    group: row.group_key,
    createdAt: row.created_at,
  };
}

export interface OutboxRow {
  readonly id: number;
  readonly lane: string;
  readonly effect: string;
  readonly attempts: number;
  readonly created_at: number;
}

export function outboxEntryFromRow(row: OutboxRow): OutboxEntry {
  const effect: Effect = JSON.parse(row.effect);
  return {
    id: row.id,
    lane: row.lane,
    effect,
    attempts: row.attempts,
    createdAt: row.created_at,
  };
}

// --- Monitoring feed ---

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

export function sourceParams(source: Source) {
  return {
    id: source.id,
    ref: source.ref,
    title: source.title,
    link: source.link,
    added_by: source.addedBy,
    created_at: source.createdAt,
  };
}

export interface SubscriptionRow {
  readonly user_id: string;
  readonly sources: string;
  readonly keywords: string;
  readonly threshold: number | null;
  readonly updated_at: number;
}

export function subscriptionFromRow(row: SubscriptionRow): Subscription {
  const sources: SourceId[] = JSON.parse(row.sources);
  const keywords: string[] = JSON.parse(row.keywords);
  return {
    userId: row.user_id as UserId,
    sources,
    keywords,
    threshold: row.threshold,
    updatedAt: row.updated_at,
  };
}

export function subscriptionParams(subscription: Subscription) {
  return {
    user_id: subscription.userId,
    sources: JSON.stringify(subscription.sources),
    keywords: JSON.stringify(subscription.keywords),
    threshold: subscription.threshold,
    updated_at: subscription.updatedAt,
  };
}

export interface SettingsRow {
  readonly channel: string | null;
  readonly admins: string;
  readonly default_threshold: number;
  readonly topic: string;
}

export function settingsFromRow(row: SettingsRow): FeedSettings {
  const admins: UserId[] = JSON.parse(row.admins);
  return {
    channel: row.channel,
    admins,
    defaultThreshold: row.default_threshold,
    topic: row.topic,
  };
}

export function settingsParams(settings: FeedSettings) {
  return {
    channel: settings.channel,
    admins: JSON.stringify(settings.admins),
    default_threshold: settings.defaultThreshold,
    topic: settings.topic,
  };
}

export interface ScoreRow {
  readonly value: number;
  readonly reason: string;
  readonly scorer: string;
  /** JSON: the score's flags, or NULL for none. */
  readonly flags: string | null;
}

export function scoreFromRow(row: ScoreRow): ItemScore {
  return {
    value: row.value,
    reason: row.reason,
    scorer: row.scorer,
    ...flagsOf(row.flags),
  };
}

/** The flags column of a score: JSON of a non-empty list, or NULL. */
export function flagsColumn(score: ItemScore | null): string | null {
  return score?.flags === undefined || score.flags.length === 0
    ? null
    : JSON.stringify(score.flags);
}

function flagsOf(column: string | null): { flags?: ScoreFlag[] } {
  return column === null ? {} : { flags: JSON.parse(column) };
}

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
            ...flagsOf(row.score_flags),
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
    score_flags: flagsColumn(score),
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

// --- Safety ---

export interface CooldownRow {
  readonly level: number;
  readonly until: number;
  readonly last_violation: number;
}

export function cooldownFromRow(row: CooldownRow): Cooldown {
  return { level: row.level, until: row.until, lastViolation: row.last_violation };
}

export interface HistoryRow {
  readonly chat_id: string;
  readonly from_id: string;
  readonly to_id: string;
  readonly message_ids: string;
  readonly summary: string;
  readonly at: number;
}

export function historyFromRow(row: HistoryRow): HistoryRecord {
  const messageIds: number[] = JSON.parse(row.message_ids);
  return {
    chatId: row.chat_id as ChatId,
    from: row.from_id as UserId,
    to: row.to_id as UserId,
    messageIds,
    summary: row.summary,
    at: row.at,
  };
}

export function historyParams(record: HistoryRecord) {
  return {
    chat_id: record.chatId,
    from_id: record.from,
    to_id: record.to,
    message_ids: JSON.stringify(record.messageIds),
    summary: record.summary,
    at: record.at,
  };
}
