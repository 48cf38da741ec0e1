import {
  type Feed,
  formatAmount,
  formatPrice,
  type ItemId,
  type Locale,
  type MediaFile,
  type MediaFileKind,
  type ModerationItem,
  type ReviewReason,
  type ScoreFlag,
  type User,
} from '@anonboard/core';
import type { ApiResponse } from '@anonboard/mini-app/web';

/**
 * A moderation item as the admin page sees it: what the bot's card shows (kind, text, source,
 * score with its reason, time, attachments) and who holds the claim — as "you" or "another
 * admin", never as a person. Suggestions never name their author.
 *
 * ```ts
 * const view: ItemView = {
 *   id: 'item_7', kind: 'monitored', text: 'СРОЧНО: собрание', status: 'queued',
 *   source: { title: 'Городской чат', link: 'https://t.me/city_chat/12' }, report: null,
 *   score: { value: 0.9, reason: 'срочно, собрание', scorer: 'offline' }, review: null,
 *   editedAt: null, createdAt: '2026-12-04T09:00:00.000Z', decidedAt: null, claim: null,
 *   media: null,
 * };
 * ```
 */
export interface ItemView {
  readonly id: string;
  readonly kind: ModerationItem['origin']['kind'];
  readonly text: string;
  readonly status: ModerationItem['status'];
  /** The channel of a monitored or forwarded item, with the message's link when public. */
  readonly source: { readonly title: string; readonly link: string | null } | null;
  /** A report: the chat's label and its last messages, by role. */
  readonly report: {
    readonly chat: string;
    readonly evidence: readonly {
      readonly side: 'reporter' | 'reported';
      readonly summary: string;
      readonly at: string;
    }[];
  } | null;
  /** Null for suggestions and reports (not scored), and for items in manual review. */
  readonly score: {
    readonly value: number;
    readonly reason: string;
    readonly scorer: string;
    /** The scorer's warnings: `injection` — the text seems to instruct the scorer. */
    readonly flags?: readonly ScoreFlag[];
  } | null;
  /**
   * Why a monitored or forwarded item has no score: the reason (`failed`, `timeout`, `invalid`,
   * `no_text`) and the scorer's error as it was, for the admin to judge.
   */
  readonly review: { readonly reason: ReviewReason; readonly error: string } | null;
  /** ISO 8601: when its source message was last edited (it then took the new text and score). */
  readonly editedAt: string | null;
  /** ISO 8601; the page shows it in the admin's own time zone. */
  readonly createdAt: string;
  readonly decidedAt: string | null;
  /** A claim that still holds: the caller's own, or another admin's. */
  readonly claim: { readonly byYou: boolean; readonly until: string } | null;
  /**
   * The item's media (published with the text as their caption), in order: each file's kind and
   * whether the page can show a preview of it (`GET /api/items/:id/media/:index`). Never a file id.
   */
  readonly media: {
    readonly count: number;
    readonly files: readonly { readonly kind: MediaFileKind; readonly preview: boolean }[];
  } | null;
  /**
   * A message of the channel's own direct messages: whether it is a suggested post (decided in
   * Telegram) or a plain message, the price offered (approving a paid one sends it back as
   * `{ price }`), the time its author asked for (ISO 8601) and its attachment's kind. Nothing
   * about its author.
   */
  readonly direct: {
    readonly suggested: boolean;
    readonly price: { readonly currency: 'XTR' | 'TON'; readonly amount: number } | null;
    /** The price as people read it: `100 ⭐`, `1.5 TON`; its amount alone: `100`, `1.5`. */
    readonly priceText: string | null;
    readonly amountText: string | null;
    readonly sendAt: string | null;
    readonly mediaKind: string | null;
  } | null;
}

/** The item as `admin` may see it at `now` (claims past their lease no longer hold). */
export function toItemView(
  item: ModerationItem,
  admin: User,
  now: number,
  claimLeaseMs: number,
  previews = false,
): ItemView {
  const origin = item.origin;
  const claimUntil = item.status === 'claimed' ? item.claimedAt + claimLeaseMs : 0;
  return {
    id: item.id,
    kind: origin.kind,
    text: item.text,
    status: item.status,
    source:
      origin.kind === 'monitored' || origin.kind === 'forwarded'
        ? { title: origin.sourceTitle, link: origin.link }
        : origin.kind === 'direct'
          ? { title: origin.channelTitle, link: null }
          : null,
    report:
      origin.kind === 'report'
        ? {
            chat: origin.chatLabel,
            evidence: origin.evidence.map((line) => ({
              side: line.side,
              summary: line.summary,
              at: iso(line.at),
            })),
          }
        : null,
    score: item.score === null ? null : { ...item.score },
    review: item.review === undefined ? null : { ...item.review },
    editedAt: item.editedAt === undefined ? null : iso(item.editedAt),
    createdAt: iso(item.createdAt),
    decidedAt: 'decidedAt' in item ? iso(item.decidedAt) : null,
    claim:
      item.status === 'claimed' && claimUntil > now
        ? { byYou: item.claimedBy === admin.id, until: iso(claimUntil) }
        : null,
    media:
      item.media === null
        ? null
        : {
            count: item.media.files.length,
            files: item.media.files.map((file) => ({
              kind: file.kind,
              preview: previews && previewable(file.kind),
            })),
          },
    direct:
      origin.kind === 'direct'
        ? {
            suggested: origin.offer !== null,
            price: origin.offer?.price ?? null,
            priceText: origin.offer?.price ? formatPrice(origin.offer.price) : null,
            amountText: origin.offer?.price ? formatAmount(origin.offer.price) : null,
            sendAt: origin.offer?.sendAt ? iso(origin.offer.sendAt) : null,
            mediaKind: origin.mediaKind,
          }
        : null,
  };
}

// --- Internal helpers ---

/** One API call as a handler sees it: the admin comes only from validated initData. */
export interface AdminRequest {
  readonly feed: Feed;
  readonly admin: User;
  readonly locale: Locale;
  /** The item id of `/api/items/:id/…`, already checked for shape. */
  readonly itemId: ItemId | undefined;
  /** The path's groups (`params[0]` is the item id, `params[1]` a media index). */
  readonly params: readonly string[];
  readonly query: URLSearchParams;
  readonly now: number;
  /** Where previews of media come from (the host's `mediaPreview`); undefined: none. */
  readonly mediaPreview: MediaPreviewSource | undefined;
  body(): Promise<unknown>;
}

/**
 * Fetches a file of an item's media for its preview, by the platform's file id: the host's way
 * to the platform (the monitor bot: `getFile` and the file's download through the Bot API).
 * Undefined when it cannot. Runs on the server only; the page never sees a file id.
 *
 * ```ts
 * const mediaPreview: MediaPreviewSource = async ({ fileId }) => {
 *   const { file_path } = await bot.api.getFile(fileId);
 *   const response = await fetch(`https://api.telegram.org/file/bot${token}/${file_path}`);
 *   return { type: 'image/jpeg', bytes: new Uint8Array(await response.arrayBuffer()) };
 * };
 * ```
 */
export type MediaPreviewSource = (
  file: MediaFile,
) => Promise<{ readonly type: string; readonly bytes: Uint8Array } | undefined>;

/** Kinds the page can show as a picture. */
export function previewable(kind: MediaFileKind): boolean {
  return kind === 'photo';
}

/** A handler of one route. */
export type AdminHandler = (request: AdminRequest) => Promise<ApiResponse>;

/** Ids are url-safe and short (core's `Ids` port); anything else cannot be an item. */
export const itemIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

function iso(at: number): string {
  return new Date(at).toISOString();
}
