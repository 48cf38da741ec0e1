import { badRequest } from '../errors.js';
import { isRecord } from '../params.js';
import type { MessageEntity } from '../telegram.js';
import { withDetectedEntities } from './entities.js';
import { parseMarkup } from './formatting/index.js';

export const MAX_TEXT_LENGTH = 4096;
export const MAX_CAPTION_LENGTH = 1024;

/** Raw text fields of a call or an `InputMedia` item. */
export interface TextInput {
  readonly text: string | undefined;
  readonly parseMode: unknown;
  readonly entities: unknown;
}

/**
 * A message text: `{ text, entities? }`. The limit counts UTF-16 code units after entity parsing;
 * Telegram words the refusal `message is too long` when sending and `MESSAGE_TOO_LONG` when
 * editing.
 */
export function formatText(
  input: TextInput,
  tooLong = 'message is too long',
): { text: string; entities?: MessageEntity[] } {
  const { text, entities } = format(input);
  if (text.trim() === '') throw badRequest('message text is empty');
  if (text.length > MAX_TEXT_LENGTH) throw badRequest(tooLong);
  return entities.length > 0 ? { text, entities } : { text };
}

/**
 * A caption: `{}` when absent or empty, else `{ caption, caption_entities? }`. Telegram words the
 * refusal `message caption is too long` when sending and `MEDIA_CAPTION_TOO_LONG` when editing.
 */
export function formatCaption(
  input: TextInput,
  tooLong = 'message caption is too long',
): {
  caption?: string;
  caption_entities?: MessageEntity[];
} {
  if (input.text === undefined) return {};
  const { text, entities } = format(input);
  if (text.length > MAX_CAPTION_LENGTH) throw badRequest(tooLong);
  if (text.trim() === '') return {};
  return entities.length > 0 ? { caption: text, caption_entities: entities } : { caption: text };
}

// --- Internal helpers ---

function format(input: TextInput): { text: string; entities: MessageEntity[] } {
  const raw = input.text ?? '';
  // Explicit entities win over parse_mode, as on Telegram.
  if (input.entities !== undefined && input.entities !== null) {
    return { text: raw, entities: withDetectedEntities(raw, readEntities(input.entities, raw)) };
  }
  if (typeof input.parseMode === 'string' && input.parseMode !== '') {
    const parsed = parseMarkup(raw, input.parseMode);
    return { text: parsed.text, entities: withDetectedEntities(parsed.text, parsed.entities) };
  }
  return { text: raw, entities: withDetectedEntities(raw, []) };
}

function readEntities(value: unknown, text: string): MessageEntity[] {
  let list = value;
  if (typeof list === 'string') {
    try {
      list = JSON.parse(list);
    } catch {
      throw badRequest("can't parse entities JSON object");
    }
  }
  if (!Array.isArray(list)) throw badRequest("can't parse entities JSON object");
  return list.map((item: unknown) => readEntity(item, text));
}

function readEntity(item: unknown, text: string): MessageEntity {
  if (
    !isRecord(item) ||
    typeof item.type !== 'string' ||
    typeof item.offset !== 'number' ||
    typeof item.length !== 'number'
  ) {
    throw badRequest('can\'t parse MessageEntity: Field "type" must be of type String');
  }
  const { type, offset, length } = item;
  if (offset < 0 || length < 0 || offset + length > text.length) {
    throw badRequest("can't parse entities: entity is out of the text bounds");
  }
  switch (type) {
    case 'pre':
      return typeof item.language === 'string'
        ? { type, offset, length, language: item.language }
        : { type, offset, length };
    case 'text_link':
      if (typeof item.url !== 'string') throw badRequest("can't parse entities: URL is empty");
      return { type, offset, length, url: item.url };
    case 'text_mention':
      if (!isRecord(item.user) || typeof item.user.id !== 'number') {
        throw badRequest("can't parse entities: user is empty");
      }
      return {
        type,
        offset,
        length,
        user: {
          id: item.user.id,
          is_bot: item.user.is_bot === true,
          first_name: typeof item.user.first_name === 'string' ? item.user.first_name : '',
        },
      };
    case 'custom_emoji':
      return { type, offset, length, custom_emoji_id: String(item.custom_emoji_id ?? '') };
    case 'mention':
    case 'hashtag':
    case 'cashtag':
    case 'bot_command':
    case 'url':
    case 'email':
    case 'phone_number':
    case 'bold':
    case 'italic':
    case 'underline':
    case 'strikethrough':
    case 'spoiler':
    case 'blockquote':
    case 'expandable_blockquote':
    case 'code':
      return { type, offset, length };
    default:
      throw badRequest(`can't parse entities: unsupported entity type "${type}"`);
  }
}
