import { type Effect, type EffectButton, type ItemMedia, storedMedia } from '../effects.js';
import { AnonboardError } from '../errors.js';
import type { FeedSettings } from '../feed/source.js';
import type { ActionToken, ItemId, Locale, UserId } from '../ids.js';
import { advance } from '../machine/machine.js';
import type { FeedRepositories } from '../ports/feed-storage.js';
import type { Repositories } from '../ports/storage.js';
import { banUserIn } from '../safety/ban.js';
import type { ActionTokenRecord } from '../shell/actions.js';
import type { BoardContext, Emit } from '../shell/context.js';
import { collector, found, unitOfWork } from '../shell/context.js';
import { splitText } from '../texts/fit.js';
import type { TextKey, TextParams } from '../texts/keys.js';
import {
  type CardOptions,
  formatPrice,
  renderCard,
  renderDecidedCard,
  renderPost,
} from './card.js';
import type {
  DirectOffer,
  ItemOrigin,
  ItemReview,
  ItemScore,
  ModerationEvent,
  ModerationItem,
  ReportOutcome,
} from './item.js';
import { authorOf, moderationMachine } from './moderation-machine.js';

/** The feed's settings, or the defaults when none were saved. */
export async function settingsOf(feed: FeedRepositories): Promise<FeedSettings> {
  return (
    (await feed.settings.get()) ?? { channel: null, admins: [], defaultThreshold: 0.5, topic: '' }
  );
}

/** Queues an item and sends every admin a card with [Approve] [Reject], inside `tx`. */
export async function enqueueItem(
  ctx: BoardContext,
  tx: Repositories,
  emit: Emit,
  now: number,
  input: {
    origin: ItemOrigin;
    text: string;
    media?: ItemMedia | null;
    score: ItemScore | null;
    /** Why it has no score (monitored and forwarded items in manual review). */
    review?: ItemReview;
    interested: readonly UserId[];
    /** Queued because of an edit of its source message (cards say it was edited). */
    editedAt?: number;
  },
): Promise<ModerationItem> {
  const feed = tx.feed;
  const item: ModerationItem = {
    id: ctx.ids.next('item') as ItemId,
    origin: input.origin,
    text: input.text,
    // A draft kept in a token may predate media by file id.
    media: storedMedia(input.media),
    score: input.score,
    ...(input.score === null && input.review !== undefined ? { review: input.review } : {}),
    interested: input.interested,
    ...(input.editedAt === undefined ? {} : { editedAt: input.editedAt }),
    createdAt: now,
    status: 'queued',
  };
  await feed.items.insert(item);
  const { admins } = await settingsOf(feed);
  for (const admin of admins) {
    const user = await tx.users.get(admin);
    if (user === undefined) continue;
    const card = renderCard(ctx.texts, item, user.locale, cardOptions(ctx));
    const buttons = await cardButtons(ctx, tx, item, admin, `card:${item.id}:${admin}`, now);
    emit([
      // The media right above the card, in the same lane (the card names it).
      ...(item.media === null ? [] : [{ type: 'media', to: admin, media: item.media } as const]),
      {
        type: 'notify',
        to: admin,
        text: 'text.raw',
        params: { text: card.text },
        buttons: [...buttons, ...(await showAllRow(ctx, tx, item, admin, card.shortened, now))],
        card: item.id,
      },
    ]);
  }
  return item;
}

/** The admins a card can reach: known to the bot and not unreachable. */
export async function moderatorsWhoCanSee(tx: Repositories): Promise<UserId[]> {
  const { admins } = await settingsOf(tx.feed);
  const visible: UserId[] = [];
  for (const admin of admins)
    if ((await tx.users.get(admin))?.reachable === true) visible.push(admin);
  return visible;
}

/**
 * A card of the item was delivered to `admin`: its place is recorded (so decisions revise it).
 * The first card delivered tells the author (the suggester, or whoever forwarded it) the item is
 * with the moderators — only now is it true, and only while it still waits.
 */
export async function cardDelivered(
  tx: Repositories,
  itemId: ItemId,
  admin: UserId,
  messageId: number,
): Promise<Effect[]> {
  const first = (await tx.feed.cards.list(itemId)).length === 0;
  await tx.feed.cards.put(itemId, admin, messageId);
  const item = await tx.feed.items.get(itemId);
  // Decided before any card arrived (another admin, the admin app): the decision is the news.
  if (!first || item === undefined || (item.status !== 'queued' && item.status !== 'claimed'))
    return [];
  const author = authorOf(item);
  if (author === null) return [];
  return [
    item.origin.kind === 'forwarded'
      ? {
          type: 'notify',
          to: author,
          text: 'feed.forward.queued',
          params: { source: item.origin.sourceTitle },
        }
      : { type: 'notify', to: author, text: 'suggest.queued' },
  ];
}

