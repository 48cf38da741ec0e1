import type {
  Action,
  ActionToken,
  ActionTokenRecord,
  Ad,
  AdId,
  Chat,
  ChatEndReason,
  ChatId,
  Effect,
  Invite,
  InviteContent,
  InviteId,
  Locale,
  OutboxEntry,
  User,
  UserId,
} from '@anonboard/core';

// Rows as better-sqlite3 returns them, and their mapping to the records of core. Inside the
// package the database is trusted: JSON columns were written by `JSON.stringify` of typed values.

export interface UserRow {
  readonly id: string;
  readonly platform_id: string;
  readonly locale: string;
  readonly reachable: number;
  readonly draft_ad_id: string | null;
  readonly created_at: number;
}

export function userFromRow(row: UserRow): User {
  return {
    id: row.id as UserId,
    platformId: row.platform_id,
    locale: row.locale as Locale,
    reachable: row.reachable === 1,
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
