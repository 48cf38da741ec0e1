import { AnonboardError } from '../errors.js';
import type { ActionToken, ChatId, UserId } from '../ids.js';
import type { Invite } from '../invites/invite.js';
import { inviteMachine } from '../invites/invite-machine.js';
import { createInvite } from '../invites/invite-service.js';
import { advance } from '../machine/machine.js';
import type { Repositories } from '../ports/storage.js';
import {
  askLimit,
  assertNotBanned,
  giveBackLimit,
  refuseProfileLink,
  takeLimit,
} from '../safety/limits.js';
import type { ActionTokenRecord } from '../shell/actions.js';
import type { BoardContext, Emit } from '../shell/context.js';
import { found, Refusal, unitOfWork } from '../shell/context.js';
import { ensureUserIn, type PlatformIdentity } from '../users/identify.js';
import { type Chat, isMember, peerOf } from './chat.js';
import { chatMachine } from './chat-machine.js';
import { labelChats } from './labels.js';

/** A platform message a person sent to the bot: its id(s) in their chat (several for an album). */
export interface IncomingMessage {
  /**
   * Who sent it: an internal id, or the platform identity (the person is then identified in the
   * same transaction, which saves a round trip per message).
   */
  readonly user: UserId | PlatformIdentity;
  readonly messageIds: readonly number[];
  /** The message it replies to, in the sender's chat with the bot. */
  readonly replyTo?: number;
  /**
   * What it says, for the history, the first-message rules and reports: the text or caption, or
   * a placeholder in square brackets (`[фото]`) for media without one.
   */
  readonly summary?: string;
  /** Idempotency key of the platform update. */
  readonly key?: string;
}

/** What became of an incoming message. The people involved are told through the outbox. */
export type ReceiveOutcome =
  | { readonly type: 'invite'; readonly invite: Invite }
  | { readonly type: 'relayed'; readonly chatId: ChatId }
  | { readonly type: 'choose'; readonly chatIds: readonly ChatId[] }
  /** A reply to a message of a chat that has ended (or was blocked): delivered nowhere. */
  | { readonly type: 'chat_ended'; readonly chatId: ChatId }
  | { readonly type: 'no_chat' };

/** A chat as its member sees it. */
export interface ChatSummary {
  readonly id: ChatId;
  readonly label: string;
  /** Whether this person wrote the ad (`author`) or answered it (`reader`). */
  readonly role: 'author' | 'reader';
  readonly openedAt: number;
}

function activeChatOf(chat: Chat | undefined, user: UserId): Chat {
  if (chat === undefined || !isMember(chat, user))
    throw new AnonboardError('not_found', 'no such chat');
  if (chat.status !== 'active') throw new AnonboardError('invalid_state', 'the chat has ended');
  return chat;
}

/** A relay inside `tx`: the copy for the other side, and the message kept in the history. */
async function relayInto(
  tx: Repositories,
  emit: Emit,
  now: number,
  chat: Chat,
  from: UserId,
  message: { messageIds: readonly number[]; summary: string },
  replyTo?: number,
): Promise<void> {
  // The chat machine's own event: a relay is what an active chat does most (see its diagram).
  const { effects } = advance(chatMachine, chat, {
    type: 'relay',
    by: from,
    messageIds: message.messageIds,
    ...(replyTo === undefined ? {} : { replyTo }),
  });
  emit(effects);
  const to = peerOf(chat, from);
  await tx.history.add({
    chatId: chat.id,
    from,
    to,
    messageIds: message.messageIds,
    summary: message.summary,
    at: now,
  });
  emit.note({ type: 'relay' });
}

async function chooser(
  ctx: BoardContext,
  tx: Repositories,
  emit: Emit,
  now: number,
  user: UserId,
  chats: readonly Chat[],
  text: 'relay.choose' | 'chat.chooseToEnd' | 'chat.chooseToBlock',
  actionFor: (chat: Chat) => ActionTokenRecord['action'],
): Promise<void> {
  const labels = labelChats(chats);
  const group = `choose:${ctx.ids.next('token')}`;
  const records: ActionTokenRecord[] = chats.map((chat) => ({
    token: ctx.ids.next('token') as ActionToken,
    userId: user,
    action: actionFor(chat),
    group,
    createdAt: now,
  }));
  await tx.tokens.add(records);
  emit([
    {
      type: 'notify',
      to: user,
      text,
      buttons: records.map((r, i) => [
        {
          label: 'button.chat',
          params: { chat: labels.get((chats[i] as Chat).id) ?? '' },
          token: r.token,
        },
      ]),
    },
  ]);
}

/**
 * What a relay of `user`'s message reads besides the sender, asked at once (the rate limit, a
 * reply's link, or the active chats), so that a storage with round trips answers them in one.
 * Unused when the message is refused: nothing waits for them then. When it turns out to be a
 * first message, the relay's take asked ahead is given back.
 */