/** How cards are laid out in this feed. */
export function cardOptions(ctx: BoardContext): CardOptions {
  return { maxLength: ctx.policy.maxMessageLength, timeZone: ctx.timeZone };
}

/**
 * A [📄 Whole text] button for a card whose text had to be shortened, or no row. Its token is
 * never used up: the admin may read the text again.
 */
export async function showAllRow(
  ctx: BoardContext,
  tx: Repositories,
  item: ModerationItem,
  admin: UserId,
  shortened: boolean,
  now: number,
): Promise<EffectButton[][]> {
  if (!shortened) return [];
  const token = ctx.ids.next('token') as ActionToken;
  await tx.tokens.add([
    {
      token,
      userId: admin,
      action: { type: 'item.show', itemId: item.id },
      group: `show:${token}`,
      createdAt: now,
    },
  ]);
  return [[{ label: 'button.showAll', token }]];
}

/** The whole text of an item, for an admin who pressed [📄 Whole text]: as many messages as it takes. */
export async function showItemIn(
  ctx: BoardContext,
  tx: Repositories,
  emit: Emit,
  admin: UserId,
  itemId: ItemId,
): Promise<void> {
  await requireAdmin(tx, admin);
  const item = found(await tx.feed.items.get(itemId), 'item', itemId);
  emit(
    splitText(item.text, ctx.policy.maxMessageLength).map((part) => ({
      type: 'notify',
      to: admin,
      text: 'text.raw',
      params: { text: part },
    })),
  );
}

/** Quick choices of when an approved suggested post goes out, in hours from the press. */
const SCHEDULE_CHOICES_HOURS = [1, 24] as const;

/**
 * The buttons of an admin's card: approve / reject for content, dismiss / warn / ban for reports.
 * A post suggested in the channel's direct messages: a paid one's [Approve] shows and binds its
 * price; one without a proposed time can also be approved to go out later.
 */
export async function cardButtons(
  ctx: BoardContext,
  tx: Repositories,
  item: ModerationItem,
  admin: UserId,
  group: string,
  now: number,
): Promise<EffectButton[][]> {
  const origin = item.origin;
  if (origin.kind === 'direct' && origin.offer !== null) {
    const price = origin.offer.price;
    const bound = price === null ? {} : { price };
    const rows: [TextKey, TextParams | undefined, ActionTokenRecord['action']][][] = [
      [
        [
          price === null ? 'button.approve' : 'button.approvePaid',
          price === null ? undefined : { price: formatPrice(price) },
          { type: 'item.approve', itemId: item.id, ...bound },
        ],
        ['button.reject', undefined, { type: 'item.claimReject', itemId: item.id }],
      ],
      ...(origin.offer.sendAt === null
        ? [
            SCHEDULE_CHOICES_HOURS.map(
              (hours): [TextKey, TextParams, ActionTokenRecord['action']] => [
                'button.approveIn',
                { hours },
                { type: 'item.approve', itemId: item.id, ...bound, delayMs: hours * 3_600_000 },
              ],
            ),
          ]
        : []),
    ];
    const buttons: EffectButton[][] = [];
    for (const row of rows) {
      const records = row.map(([, , action]) => ({
        token: ctx.ids.next('token') as ActionToken,
        userId: admin,
        action,
        group,
        createdAt: now,
      }));
      await tx.tokens.add(records);
      buttons.push(
        row.map(([label, params], i) => ({
          label,
          ...(params === undefined ? {} : { params }),
          token: (records[i] as ActionTokenRecord).token,
        })),
      );
    }
    return buttons;
  }
  const choices: [TextKey, ActionTokenRecord['action']][] =
    origin.kind === 'report'
      ? [
          ['button.dismiss', { type: 'report.resolve', itemId: item.id, outcome: 'dismissed' }],
          ['button.warn', { type: 'report.resolve', itemId: item.id, outcome: 'warned' }],
          ['button.ban', { type: 'report.resolve', itemId: item.id, outcome: 'banned' }],
        ]
      : [
          ['button.approve', { type: 'item.approve', itemId: item.id }],
          ['button.reject', { type: 'item.claimReject', itemId: item.id }],
        ];
  const records = choices.map(([, action]) => ({
    token: ctx.ids.next('token') as ActionToken,
    userId: admin,
    action,
    group,
    createdAt: now,
  }));
  await tx.tokens.add(records);
  return [
    records.map((r, i) => ({ label: (choices[i] as [TextKey, unknown])[0], token: r.token })),
  ];
}

