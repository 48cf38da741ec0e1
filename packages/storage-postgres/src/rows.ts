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

// Rows as node-postgres returns them (jsonb parsed, bigint as a string, double precision as a
// number), and their mapping to the records of core. Inside the package the database is
// trusted: JSON columns were written by `JSON.stringify` of typed values.

export interface UserRow {
  readonly id: string;
  readonly platform_id: string;
  readonly locale: string;
  readonly reachable: boolean;
  readonly banned: boolean;
  readonly draft_ad_id: string | null;
  readonly created_at: number;
}

export function userFromRow(row: UserRow): User {
  return {
    id: row.id as UserId,
    platformId: row.platform_id,
    locale: row.locale as Locale,
    reachable: row.reachable,
    banned: row.banned,
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

/** Parameters of an ad row, in column order: id, author_id, title, text, search, status, closed_at, created_at. */
export function adParams(ad: Ad): unknown[] {
  return [
    ad.id,
    ad.authorId,
    ad.title,
    ad.text,
    `${fold(ad.title)}\u001f${fold(ad.text)}`,
    ad.status,
    ad.status === 'closed' ? ad.closedAt : null,
    ad.createdAt,
  ];
}

/**
 * Folds text for case-insensitive search. Done here rather than with SQL `lower()`, whose result
 * depends on the database's ctype (a `C` database folds ASCII only); `toLowerCase` (not the
 * locale-dependent variant) so the stored copy never depends on the host either. U+001F sits
 * between title and text so a needle never matches across them.
 */
export function fold(text: string): string {
  return text.toLowerCase();
}

export interface InviteRow {
  readonly id: string;
  readonly ad_id: string;
  readonly ad_title: string;
  readonly sender_id: string;
  readonly recipient_id: string;
  readonly content: InviteContent;
  readonly status: string;
  readonly decided_at: number | null;
  readonly chat_id: string | null;
  readonly created_at: number;
}

export function inviteFromRow(row: InviteRow): Invite {
  const base = {
    id: row.id as InviteId,
    adId: row.ad_id as AdId,
    adTitle: row.ad_title,
    senderId: row.sender_id as UserId,
    recipientId: row.recipient_id as UserId,
    content: row.content,
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

/** Parameters of an invite row, in column order (see `invites.ts`). */
export function inviteParams(invite: Invite): unknown[] {
  return [
    invite.id,
    invite.adId,
    invite.adTitle,
    invite.senderId,
    invite.recipientId,
    JSON.stringify(invite.content),
    invite.status,
    invite.status === 'pending' ? null : invite.decidedAt,
    invite.status === 'accepted' ? invite.chatId : null,
    invite.createdAt,
  ];
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

/** Parameters of a chat row, in column order (see `chats.ts`). */
export function chatParams(chat: Chat): unknown[] {
  const active = chat.status === 'active';
  return [
    chat.id,
    chat.inviteId,
    chat.adId,
    chat.label,
    chat.authorId,
    chat.readerId,
    chat.status,
    active ? null : chat.endedAt,
    active ? null : chat.endedBy,
    active ? null : chat.reason,
    chat.openedAt,
  ];
}

export interface TokenRow {
  readonly token: string;
  readonly user_id: string;
  readonly action: Action;
  readonly group_key: string;
  readonly created_at: number;
}

export function tokenFromRow(row: TokenRow): ActionTokenRecord {
  return {
    token: row.token as ActionToken,
    userId: row.user_id as UserId,
    action: row.action,
    group: row.group_key,
    createdAt: row.created_at,
  };
}

export interface OutboxRow {
  /** bigint: node-postgres returns it as a string. */
  readonly id: string;
  readonly lane: string;
  readonly effect: Effect;
  readonly attempts: number;
  readonly created_at: number;
}

export function outboxEntryFromRow(row: OutboxRow): OutboxEntry {
  return {
    id: Number(row.id),
    lane: row.lane,
    effect: row.effect,
    attempts: row.attempts,
    createdAt: row.created_at,
  };
}
