import { isCaptionable, type MessageContent } from '../content/copy.js';
import { readInlineMarkup } from '../content/markup.js';
import { formatCaption, formatText } from '../content/text.js';
import { badRequest } from '../errors.js';
import { isRecord } from '../params.js';
import type { StoredMessage } from '../state.js';
import type { LinkPreviewOptions, Message } from '../telegram.js';
import { prepareOutgoing, targetChat } from './outgoing.js';
import type { MethodCall, MethodTable } from './types.js';

const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';

const CHAT_ACTIONS = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
]);

/** sendMessage, edits, deletions and chat actions. */
export const messageMethods: MethodTable = {
  sendMessage(call) {
    const record = targetChat(call);
    const text = formatText({
      text: call.params.optString('text'),
      parseMode: call.params.raw.parse_mode,
      entities: call.params.json('entities'),
    });
    const preview = readLinkPreview(call);
    const content: MessageContent = { ...text, ...(preview && { link_preview_options: preview }) };
    return prepareOutgoing(call, record).store(content);
  },

  editMessageText(call) {
    const stored = findEditable(call);
    if (stored.message.text === undefined)
      throw badRequest('there is no text in the message to edit');
    const { text: _text, entities: _entities, reply_markup: _markup, ...rest } = stored.message;
    const text = formatText(
      {
        text: call.params.optString('text'),
        parseMode: call.params.raw.parse_mode,
        entities: call.params.json('entities'),
      },
      'MESSAGE_TOO_LONG',
    );
    // Like Telegram, an edit without reply_markup removes the inline keyboard.
    const markup = readInlineMarkup(call.params);
    return commitEdit(call, stored, { ...rest, ...text, ...(markup && { reply_markup: markup }) });
  },

  editMessageCaption(call) {
    const stored = findEditable(call);
    if (!isCaptionable(stored.message)) {
      throw badRequest('there is no caption in the message to edit');
    }
    const {
      caption: _caption,
      caption_entities: _entities,
      reply_markup: _markup,
      ...rest
    } = stored.message;
    const caption = formatCaption(
      {
        text: call.params.optString('caption') ?? '',
        parseMode: call.params.raw.parse_mode,
        entities: call.params.json('caption_entities'),
      },
      'MEDIA_CAPTION_TOO_LONG',
    );
    const markup = readInlineMarkup(call.params);
    return commitEdit(call, stored, {
      ...rest,
      ...caption,
      ...(markup && { reply_markup: markup }),
    });
  },

  editMessageReplyMarkup(call) {
    const stored = findEditable(call);
    const { reply_markup: _markup, ...rest } = stored.message;
    const markup = readInlineMarkup(call.params);
    return commitEdit(call, stored, { ...rest, ...(markup && { reply_markup: markup }) });
  },

  deleteMessage(call) {
    const record = targetChat(call);
    const stored = call.rt.chats.find(
      record,
      call.params.int('message_id', 'message identifier is not specified'),
    );
    if (stored === undefined) throw badRequest('message to delete not found');
    stored.deleted = true;
    return true;
  },

  deleteMessages(call) {
    const record = targetChat(call);
    const ids = call.params.json('message_ids');
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > 100) {
      throw badRequest('message_ids must contain 1-100 message identifiers');
    }
    for (const id of ids) {
      const stored = call.rt.chats.find(record, Number(id));
      if (stored !== undefined) stored.deleted = true;
    }
    return true;
  },

  sendChatAction(call) {
    targetChat(call);
    const action = call.params.string('action', 'wrong parameter action in request');
    if (!CHAT_ACTIONS.has(action)) throw badRequest('wrong parameter action in request');
    return true;
  },
};

// --- Internal helpers ---

function readLinkPreview(call: MethodCall): LinkPreviewOptions | undefined {
  if (call.params.bool('disable_web_page_preview')) return { is_disabled: true };
  const options = call.params.json('link_preview_options');
  if (!isRecord(options)) return undefined;
  const preview: LinkPreviewOptions = {};
  for (const flag of [
    'is_disabled',
    'prefer_small_media',
    'prefer_large_media',
    'show_above_text',
  ] as const) {
    const value = options[flag];
    if (typeof value === 'boolean') preview[flag] = value;
  }
  if (typeof options.url === 'string') preview.url = options.url;
  return preview;
}

function findEditable(call: MethodCall): StoredMessage {
  if (call.params.has('inline_message_id')) throw badRequest('MESSAGE_ID_INVALID');
  const record = targetChat(call);
  const messageId = call.params.int('message_id', 'message identifier is not specified');
  const stored = call.rt.chats.find(record, messageId);
  if (stored === undefined) throw badRequest('message to edit not found');
  if (!stored.byBot) throw badRequest("message can't be edited");
  return stored;
}

function commitEdit(call: MethodCall, stored: StoredMessage, next: Message): Message {
  if (editableState(next) === editableState(stored.message)) throw badRequest(NOT_MODIFIED);
  const edited: Message = { ...next, edit_date: call.rt.clock.seconds() };
  stored.message = edited;
  return edited;
}

function editableState(message: Message): string {
  const { text, entities, caption, caption_entities, reply_markup } = message;
  return JSON.stringify({ text, entities, caption, caption_entities, reply_markup });
}
