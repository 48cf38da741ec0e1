import { contentOf } from '../content/copy.js';
import { asReply } from '../content/origin.js';
import type { Runtime } from '../runtime.js';
import type { StoredMessage } from '../state.js';
import type { Message, User } from '../telegram.js';
import type { UpdatePayload } from '../updates/queue.js';
import type { DirectMessagesRecord } from './registry.js';

/** A decision about a pending suggested post, by the bot or by an admin in Telegram's UI. */
export type SuggestionDecision =
  | { readonly kind: 'approve'; readonly sendDate?: number | undefined }
  | { readonly kind: 'decline'; readonly comment?: string | undefined };

/**
 * Longest time ahead a post can be scheduled (30 days), and how long after its proposed date a
 * suggestion can still be approved (a day), as Telegram documents and TDLib checks them.
 */
export const MAX_SEND_DELAY_SECONDS = 2_678_400;
export const APPROVAL_GRACE_SECONDS = 86_400;

/** Telegram's stand-in sender of messages sent on behalf of a chat in groups. */
const CHANNEL_SENDER: User = {
  id: 136_817_688,
  is_bot: true,
  first_name: 'Channel',
  username: 'Channel_Bot',
};

/** Whether a stored message is a suggested post still waiting for a decision. */
export function isPendingSuggestion(stored: StoredMessage): boolean {
  return !stored.byBot && stored.message.suggested_post_info?.state === 'pending';
}

/** Whether a pending suggestion's proposed date is too far in the past to approve it. */
export function isTooOldToApprove(rt: Runtime, stored: StoredMessage): boolean {
  const proposed = stored.message.suggested_post_info?.send_date;
  return proposed !== undefined && proposed < rt.clock.seconds() - APPROVAL_GRACE_SECONDS;
}

/**
 * Settles a pending suggestion: its state changes, a service message (`suggested_post_approved`
 * or `suggested_post_declined`, replying to the post) appears in the author's topic, and an
 * approved post is published in the channel at its send date. Callers validate first.
 */
export function settleSuggestion(
  rt: Runtime,
  dm: DirectMessagesRecord,
  stored: StoredMessage,
  decision: SuggestionDecision,
): Message {
  const post = stored.message;
  const info = post.suggested_post_info;
  if (info === undefined) throw new Error('not a suggested post');
  const now = rt.clock.seconds();
  const state = decision.kind === 'approve' ? 'approved' : 'declined';
  stored.message = { ...post, suggested_post_info: { ...info, state } };
  const original = asReply(post);
  const outcome =
    decision.kind === 'approve'
      ? {
          suggested_post_approved: {
            suggested_post_message: original,
            ...(info.price !== undefined && { price: info.price }),
            send_date: Math.max(decision.sendDate ?? info.send_date ?? now, now),
          },
        }
      : {
          suggested_post_declined: {
            suggested_post_message: original,
            ...(decision.comment !== undefined &&
              decision.comment !== '' && { comment: decision.comment }),
          },
        };
  const service = rt.chats.append(dm.record, false, (messageId) => ({
    message_id: messageId,
    from: CHANNEL_SENDER,
    sender_chat: dm.channelChat,
    chat: dm.chat,
    date: now,
    ...(post.direct_messages_topic !== undefined && {
      direct_messages_topic: post.direct_messages_topic,
    }),
    reply_to_message: original,
    ...outcome,
  }));
  deliverToBot(rt, dm, { message: service });
  if (outcome.suggested_post_approved !== undefined) {
    const content = contentOf(post);
    if (content !== undefined) {
      dm.scheduled.push({
        sendDate: outcome.suggested_post_approved.send_date,
        content,
        price: info.price,
      });
      publishDue(rt, dm);
    }
  }
  return service;
}

/** Publishes the approved posts of a channel whose send date has come (channel_post updates). */
export function publishDue(rt: Runtime, dm: DirectMessagesRecord): void {
  const now = rt.clock.seconds();
  const due = dm.scheduled.filter((post) => post.sendDate <= now);
  if (due.length === 0) return;
  const waiting = dm.scheduled.filter((post) => post.sendDate > now);
  dm.scheduled.splice(0, dm.scheduled.length, ...waiting);
  const channel = dm.channelChat;
  for (const post of due) {
    const published = rt.chats.append(dm.channel, false, (messageId) => ({
      message_id: messageId,
      sender_chat: channel,
      chat: channel,
      date: now,
      ...post.content,
      ...(post.price !== undefined && { is_paid_post: true as const }),
    }));
    rt.enqueue({ channel_post: published });
  }
}

/** Messages of a direct messages chat reach the bot only while it may manage them. */
export function deliverToBot(rt: Runtime, dm: DirectMessagesRecord, payload: UpdatePayload): void {
  if (rt.directMessages.rightsIn(dm.channelChat.id)?.can_manage_direct_messages === true) {
    rt.enqueue(payload);
  }
}
