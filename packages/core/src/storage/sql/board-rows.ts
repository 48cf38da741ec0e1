import type { Ad } from '../../ads/ad.js';
import type { Chat, ChatEndReason } from '../../chats/chat.js';
import type { Effect } from '../../effects.js';
import type { ActionToken, AdId, ChatId, InviteId, Locale, UserId } from '../../ids.js';
import type { Invite, InviteContent } from '../../invites/invite.js';
import type { OutboxEntry } from '../../ports/storage.js';
import type { Action, ActionTokenRecord } from '../../shell/actions.js';
import type { User } from '../../users/user.js';
import type { SqlDialect } from './dialect.js';

// The board's rows (users, ads, invites, chats, action tokens, outbox entries) and their
// mapping to core's records. A column typed `unknown` arrives as the driver returns it and is
// read through the dialect.

/** A row of `users`. */
export interface UserRow {
  readonly id: string;
  readonly platform_id: string;
  readonly locale: string;
  /** Boolean, as the driver returns it. */
  readonly reachable: unknown;
  /** Boolean, as the driver returns it. */
  readonly banned: unknown;
  readonly draft_ad_id: string | null;
  readonly created_at: number;
}

export function userFromRow(row: UserRow, d: SqlDialect): User {
  return {
    id: row.id as UserId,
    platformId: row.platform_id,
    locale: row.locale as Locale,
    reachable: d.bool(row.reachable),
    banned: d.bool(row.banned),
    draftAdId: row.draft_ad_id as AdId | null,
    createdAt: row.created_at,
  };
}

/** A row of `ads`, as read (without the folded `search` copy, which only queries use). */
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

/** The columns an ad is written to, in the order `positional` puts its parameters. */
export const adColumns = [
  'id',
  'author_id',
  'title',
  'text',
  'search',
  'status',
  'closed_at',
  'created_at',
] as const;

/**
 * The parameters of an ad row, for inserts and updates, with `search`: the folded title and
 * text a search matches against.
 *
 * @example
 * ```ts
 * db.prepare('INSERT INTO ads (id, …, search, …) VALUES (@id, …, @search, …)').run(adParams(ad));
 * ```
 */
export function adParams(ad: Ad) {
  return {
    id: ad.id,
    author_id: ad.authorId,
    title: ad.title,
    text: ad.text,
    // U+001F between the two so a needle never matches across the title/text boundary.
    search: `${fold(ad.title)}\u001f${fold(ad.text)}`,
    status: ad.status,
    closed_at: ad.status === 'closed' ? ad.closedAt : null,
    created_at: ad.createdAt,
  } satisfies Record<(typeof adColumns)[number], unknown>;
}

/**
 * Folds text for case-insensitive search, of an ad's stored copy and of a needle alike. Done
 * here rather than in SQL: SQLite's `lower()` and `LIKE` fold ASCII only, and PostgreSQL's
 * `lower()` depends on the database's ctype. `toLowerCase` (not the locale-dependent variant) so
 * the stored copy never depends on the host's locale either.
 *
 * @example
 * ```ts
 * const needle = fold('ЛЫЖИ'); // 'лыжи', matched with instr(search, @needle) or strpos
 * ```
 */
export function fold(text: string): string {
  return text.toLowerCase();
}

/** A row of `invites`. */
export interface InviteRow {
  readonly id: string;
  readonly ad_id: string;
  readonly ad_title: string;
  readonly sender_id: string;
  readonly recipient_id: string;
  /** JSON of the InviteContent, as the driver returns it. */
  readonly content: unknown;
  readonly status: string;
  readonly decided_at: number | null;
  readonly chat_id: string | null;
  readonly created_at: number;
}

export function inviteFromRow(row: InviteRow, d: SqlDialect): Invite {
  const base = {
    id: row.id as InviteId,
    adId: row.ad_id as AdId,
    adTitle: row.ad_title,
    senderId: row.sender_id as UserId,
    recipientId: row.recipient_id as UserId,
    content: d.json(row.content) as InviteContent,
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

/** The columns an invite is written to, in the order `positional` puts its parameters. */
export const inviteColumns = [
  'id',
  'ad_id',
  'ad_title',
  'sender_id',
  'recipient_id',
  'content',
  'status',
  'decided_at',
  'chat_id',
  'created_at',
] as const;

/** The parameters of an invite row; a status's own fields are NULL for every other status. */
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
  } satisfies Record<(typeof inviteColumns)[number], unknown>;
}

/** A row of `chats`. */
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

/** The columns a chat is written to, in the order `positional` puts its parameters. */
export const chatColumns = [
  'id',
  'invite_id',
  'ad_id',
  'label',
  'author_id',
  'reader_id',
  'status',
  'ended_at',
  'ended_by',
  'reason',
  'opened_at',
] as const;

/** The parameters of a chat row; the ending's fields are NULL while the chat is active. */
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
  } satisfies Record<(typeof chatColumns)[number], unknown>;
}

/** A row of `tokens`. */
export interface TokenRow {
  readonly token: string;
  readonly user_id: string;
  /** JSON of the Action, as the driver returns it. */
  readonly action: unknown;
  readonly group_key: string;
  readonly created_at: number;
}

export function tokenFromRow(row: TokenRow, d: SqlDialect): ActionTokenRecord {
  return {
    token: row.token as ActionToken,
    userId: row.user_id as UserId,
    action: d.json(row.action) as Action,
    group: row.group_key,
    createdAt: row.created_at,
  };
}

/** A row of the outbox. */
export interface OutboxRow {
  /** An integer; node-postgres returns a bigint as a string. */
  readonly id: number | string;
  readonly lane: string;
  /** JSON of the Effect, as the driver returns it. */
  readonly effect: unknown;
  readonly attempts: number;
  readonly created_at: number;
}

export function outboxEntryFromRow(row: OutboxRow, d: SqlDialect): OutboxEntry {
  return {
    id: Number(row.id),
    lane: row.lane,
    effect: d.json(row.effect) as Effect,
    attempts: row.attempts,
    createdAt: row.created_at,
  };
}
