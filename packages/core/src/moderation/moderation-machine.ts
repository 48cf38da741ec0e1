import type { Effect } from '../effects.js';
import type { UserId } from '../ids.js';
import type { Rejection } from '../machine/machine.js';
import { defineMachine } from '../machine/machine.js';
import type { ModerationEvent, ModerationItem } from './item.js';

/** A claim by someone else that has not expired stops everyone else from acting. */
const claimFree = (
  item: ModerationItem,
  e: { by: UserId; at: number; leaseMs: number },
): Rejection | undefined =>
  item.status === 'claimed' && item.claimedBy !== e.by && e.at < item.claimedAt + e.leaseMs
    ? { code: 'claimed', message: 'another admin holds the claim' }
    : undefined;

/** Reports are resolved, never published; content items are published or rejected. */
const contentOnly = (item: ModerationItem): Rejection | undefined =>
  item.origin.kind === 'report'
    ? { code: 'invalid_state', message: 'a report is resolved, not approved or rejected' }
    : undefined;

/** Who is told what became of an item: a suggestion's author, or whoever forwarded it. */
export const authorOf = (item: ModerationItem): UserId | null =>
  item.origin.kind === 'suggestion'
    ? item.origin.authorId
    : item.origin.kind === 'forwarded'
      ? (item.origin.forwardedBy ?? null)
      : null;

/** The author's notice of an outcome: a suggester's, or a forwarder's naming the source. */
const authorNotice = (
  item: ModerationItem,
  author: UserId,
  outcome: 'published' | 'rejected',
  params: Record<string, string> = {},
): Effect => ({
  type: 'notify',
  to: author,
  ...(item.origin.kind === 'forwarded'
    ? {
        text: outcome === 'published' ? 'feed.forward.published' : 'feed.forward.rejected',
        params: { ...params, source: item.origin.sourceTitle },
      }
    : {
        text: outcome === 'published' ? 'suggest.published' : 'suggest.rejected',
        params,
      }),
  ...('reason' in params ? { fit: { param: 'reason' } } : {}),
});

/** A post suggested in the channel's own direct messages: decided natively, on the platform. */
const nativeOf = (item: ModerationItem) =>
  item.origin.kind === 'direct' && item.origin.offer !== null ? item.origin : null;

/** Only items from the channel's direct messages are decided in the platform's own UI. */
const directOnly = (item: ModerationItem): Rejection | undefined =>
  nativeOf(item) === null
    ? { code: 'invalid_state', message: 'only suggested posts are decided on the platform' }
    : undefined;

/**
 * A paid suggestion is approved only by an admin who saw its price: the event must carry the
 * price the item has now (an author who changed it meanwhile makes older cards' buttons stale).
 */
const priceConfirmed = (
  item: ModerationItem,
  e: Extract<ModerationEvent, { type: 'approve' }>,
): Rejection | undefined => {
  const price = nativeOf(item)?.offer?.price ?? null;
  if (price === null) return undefined;
  return e.price?.currency === price.currency && e.price.amount === price.amount
    ? undefined
    : {
        code: 'invalid_state',
        message: 'a paid post is approved only at the price its card shows',
      };
};

/** The item waiting again, without any decision. */
const waiting = (item: ModerationItem): ModerationItem => ({
  id: item.id,
  origin: item.origin,
  text: item.text,
  media: item.media,
  score: item.score,
  interested: item.interested,
  createdAt: item.createdAt,
  ...(item.review === undefined ? {} : { review: item.review }),
  ...(item.editedAt === undefined ? {} : { editedAt: item.editedAt }),
  status: 'queued',
});

/** People told when an item is out: its author, and the subscribers it matched. */
const tellPublished = (item: ModerationItem): Effect[] => {
  const author = authorOf(item);
  return [
    ...(author === null ? [] : [authorNotice(item, author, 'published')]),
    ...item.interested
      .filter((user) => user !== author)
      .map(
        (to) =>
          ({
            type: 'notify',
            to,
            text: 'feed.publishedForYou',
            params: { text: item.text },
            fit: { param: 'text', note: 'text.cut.channel' },
          }) as const,
      ),
  ];
};

