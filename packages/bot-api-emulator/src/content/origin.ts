import type { ChatRecord } from '../state.js';
import type { Message, MessageOrigin, ReplyMessage } from '../telegram.js';

/** The message as it appears in `reply_to_message` (never nested further). */
export function asReply(message: Message): ReplyMessage {
  const { reply_to_message: _nested, ...reply } = message;
  // Typed like grammY's `ReplyMessage`, whose `reply_to_message: undefined` is absent on the wire.
  return reply as ReplyMessage;
}

/** Where a forwarded copy says it came from; forwarding a forward keeps the first origin. */
export function originOf(message: Message, source: ChatRecord): MessageOrigin {
  if (message.forward_origin !== undefined) return message.forward_origin;
  if (source.chat.type === 'channel') {
    return {
      type: 'channel',
      chat: source.chat,
      message_id: message.message_id,
      date: message.date,
      ...(message.author_signature !== undefined && { author_signature: message.author_signature }),
    };
  }
  const sender = message.from ?? source.user;
  return sender === undefined
    ? { type: 'hidden_user', date: message.date, sender_user_name: 'Unknown' }
    : { type: 'user', date: message.date, sender_user: sender };
}