/**
 * Revises every admin's card of an item to show its outcome, without decision buttons (a card
 * whose text is shortened keeps [📄 Whole text]).
 */
export async function reviseCards(
  ctx: BoardContext,
  tx: Repositories,
  item: ModerationItem,
  now: number,
): Promise<Effect[]> {
  const effects: Effect[] = [];
  for (const { admin, messageId } of await tx.feed.cards.list(item.id)) {
    const user = await tx.users.get(admin);
    if (user === undefined) continue;
    const card = renderDecidedCard(ctx.texts, item, user.locale, cardOptions(ctx));
    effects.push({
      type: 'revise',
      to: admin,
      messageId,
      text: 'text.raw',
      params: { text: card.text },
      buttons: await showAllRow(ctx, tx, item, admin, card.shortened, now),
    });
  }
  return effects;
}

/**
 * Applies an event to an item (an admin's, the platform's or the system's): CAS-updates, audits,
 * emits, and revises every admin's card once the item is decided.
 */
export async function applyDecision(
  ctx: BoardContext,
  tx: Repositories,
  emit: Emit,
  item: ModerationItem,
  event: ModerationEvent,
  by: UserId | null,
): Promise<ModerationItem> {
  const feed = tx.feed;
  const { state, effects } = advance(moderationMachine, item, event);
  if (!(await feed.items.update(state, item.status))) {
    throw new AnonboardError('invalid_state', 'the item changed meanwhile');
  }
  await feed.audit.add({
    itemId: item.id,
    action: event.type,
    by,
    at: event.at,
    reason:
      event.type === 'reject'
        ? event.reason
        : event.type === 'platformDeclined'
          ? event.comment
          : event.type === 'refused'
            ? event.error
            : null,
  });
  emit(effects);
  if (state.status !== 'claimed' && state.status !== 'queued')
    emit(await reviseCards(ctx, tx, state, event.at));
  if (
    state.status === 'approved' ||
    state.status === 'rejected' ||
    state.status === 'expired' ||
    state.status === 'resolved'
  ) {
    emit.note({ type: 'decision', decision: state.status, waitedMs: event.at - item.createdAt });
  } else if (event.type === 'platformApproved' && item.status !== 'approved') {
    emit.note({ type: 'decision', decision: 'approved', waitedMs: event.at - item.createdAt });
  }
  return state;
}

async function requireAdmin(tx: Repositories, user: UserId): Promise<FeedSettings> {
  const settings = await settingsOf(tx.feed);
  if (!settings.admins.includes(user))
    throw new AnonboardError('not_admin', 'only admins moderate');
  return settings;
}

/**
 * What an admin can do to an item. Approving a post suggested in the channel's direct messages
 * may schedule it (`sendAt`, ms) and must name the price of a paid one (the price the admin saw).
 */
export type Decision =
  | {
      readonly type: 'approve';
      readonly sendAt?: number;
      readonly price?: DirectOffer['price'];
    }
  | { readonly type: 'resolve'; readonly outcome: ReportOutcome }
  | { readonly type: 'reject'; readonly reason: string | null }
  | { readonly type: 'claim' }
  | { readonly type: 'release' };

