import { findAd } from '../ads/ad-service.js';
import type { Chat } from '../chats/chat.js';
import { AnonboardError, isAnonboardError } from '../errors.js';
import { contentHash } from '../feed/content-hash.js';
import type { ActionToken, AdId, ChatId, InviteId, UserId } from '../ids.js';
import { advance } from '../machine/machine.js';
import type { AdListing } from '../ports/ad-directory.js';
import type { Repositories } from '../ports/storage.js';
import { assertNotBanned, hasLink, hasTelegramLink, takeLimit, textOf } from '../safety/limits.js';
import type { BoardContext, Emit } from '../shell/context.js';
import { checkText, found, observe, Refusal, unitOfWork } from '../shell/context.js';
import type { Invite, InviteContent } from './invite.js';
import { inviteMachine } from './invite-machine.js';
import { openInvite } from './open-invite.js';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Checks that `sender` may write a first message about `adId`, or throws why not:
 * `not_found`, `ad_closed`, `self_invite`, `already_invited` (checked at insert), `invite_limit`
 * (with `retryAt`). A blocked pair is no refusal: the sender must not learn of the block (it
 * would link the author's anonymous ads), so `blocked` says to drop the message silently.
 */
async function checkCanInvite(
  ctx: BoardContext,
  tx: Repositories,
  sender: UserId,
  adId: AdId,
  now: number,
): Promise<{ ad: AdListing; blocked: boolean }> {
  const ad = found(await findAd(ctx, tx, adId), 'ad', adId);
  if (ad.status !== 'open') throw new AnonboardError('ad_closed', 'the ad is closed');
  if (ad.authorId === sender)
    throw new AnonboardError('self_invite', 'cannot write to your own ad');
  const limit = ctx.policy.invitesPerDay;
  // The window is the last 24 hours: an invite sent exactly a day ago no longer counts.
  const sent = await tx.invites.sentSince(sender, now - DAY + 1);
  if (sent.count >= limit) {
    const retryAt = (sent.oldest ?? now) + DAY;
    throw new AnonboardError('invite_limit', `at most ${limit} invites a day`, { limit, retryAt });
  }
  return { ad, blocked: await tx.blocks.has(sender, ad.authorId) };
}

/**
 * Opens an ad for writing: the person's next message becomes the invite. Fails early with the
 * same reasons as {@link sendInvite}, so nobody types a message that cannot be sent. Across a
 * block it answers as for anyone else (the message will be dropped when it comes).
 */
export function openAdForWriting(
  ctx: BoardContext,
  input: { user: UserId; adId: AdId; key?: string },
): Promise<AdListing> {
  return unitOfWork(ctx, input.key, async (tx, emit, now) => {
    await assertNotBanned(tx, input.user);
    const { ad } = await checkCanInvite(ctx, tx, input.user, input.adId, now);
    if ((await tx.invites.findBySenderAndAd(input.user, ad.id)) !== undefined) {
      throw new AnonboardError('already_invited', 'one first message per ad');
    }
    await tx.users.update(input.user, { draftAdId: ad.id });
    emit([
      { type: 'notify', to: input.user, text: 'invite.writePrompt', params: { ad: ad.title } },
    ]);
    return ad;
  });
}

/**
 * Sends the one first message of `sender` about `adId` to its author, inside `tx`, and notes its
 * outcome for metrics: `sent`, `dropped` (a blocked pair), or the code of the refusal.
 */
export async function createInvite(
  ctx: BoardContext,
  tx: Repositories,
  emit: Emit,
  now: number,
  input: { sender: UserId; adId: AdId; content: InviteContent; summary?: string },
): Promise<Invite | Refusal> {
  try {
    const invite = await writeInvite(ctx, tx, emit, now, input);
    const outcome =
      invite instanceof Refusal
        ? invite.error.code
        : invite.status === 'withdrawn'
          ? 'dropped'
          : 'sent';
    emit.note({ type: 'first_message', outcome });
    return invite;
  } catch (error) {
    // A thrown refusal rolls the transaction back, so it is told at once (it is final).
    if (isAnonboardError(error) && error.code !== 'duplicate_update') {
      observe(ctx.telemetry, { type: 'first_message', outcome: error.code });
    }
    throw error;
  }
}

async function writeInvite(
  ctx: BoardContext,
  tx: Repositories,
  emit: Emit,
  now: number,
  input: { sender: UserId; adId: AdId; content: InviteContent; summary?: string },
): Promise<Invite | Refusal> {
  const content: InviteContent =
    input.content.kind === 'text'
      ? { kind: 'text', text: checkText(input.content.text, ctx.policy.maxInviteTextLength) }
      : input.content;
  if (content.kind === 'message' && content.messageIds.length === 0) {
    throw new AnonboardError('invalid_input', 'a message needs at least one id', {
      reason: 'no message',
    });
  }
  await assertNotBanned(tx, input.sender);
  const { ad, blocked } = await checkCanInvite(ctx, tx, input.sender, input.adId, now);
  // A placeholder summary (`[фото]`) is no text: the text rules do not apply to it.
  const text = content.kind === 'text' ? content.text : textOf(input.summary);
  // Whatever `firstMessageLinks` says: the author would learn who someone is.
  if (hasTelegramLink(text)) {
    throw new AnonboardError('profile_link', 'a first message may not carry a tg:// link');
  }
  if (!ctx.policy.firstMessageLinks && hasLink(text)) {
    throw new AnonboardError(
      'links_refused',
      'links and mentions are not allowed in a first message',
    );
  }
  // The escalating limit first: when it refuses, only its cooldown is written (and committed).
  const refused = await takeLimit(ctx, tx, input.sender, 'invite', now);
  if (refused !== undefined) return refused;
  const inbox = await tx.limits.take(
    `inbox:${ad.authorId}`,
    now,
    DAY,
    ctx.policy.invitesPerRecipientPerDay,
  );
  if (!inbox.allowed) {
    throw new AnonboardError(
      'recipient_busy',
      'the author received too many first messages today',
      {
        retryAt: (inbox.oldest ?? now) + DAY,
      },
    );
  }
  const hash = contentHash(text);
  if (
    hash !== '' &&
    !(
      await tx.limits.take(
        `same:${input.sender}:${hash}`,
        now,
        DAY,
        ctx.policy.sameTextInvitesPerDay,
      )
    ).allowed
  ) {
    throw new AnonboardError('duplicate_text', 'the same first message went to too many ads');
  }
  const inviteId = ctx.ids.next('invite') as InviteId;
  const acceptToken = ctx.ids.next('token') as ActionToken;
  const declineToken = ctx.ids.next('token') as ActionToken;
  const { invite, effects } = openInvite({
    id: inviteId,
    ad,
    senderId: input.sender,
    content,
    at: now,
    acceptToken,
    declineToken,
  });
  if (blocked) {
    // Across a block the message is dropped as a decline is: the invite ends at once, quietly
    // (the machine's `cancel`), and the sender sees exactly what anyone else would.
    const { state } = advance(inviteMachine, invite, { type: 'cancel', at: now });
    if (!(await tx.invites.insert(state))) {
      throw new AnonboardError('already_invited', 'one first message per ad');
    }
    await tx.users.update(input.sender, { draftAdId: null });
    emit(effects.filter((e) => e.type === 'notify' && e.to === input.sender));
    return state;
  }
  if (!(await tx.invites.insert(invite))) {
    throw new AnonboardError('already_invited', 'one first message per ad');
  }
  const group = `invite:${inviteId}`;
  await tx.tokens.add([
    {
      token: acceptToken,
      userId: ad.authorId,
      action: { type: 'invite.accept', inviteId },
      group,
      createdAt: now,
    },
    {
      token: declineToken,
      userId: ad.authorId,
      action: { type: 'invite.decline', inviteId },
      group,
      createdAt: now,
    },
  ]);
  await tx.users.update(input.sender, { draftAdId: null });
  emit(effects);
  return invite;
}

/**
 * Sends the one first message of `sender` about `adId`. Storage enforces one per (sender, ad);
 * the author is looked up from the ad. Across a block the message is dropped silently: the
 * invite comes back already `withdrawn` (show the sender only what anyone else would see).
 */
export function sendInvite(
  ctx: BoardContext,
  input: { sender: UserId; adId: AdId; content: InviteContent; key?: string },
): Promise<Invite> {
  return unitOfWork(ctx, input.key, (tx, emit, now) => createInvite(ctx, tx, emit, now, input));
}

/** Accepts inside `tx`: exactly one chat per invite, even when two accepts race. */
export async function acceptInviteIn(
  ctx: BoardContext,
  tx: Repositories,
  emit: Emit,
  now: number,
  user: UserId,
  inviteId: InviteId,
): Promise<Chat> {
  const invite = found(await tx.invites.get(inviteId), 'invite', inviteId);
  const chatId = ctx.ids.next('chat') as ChatId;
  const { state, effects } = advance(inviteMachine, invite, {
    type: 'accept',
    by: user,
    at: now,
    chatId,
  });
  // Nobody opens a chat with a banned person, whoever presses.
  await assertNotBanned(tx, invite.senderId);
  await assertNotBanned(tx, invite.recipientId);
  if (await tx.blocks.has(invite.senderId, invite.recipientId)) {
    throw new AnonboardError('blocked', 'the pair is blocked');
  }
  const chat: Chat = {
    id: chatId,
    inviteId,
    adId: invite.adId,
    label: invite.adTitle,
    authorId: invite.recipientId,
    readerId: invite.senderId,
    openedAt: now,
    status: 'active',
  };
  if (!(await tx.invites.update(state, 'pending')) || !(await tx.chats.insert(chat))) {
    throw new AnonboardError('invalid_state', 'the invite was answered meanwhile');
  }
  emit(effects);
  return chat;
}

/** Declines or withdraws inside `tx`. */
export async function closeInviteIn(
  tx: Repositories,
  emit: Emit,
  now: number,
  user: UserId,
  inviteId: InviteId,
  type: 'decline' | 'withdraw',
): Promise<Invite> {
  const invite = found(await tx.invites.get(inviteId), 'invite', inviteId);
  const { state, effects } = advance(inviteMachine, invite, { type, by: user, at: now });
  if (!(await tx.invites.update(state, 'pending'))) {
    throw new AnonboardError('invalid_state', 'the invite was answered meanwhile');
  }
  emit(effects);
  return state;
}

/** Expires pending invites older than the policy's TTL; returns how many. Silent to both sides. */
export async function expireInvites(ctx: BoardContext, batch = 500): Promise<number> {
  let total = 0;
  for (;;) {
    const { seen, expired } = await unitOfWork(ctx, undefined, async (tx, _emit, now) => {
      const stale = await tx.invites.listPendingCreatedBefore(now - ctx.policy.inviteTtlMs, batch);
      let changed = 0;
      for (const invite of stale) {
        const { state } = advance(inviteMachine, invite, { type: 'expire', at: now });
        if (await tx.invites.update(state, 'pending')) changed++;
      }
      return { seen: stale.length, expired: changed };
    });
    total += expired;
    if (seen < batch) return total;
  }
}