function relayReads(
  ctx: BoardContext,
  tx: Repositories,
  now: number,
  user: UserId,
  replyTo: number | undefined,
) {
  const reads = {
    limit: askLimit(ctx, tx, user, 'relay', now),
    link:
      replyTo === undefined ? undefined : tx.messages.find({ userId: user, messageId: replyTo }),
    active: replyTo === undefined ? tx.chats.listActiveFor(user) : undefined,
  };
  for (const read of [reads.link, reads.active]) read?.catch(() => undefined);
  return reads;
}

/**
 * Handles a message a person sent to the bot: the first message to an ad they opened becomes
 * the invite; otherwise it is relayed (a reply goes to the replied message's chat, or nowhere
 * when that chat has ended; one active chat gets it; with several, the person is asked which).
 */
export async function receiveMessage(
  ctx: BoardContext,
  input: IncomingMessage,
): Promise<ReceiveOutcome> {
  if (input.messageIds.length === 0) {
    throw new AnonboardError('invalid_input', 'a message needs at least one id', {
      reason: 'no message',
    });
  }
  const message = { messageIds: input.messageIds, summary: input.summary ?? '' };
  return unitOfWork(ctx, input.key, async (tx, emit, now): Promise<ReceiveOutcome | Refusal> => {
    const known = typeof input.user === 'string' ? input.user : undefined;
    const sender = known === undefined ? undefined : tx.users.get(known);
    // A known sender's relay reads are asked with the sender (one round trip for all on a
    // storage that has them); otherwise once the sender is identified.
    let reads = known === undefined ? undefined : relayReads(ctx, tx, now, known, input.replyTo);
    const user =
      sender !== undefined && known !== undefined
        ? found(await sender, 'user', known)
        : await ensureUserIn(ctx, tx, input.user as PlatformIdentity, now);
    if (user.banned) throw new AnonboardError('banned', 'banned from the board');
    if (user.draftAdId !== null) {
      // A first message, not a relay: it counts against the invite limit instead.
      if (reads !== undefined) await giveBackLimit(tx, reads.limit, now);
      const invite = await createInvite(ctx, tx, emit, now, {
        sender: user.id,
        adId: user.draftAdId,
        content: { kind: 'message', messageIds: input.messageIds },
        summary: message.summary,
      });
      return invite instanceof Refusal ? invite : { type: 'invite', invite };
    }
    refuseProfileLink(message.summary);
    reads ??= relayReads(ctx, tx, now, user.id, input.replyTo);
    const refused = await takeLimit(ctx, tx, user.id, 'relay', now, reads.limit);
    if (refused !== undefined) return refused;
    if (input.replyTo !== undefined) {
      const link = await reads.link;
      const chat = link && (await tx.chats.get(link.chatId));
      if (link !== undefined && chat?.status === 'active') {
        await relayInto(tx, emit, now, chat, user.id, message, link.peer.messageId);
        return { type: 'relayed', chatId: chat.id };
      }
      // A reply names its chat: when that chat is over, the message goes nowhere else.
      if (link !== undefined) {
        const label = chat?.label ?? '';
        emit([{ type: 'notify', to: user.id, text: 'relay.chatEnded', params: { chat: label } }]);
        return { type: 'chat_ended', chatId: link.chatId };
      }
    }
    const active = await (reads.active ?? tx.chats.listActiveFor(user.id));
    const [only] = active;
    if (only === undefined) {
      emit([{ type: 'notify', to: user.id, text: 'relay.noChat' }]);
      return { type: 'no_chat' };
    }
    if (active.length === 1) {
      await relayInto(tx, emit, now, only, user.id, message);
      return { type: 'relayed', chatId: only.id };
    }
    await chooser(ctx, tx, emit, now, user.id, active, 'relay.choose', (chat) => ({
      type: 'relay.choose',
      chatId: chat.id,
      ...message,
    }));
    return { type: 'choose', chatIds: active.map((c) => c.id) };
  });
}

/** Relays a message into a chosen chat (the chooser's buttons, or an explicit choice). */
export function relayTo(
  ctx: BoardContext,
  input: {
    user: UserId;
    chatId: ChatId;
    messageIds: readonly number[];
    summary?: string;
    key?: string;
  },
): Promise<void> {
  return unitOfWork(ctx, input.key, async (tx, emit, now) => {
    await assertNotBanned(tx, input.user);
    const message = { messageIds: input.messageIds, summary: input.summary ?? '' };
    refuseProfileLink(message.summary);
    const refused = await takeLimit(ctx, tx, input.user, 'relay', now);
    if (refused !== undefined) return refused;
    await relayToChatIn(tx, emit, now, input.user, input.chatId, message);
  });
}

/** Relays inside `tx` into a chat the sender chose (already counted against the limit). */
export async function relayToChatIn(
  tx: Repositories,
  emit: Emit,
  now: number,
  user: UserId,
  chatId: ChatId,
  message: { messageIds: readonly number[]; summary: string },
): Promise<void> {
  const chat = activeChatOf(await tx.chats.get(chatId), user);
  await relayInto(tx, emit, now, chat, user, message);
}