/** An admin's decision inside `tx`. Two admins racing: exactly one wins, the other gets `claimed` or `invalid_state`. */
export async function decideIn(
  ctx: BoardContext,
  tx: Repositories,
  emit: Emit,
  now: number,
  admin: UserId,
  itemId: ItemId,
  decision: Decision,
): Promise<ModerationItem> {
  const settings = await requireAdmin(tx, admin);
  const item = found(await tx.feed.items.get(itemId), 'item', itemId);
  const leaseMs = ctx.policy.claimLeaseMs;
  switch (decision.type) {
    case 'approve': {
      // A suggested post in the channel's direct messages is published by the platform itself.
      const native = isNative(item);
      if (!native && settings.channel === null) {
        throw new AnonboardError('invalid_state', 'no channel is configured to publish to');
      }
      const { sendAt, price } = decision;
      if (sendAt !== undefined) checkSendAt(ctx, native, sendAt, now);
      // The whole post, in as many ordered parts as the platform needs.
      const parts = native ? [] : postParts(ctx, item);
      return applyDecision(
        ctx,
        tx,
        emit,
        item,
        {
          type: 'approve',
          by: admin,
          at: now,
          leaseMs,
          channel: settings.channel ?? '',
          parts,
          ...(sendAt === undefined ? {} : { sendAt }),
          ...(price === undefined ? {} : { price }),
        },
        admin,
      );
    }
    case 'reject': {
      const reason = decision.reason?.trim() || null;
      // The platform carries a short comment to the author of a suggested post: refuse a longer one.
      const max = ctx.policy.maxDeclineCommentLength;
      if (reason !== null && isNative(item) && reason.length > max) {
        throw new AnonboardError('text_too_long', `a decline comment is longer than ${max}`, {
          field: 'reason',
          max,
        });
      }
      return applyDecision(
        ctx,
        tx,
        emit,
        item,
        { type: 'reject', by: admin, at: now, leaseMs, reason },
        admin,
      );
    }
    case 'resolve': {
      const event = {
        type: 'resolve',
        by: admin,
        at: now,
        leaseMs,
        outcome: decision.outcome,
      } as const;
      const resolved = await applyDecision(ctx, tx, emit, item, event, admin);
      if (decision.outcome === 'banned' && item.origin.kind === 'report') {
        await banUserIn(tx, emit, now, item.origin.reported);
      }
      return resolved;
    }
    case 'claim':
      return applyDecision(
        ctx,
        tx,
        emit,
        item,
        { type: 'claim', by: admin, at: now, leaseMs },
        admin,
      );
    case 'release':
      return applyDecision(ctx, tx, emit, item, { type: 'release', by: admin, at: now }, admin);
    default:
      return decision satisfies never;
  }
}

/**
 * A content item's channel post in ordered parts: one message when it fits; with media, the
 * first part is the caption (within the platform's caption limit) and the rest follow as texts.
 */
function postParts(ctx: BoardContext, item: ModerationItem): string[] {
  const post = renderPost(ctx.texts, item);
  const { maxMessageLength, maxCaptionLength } = ctx.policy;
  if (item.media === null || item.media.files.length === 0)
    return splitText(post, maxMessageLength);
  const [caption = ''] = splitText(post, maxCaptionLength);
  const rest = post.slice(caption.length).trim();
  return rest === '' ? [caption] : [caption, ...splitText(rest, maxMessageLength)];
}

/** An admin's decision on an item. */
export function decide(
  ctx: BoardContext,
  input: { admin: UserId; itemId: ItemId; decision: Decision; key?: string },
): Promise<ModerationItem> {
  return unitOfWork(ctx, input.key, (tx, emit, now) =>
    decideIn(ctx, tx, emit, now, input.admin, input.itemId, input.decision),
  );
}

/** Starts a rejection from a card: claims the item and asks the admin for a reason. */
export async function claimForRejectIn(
  ctx: BoardContext,
  tx: Repositories,
  emit: Emit,
  now: number,
  admin: UserId,
  itemId: ItemId,
): Promise<void> {
  const item = await decideIn(ctx, tx, emit, now, admin, itemId, { type: 'claim' });
  const token = ctx.ids.next('token') as ActionToken;
  const record: ActionTokenRecord = {
    token,
    userId: admin,
    action: { type: 'item.reject', itemId },
    group: `reason:${itemId}:${admin}`,
    createdAt: now,
  };
  await tx.tokens.add([record]);
  emit([
    {
      type: 'notify',
      to: admin,
      ...(isNative(item)
        ? {
            text: 'direct.askReason',
            params: { max: ctx.policy.maxDeclineCommentLength },
          }
        : { text: 'feed.askReason' }),
      buttons: [[{ label: 'button.noReason', token }]],
    },
  ]);
}

/**
 * A text from an admin who holds a claim: it is the reason of the rejection they started.
 * Returns the rejected item, or undefined when the admin holds no claim (the text is not ours).
 */
export function rejectWithReason(
  ctx: BoardContext,
  input: { admin: UserId; text: string; key?: string },
): Promise<ModerationItem | undefined> {
  return unitOfWork(ctx, input.key, async (tx, emit, now) => {
    const feed = tx.feed;
    const open = await feed.items.listOpen(200);
    const mine = open.find(
      (item) =>
        item.status === 'claimed' &&
        item.claimedBy === input.admin &&
        now < item.claimedAt + ctx.policy.claimLeaseMs,
    );
    if (mine === undefined) return undefined;
    return decideIn(ctx, tx, emit, now, input.admin, mine.id, {
      type: 'reject',
      reason: input.text,
    });
  });
}