/** Tells the author (suggester or forwarder) that it was rejected (with the reason, if any). */
const tellRejected = (item: ModerationItem, reason: string | null): Effect[] => {
  const author = authorOf(item);
  return author === null
    ? []
    : [authorNotice(item, author, 'rejected', { reason: reason === null ? '' : `\n${reason}` })];
};

const approve = {
  to: 'approved',
  guard: (item: ModerationItem, e: Extract<ModerationEvent, { type: 'approve' }>) =>
    contentOnly(item) ?? claimFree(item, e) ?? priceConfirmed(item, e),
  next: (
    item: ModerationItem,
    e: Extract<ModerationEvent, { type: 'approve' }>,
  ): ModerationItem => ({
    ...item,
    status: 'approved',
    decidedBy: e.by,
    decidedAt: e.at,
  }),
  // The post goes out, part after part in one lane (the media with the first); people are told
  // once the last part is delivered (the `publish` event). A post suggested in the channel's
  // direct messages is approved natively: the platform publishes it.
  effects: (
    item: ModerationItem,
    _n: ModerationItem,
    e: Extract<ModerationEvent, { type: 'approve' }>,
  ): Effect[] => {
    const native = nativeOf(item);
    if (native !== null) {
      return [
        {
          type: 'approveSuggestion',
          chat: native.chatRef,
          messageId: native.messageId,
          ...(e.sendAt === undefined ? {} : { sendAt: e.sendAt }),
          itemId: item.id,
        },
      ];
    }
    return e.parts.map((text, index) => ({
      type: 'publish',
      channel: e.channel,
      text,
      ...(index === e.parts.length - 1 ? { itemId: item.id } : {}),
      ...(index === 0 && item.media !== null ? { media: item.media } : {}),
    }));
  },
} as const;

const reject = {
  to: 'rejected',
  guard: (item: ModerationItem, e: Extract<ModerationEvent, { type: 'reject' }>) =>
    contentOnly(item) ?? claimFree(item, e),
  next: (
    item: ModerationItem,
    e: Extract<ModerationEvent, { type: 'reject' }>,
  ): ModerationItem => ({
    ...item,
    status: 'rejected',
    decidedBy: e.by,
    decidedAt: e.at,
    reason: e.reason,
  }),
  // A direct suggestion is declined natively: the platform tells its author, with the reason.
  effects: (
    item: ModerationItem,
    _n: ModerationItem,
    e: Extract<ModerationEvent, { type: 'reject' }>,
  ): Effect[] => {
    const native = nativeOf(item);
    if (native === null) return tellRejected(item, e.reason);
    return [
      {
        type: 'declineSuggestion',
        chat: native.chatRef,
        messageId: native.messageId,
        ...(e.reason === null ? {} : { comment: e.reason }),
        itemId: item.id,
      },
    ];
  },
} as const;

/** Approved in the platform's own UI: out there; an approval by the bot keeps its admin. */
const platformApproved = {
  to: 'published',
  guard: directOnly,
  next: (
    item: ModerationItem,
    e: Extract<ModerationEvent, { type: 'platformApproved' }>,
  ): ModerationItem => ({
    ...waiting(item),
    status: 'published',
    decidedBy: item.status === 'approved' ? item.decidedBy : null,
    decidedAt: item.status === 'approved' ? item.decidedAt : e.at,
    publishedAt: e.at,
  }),
  effects: (item: ModerationItem) => tellPublished(item),
} as const;