/**
 * Mirrors an edit of a relayed message onto its copy. Returns false when the message was never
 * relayed (or its chat ended): nothing to mirror.
 */
export function editRelayed(
  ctx: BoardContext,
  input: { user: UserId; messageId: number; text: string; part: 'text' | 'caption'; key?: string },
): Promise<boolean> {
  return unitOfWork(ctx, input.key, async (tx, emit) => {
    const link = await tx.messages.find({ userId: input.user, messageId: input.messageId });
    if (link === undefined) return false;
    const chat = await tx.chats.get(link.chatId);
    if (chat?.status !== 'active') return false;
    refuseProfileLink(input.text);
    emit([
      {
        type: 'edit',
        to: link.peer.userId,
        messageId: link.peer.messageId,
        text: input.text,
        part: input.part,
        author: input.user,
      },
    ]);
    return true;
  });
}

/** The active chats of a person, labelled. */
export function listChats(ctx: BoardContext, user: UserId): Promise<ChatSummary[]> {
  return ctx.storage.transaction(async (tx) => {
    const chats = await tx.chats.listActiveFor(user);
    const labels = labelChats(chats);
    return chats.map((c) => ({
      id: c.id,
      label: labels.get(c.id) ?? c.label,
      role: c.authorId === user ? 'author' : 'reader',
      openedAt: c.openedAt,
    }));
  });
}

/** Ends a chat inside `tx`; both sides are told. */
export async function endChatIn(
  tx: Repositories,
  emit: Emit,
  now: number,
  user: UserId,
  chatId: ChatId,
): Promise<void> {
  const chat = activeChatOf(await tx.chats.get(chatId), user);
  const { state, effects } = advance(chatMachine, chat, { type: 'end', by: user, at: now });
  if (!(await tx.chats.update(state, 'active')))
    throw new AnonboardError('invalid_state', 'the chat has ended');
  emit(effects);
}

/**
 * Blocks inside `tx`: ends the chat and every other active chat of the pair, cancels pending
 * invites between them, and records the block for good.
 */
export async function blockChatIn(
  tx: Repositories,
  emit: Emit,
  now: number,
  user: UserId,
  chatId: ChatId,
): Promise<void> {
  const chat = activeChatOf(await tx.chats.get(chatId), user);
  const peer = peerOf(chat, user);
  await tx.blocks.add(user, peer, now);
  for (const other of await tx.chats.listActiveFor(user)) {
    if (peerOf(other, user) !== peer) continue;
    const { state, effects } = advance(chatMachine, other, { type: 'block', by: user, at: now });
    if (await tx.chats.update(state, 'active')) emit(effects);
  }
  for (const invite of await tx.invites.listPendingBetween(user, peer)) {
    const { state } = advance(inviteMachine, invite, { type: 'cancel', at: now });
    await tx.invites.update(state, 'pending');
  }
}

/**
 * `/endchat` and `/block`: with a chat id, acts on it; without one, acts on the only active chat,
 * or asks which when there are several.
 */
export function endOrBlock(
  ctx: BoardContext,
  input: { user: UserId; chatId?: ChatId; key?: string },
  kind: 'end' | 'block',
): Promise<'done' | 'choose'> {
  return unitOfWork(ctx, input.key, async (tx, emit, now) => {
    const act = kind === 'end' ? endChatIn : blockChatIn;
    if (input.chatId !== undefined) {
      await act(tx, emit, now, input.user, input.chatId);
      return 'done';
    }
    const active = await tx.chats.listActiveFor(input.user);
    const [only] = active;
    if (only === undefined) throw new AnonboardError('no_active_chat', 'no active chats');
    if (active.length === 1) {
      await act(tx, emit, now, input.user, only.id);
      return 'done';
    }
    await chooser(
      ctx,
      tx,
      emit,
      now,
      input.user,
      active,
      kind === 'end' ? 'chat.chooseToEnd' : 'chat.chooseToBlock',
      (chat) => ({ type: kind === 'end' ? 'chat.end' : 'chat.block', chatId: chat.id }),
    );
    return 'choose';
  });
}

/**
 * The platform refused delivery to `user` for good: mark them unreachable and end their chats,
 * telling the other sides. A later message from them makes them reachable again.
 */
export function loseUser(ctx: BoardContext, user: UserId): Promise<void> {
  return unitOfWork(ctx, undefined, async (tx, emit, now) => {
    await tx.users.update(user, { reachable: false });
    for (const chat of await tx.chats.listActiveFor(user)) {
      const { state, effects } = advance(chatMachine, chat, {
        type: 'lose',
        unreachable: user,
        at: now,
      });
      if (await tx.chats.update(state, 'active')) emit(effects);
    }
  });
}