/** The channel post of an item was delivered: the item is published and people are told. */
export async function markPublished(
  ctx: BoardContext,
  tx: Repositories,
  itemId: ItemId,
  now: number,
): Promise<Effect[]> {
  const item = await tx.feed.items.get(itemId);
  if (item?.status !== 'approved') return [];
  const effects: Effect[] = [];
  await applyDecision(ctx, tx, collector(effects, []), item, { type: 'publish', at: now }, null);
  return effects;
}

/** Expires items waiting longer than `maxAgeMs`; returns how many. */
export function expireItems(ctx: BoardContext, maxAgeMs: number): Promise<number> {
  return unitOfWork(ctx, undefined, async (tx, emit, now) => {
    let n = 0;
    for (const item of await tx.feed.items.listOpen(500)) {
      if (item.createdAt > now - maxAgeMs) continue;
      await applyDecision(ctx, tx, emit, item, { type: 'expire', at: now }, null);
      n++;
    }
    return n;
  });
}

/**
 * A waiting item's source message was edited: the item takes the new text and score (a failed
 * scorer: no score, with its review) and the people now interested, it is marked edited, and every
 * admin's card is revised with fresh buttons. Decided items stay as they were; returns whether
 * the item changed.
 */
export async function reviseItem(
  ctx: BoardContext,
  tx: Repositories,
  emit: Emit,
  now: number,
  itemId: ItemId,
  change: {
    text: string;
    score: ItemScore | null;
    review?: ItemReview;
    interested: readonly UserId[];
  },
): Promise<boolean> {
  const item = await tx.feed.items.get(itemId);
  if (item === undefined || (item.status !== 'queued' && item.status !== 'claimed')) return false;
  const { review: _stale, ...rest } = item;
  const next: ModerationItem = {
    ...rest,
    text: change.text,
    score: change.score,
    ...(change.score === null && change.review !== undefined ? { review: change.review } : {}),
    interested: change.interested,
    editedAt: now,
  };
  if (!(await tx.feed.items.update(next, item.status))) return false;
  await reopenCards(ctx, tx, emit, next, now);
  return true;
}

/** A post suggested in the channel's direct messages: decided natively on the platform. */
export function isNative(item: ModerationItem): boolean {
  return item.origin.kind === 'direct' && item.origin.offer !== null;
}

/** A chosen publication time: only for a suggested post, later than now, not too far ahead. */
function checkSendAt(ctx: BoardContext, native: boolean, sendAt: number, now: number): void {
  if (!native) {
    throw new AnonboardError('invalid_input', 'only a suggested post is scheduled', {
      reason: 'not a suggested post',
    });
  }
  const latest = now + ctx.policy.maxScheduleAheadMs;
  if (!Number.isFinite(sendAt) || sendAt <= now || sendAt > latest) {
    throw new AnonboardError('invalid_input', `a send time must be after now and by ${latest}`, {
      reason: 'send time out of range',
    });
  }
}

/**
 * An item waits (again, or changed): every admin's card shows it open, as it is now, with fresh
 * buttons and `note` above it when given (the platform refused a native decision, the author
 * edited a suggested post). Telegram drops the keyboard of an edited message unless it is sent
 * again, so the buttons always go with it.
 */
export async function reopenCards(
  ctx: BoardContext,
  tx: Repositories,
  emit: Emit,
  item: ModerationItem,
  now: number,
  note?: (locale: Locale) => string,
): Promise<void> {
  for (const { admin, messageId } of await tx.feed.cards.list(item.id)) {
    const user = await tx.users.get(admin);
    if (user === undefined) continue;
    const head = note === undefined ? '' : `${note(user.locale)}\n\n`;
    const options = cardOptions(ctx);
    const card = renderCard(ctx.texts, item, user.locale, {
      ...options,
      maxLength: Math.max(0, options.maxLength - head.length),
    });
    const group = `card:${item.id}:${admin}:${now}`;
    const buttons = await cardButtons(ctx, tx, item, admin, group, now);
    emit([
      {
        type: 'revise',
        to: admin,
        messageId,
        text: 'text.raw',
        params: { text: `${head}${card.text}` },
        buttons: [...buttons, ...(await showAllRow(ctx, tx, item, admin, card.shortened, now))],
      },
    ]);
  }
}