/** Declined in the platform's own UI, with the comment its author saw. */
const platformDeclined = {
  to: 'rejected',
  guard: directOnly,
  next: (
    item: ModerationItem,
    e: Extract<ModerationEvent, { type: 'platformDeclined' }>,
  ): ModerationItem => ({
    ...waiting(item),
    status: 'rejected',
    decidedBy: null,
    decidedAt: e.at,
    reason: e.comment,
  }),
} as const;

/** The platform refused the bot's native decision: the item waits again. */
const refused = {
  to: 'queued',
  guard: directOnly,
  next: (item: ModerationItem): ModerationItem => waiting(item),
} as const;

const expire = {
  to: 'expired',
  next: (
    item: ModerationItem,
    e: Extract<ModerationEvent, { type: 'expire' }>,
  ): ModerationItem => ({
    ...item,
    status: 'expired',
    decidedAt: e.at,
  }),
} as const;

const resolve = {
  to: 'resolved',
  guard: (
    item: ModerationItem,
    e: Extract<ModerationEvent, { type: 'resolve' }>,
  ): Rejection | undefined =>
    item.origin.kind !== 'report'
      ? { code: 'invalid_state', message: 'only reports are resolved' }
      : claimFree(item, e),
  next: (
    item: ModerationItem,
    e: Extract<ModerationEvent, { type: 'resolve' }>,
  ): ModerationItem => ({
    ...item,
    status: 'resolved',
    decidedBy: e.by,
    decidedAt: e.at,
    outcome: e.outcome,
  }),
  // The reporter hears it was reviewed; a warned person is told (a ban is told by the ban itself).
  effects: (
    item: ModerationItem,
    _n: ModerationItem,
    e: Extract<ModerationEvent, { type: 'resolve' }>,
  ): Effect[] => {
    if (item.origin.kind !== 'report') return [];
    const reviewed: Effect = { type: 'notify', to: item.origin.reporter, text: 'report.reviewed' };
    return e.outcome === 'warned'
      ? [reviewed, { type: 'notify', to: item.origin.reported, text: 'report.warned' }]
      : [reviewed];
  },
} as const;

const claim = {
  to: 'claimed',
  guard: claimFree,
  next: (item: ModerationItem, e: Extract<ModerationEvent, { type: 'claim' }>): ModerationItem => ({
    ...item,
    status: 'claimed',
    claimedBy: e.by,
    claimedAt: e.at,
  }),
} as const;

/**
 * queued → claimed → approved → published | rejected (with an optional reason) | expired; a
 * report is resolved instead (dismissed, warned, banned). A post suggested in the channel's own
 * direct messages is approved and declined natively; a decision made in the platform's UI settles
 * it (`platformApproved`, `platformDeclined`), whatever the bot thought, and a native decision the
 * platform refuses puts it back in the queue (`refused`).
 * Approving or rejecting straight from the queue claims implicitly; a claim held by another
 * admin (until its lease runs out) refuses everyone else. Rejected items never reach the channel.
 */
export const moderationMachine = defineMachine<ModerationItem, ModerationEvent>({
  name: 'moderation',
  initial: 'queued',
  createdBy: 'enqueue',
  states: {
    queued: { claim, approve, reject, resolve, expire, platformApproved, platformDeclined },
    claimed: {
      claim,
      release: {
        to: 'queued',
        guard: (item, e) =>
          item.claimedBy === e.by
            ? undefined
            : { code: 'claimed', message: 'only the claimer can release' },
        next: ({ claimedBy: _, claimedAt: __, ...item }) => ({ ...item, status: 'queued' }),
      },
      approve,
      reject,
      resolve,
      expire,
      platformApproved,
      platformDeclined,
    },
    approved: {
      publish: {
        to: 'published',
        next: (item, e) => ({ ...item, status: 'published', publishedAt: e.at }),
        effects: tellPublished,
      },
      platformApproved,
      platformDeclined,
      refused,
    },
    published: {},
    rejected: { platformApproved, refused },
    expired: { platformApproved, platformDeclined },
    resolved: {},
  },
});
