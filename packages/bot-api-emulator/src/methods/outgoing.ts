import type { MessageContent } from '../content/copy.js';
import { type ParsedMarkup, readReplyMarkup } from '../content/markup.js';
import { asReply } from '../content/origin.js';
import { badRequest } from '../errors.js';
import { isRecord } from '../params.js';
import type { ChatRecord } from '../state.js';
import type { Message, MessageOrigin, ReplyMessage } from '../telegram.js';
import type { MethodCall } from './types.js';

/** Extra fields of a stored bot message that are not content. */
export interface OutgoingExtras {
  readonly mediaGroupId?: string;
  readonly forwardOrigin?: MessageOrigin;
}

/** A bot message whose reply and markup parameters are validated, ready to be stored. */
export interface Outgoing {
  store(content: MessageContent, extras?: OutgoingExtras): Message;
}

/** The chat a call targets through `chat_id`. */
export function targetChat(call: MethodCall): ChatRecord {
  return call.rt.chats.require(call.params.raw.chat_id);
}

/**
 * Validates what every sending method shares (`reply_parameters`/`reply_to_message_id`,
 * `reply_markup`, `protect_content`) before anything is stored, so a 400 never uses up a
 * message id.
 */
export function prepareOutgoing(
  call: MethodCall,
  record: ChatRecord,
  options: { readonly allowMarkup?: boolean } = {},
): Outgoing {
  const reply = readReply(call, record);
  const markup = options.allowMarkup === false ? undefined : readReplyMarkup(call.params);
  const isProtected = call.params.bool('protect_content');
  const { rt } = call;
  return {
    store(content, extras = {}) {
      const message = rt.chats.append(record, true, (messageId) => ({
        message_id: messageId,
        ...(record.chat.type === 'channel' ? { sender_chat: record.chat } : { from: rt.botSender }),
        chat: record.chat,
        date: rt.clock.seconds(),
        ...(extras.forwardOrigin !== undefined && { forward_origin: extras.forwardOrigin }),
        ...(reply !== undefined && { reply_to_message: reply }),
        ...(extras.mediaGroupId !== undefined && { media_group_id: extras.mediaGroupId }),
        ...(isProtected && { has_protected_content: true }),
        ...content,
        ...(markup?.kind === 'inline' && { reply_markup: markup.markup }),
      }));
      applyKeyboard(record, markup);
      return message;
    },
  };
}

// --- Internal helpers ---

function readReply(call: MethodCall, record: ChatRecord): ReplyMessage | undefined {
  const { params, rt } = call;
  const parameters = params.json('reply_parameters', "can't parse reply parameters JSON object");
  let messageId = params.optInt('reply_to_message_id');
  let allowWithout = params.bool('allow_sending_without_reply');
  let chat = record;
  if (isRecord(parameters)) {
    messageId = Number(parameters.message_id);
    allowWithout ||= parameters.allow_sending_without_reply === true;
    if (parameters.chat_id !== undefined) chat = rt.chats.require(parameters.chat_id);
  }
  if (messageId === undefined || !Number.isInteger(messageId)) return undefined;
  const stored = rt.chats.find(chat, messageId);
  if (stored === undefined) {
    if (allowWithout) return undefined;
    throw badRequest('message to be replied not found');
  }
  return asReply(stored.message);
}

function applyKeyboard(record: ChatRecord, markup: ParsedMarkup | undefined): void {
  if (markup?.kind === 'keyboard') record.keyboard = markup.markup;
  else if (markup?.kind === 'remove') record.keyboard = undefined;
}
