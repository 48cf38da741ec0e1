import {
  isPendingSuggestion,
  isTooOldToApprove,
  MAX_SEND_DELAY_SECONDS,
  settleSuggestion,
} from '../direct-messages/decisions.js';
import type { DirectMessagesRecord } from '../direct-messages/registry.js';
import { badRequest } from '../errors.js';
import type { StoredMessage } from '../state.js';
import type { MethodCall, MethodTable } from './types.js';

/** A declined post's comment: Telegram documents 0-128 characters. */
export const MAX_DECLINE_COMMENT_LENGTH = 128;

// TDLib refuses every suggestion it may not act on with one message, whatever the reason: not
// pending any more, missing administrator right, proposed date over a day old, not a suggestion.
const CANT_USE = "message can't be used in the method";

/** approveSuggestedPost and declineSuggestedPost (Bot API 9.2). */
export const suggestedPostMethods: MethodTable = {
  approveSuggestedPost(call) {
    const { dm, stored } = findSuggestion(call);
    const rights = call.rt.directMessages.rightsIn(dm.channelChat.id);
    if (!isPendingSuggestion(stored) || rights?.can_post_messages !== true) {
      throw badRequest(CANT_USE);
    }
    if (isTooOldToApprove(call.rt, stored)) throw badRequest(CANT_USE);
    const sendDate = readSendDate(call);
    settleSuggestion(call.rt, dm, stored, { kind: 'approve', sendDate });
    return true;
  },

  declineSuggestedPost(call) {
    const { dm, stored } = findSuggestion(call);
    const rights = call.rt.directMessages.rightsIn(dm.channelChat.id);
    if (!isPendingSuggestion(stored) || rights?.can_manage_direct_messages !== true) {
      throw badRequest(CANT_USE);
    }
    const comment = call.params.optString('comment') ?? '';
    if (comment.length > MAX_DECLINE_COMMENT_LENGTH) throw badRequest('COMMENT_TOO_LONG');
    settleSuggestion(call.rt, dm, stored, { kind: 'decline', comment });
    return true;
  },
};

// --- Internal helpers ---

/**
 * The suggested post a call names. A chat the bot cannot see (it is no administrator of the
 * channel) is `chat not found`; a missing message is `suggested post not found`, as the Bot API
 * server words it; a message of any other chat is not a suggestion.
 */
function findSuggestion(call: MethodCall): { dm: DirectMessagesRecord; stored: StoredMessage } {
  const { rt, params } = call;
  const record = rt.chats.require(params.raw.chat_id);
  const dm = rt.directMessages.ofChat(record.chat.id);
  if (dm !== undefined && rt.directMessages.rightsIn(dm.channelChat.id) === null) {
    throw badRequest('chat not found');
  }
  const messageId = params.optInt('message_id') ?? 0;
  const stored = messageId > 0 ? rt.chats.find(record, messageId) : undefined;
  if (stored === undefined) throw badRequest('suggested post not found');
  if (dm === undefined) throw badRequest(CANT_USE);
  return { dm, stored };
}

/** `send_date`: 0 or absent keeps the proposed date; otherwise in the next 30 days. */
function readSendDate(call: MethodCall): number | undefined {
  const sendDate = call.params.optInt('send_date');
  if (sendDate === undefined || sendDate === 0) return undefined;
  const now = call.rt.clock.seconds();
  if (sendDate <= now) throw badRequest('SCHEDULE_DATE_INVALID');
  if (sendDate > now + MAX_SEND_DELAY_SECONDS) throw badRequest('SCHEDULE_DATE_TOO_LATE');
  return sendDate;
}
