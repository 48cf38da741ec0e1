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
    contentOnly(item) ?? claimFree(item, e),
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
  // once the last part is delivered (the `publish` event).
  effects: (
    item: ModerationItem,
    _n: ModerationItem,
    e: Extract<ModerationEvent, { type: 'approve' }>,
  ): Effect[] =>
    e.parts.map((text, index) => ({
      type: 'publish',
      channel: e.channel,
      text,
      ...(index === e.parts.length - 1 ? { itemId: item.id } : {}),
      ...(index === 0 && item.media !== null ? { media: item.media } : {}),
    })),
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
  effects: (
    item: ModerationItem,
    _n: ModerationItem,
    e: Extract<ModerationEvent, { type: 'reject' }>,
  ) => tellRejected(item, e.reason),
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
 * report is resolved instead (dismissed, warned, banned).
 * Approving or rejecting straight from the queue claims implicitly; a claim held by another
 * admin (until its lease runs out) refuses everyone else. Rejected items never reach the channel.
 */
export const moderationMachine = defineMachine<ModerationItem, ModerationEvent>({
  name: 'moderation',
  initial: 'queued',
  createdBy: 'enqueue',
  states: {
    queued: { claim, approve, reject, resolve, expire },
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
    },
    approved: {
      publish: {
        to: 'published',
        next: (item, e) => ({ ...item, status: 'published', publishedAt: e.at }),
        effects: (item) => {
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
        },
      },
    },
    published: {},
    rejected: {},
    expired: {},
    resolved: {},
  },
});
