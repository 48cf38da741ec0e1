import { badRequest } from '../errors.js';
import { isRecord, type Params } from '../params.js';
import type {
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  KeyboardButton,
  ReplyKeyboardMarkup,
} from '../telegram.js';

/** A validated `reply_markup` parameter. */
export type ParsedMarkup =
  | { readonly kind: 'inline'; readonly markup: InlineKeyboardMarkup }
  | { readonly kind: 'keyboard'; readonly markup: ReplyKeyboardMarkup }
  | { readonly kind: 'remove' }
  | { readonly kind: 'force_reply' };

const MAX_CALLBACK_DATA_BYTES = 64;
const CANNOT_PARSE = "can't parse reply keyboard markup JSON object";

/** Reads and validates `reply_markup` with Telegram's error wording. */
export function readReplyMarkup(params: Params): ParsedMarkup | undefined {
  const value = params.json('reply_markup', CANNOT_PARSE);
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) throw badRequest(CANNOT_PARSE);
  if ('inline_keyboard' in value)
    return { kind: 'inline', markup: readInline(value.inline_keyboard) };
  if ('keyboard' in value) return { kind: 'keyboard', markup: readKeyboard(value) };
  if (value.remove_keyboard === true) return { kind: 'remove' };
  if (value.force_reply === true) return { kind: 'force_reply' };
  throw badRequest(CANNOT_PARSE);
}

/** Only an inline keyboard may be attached to an edited message. */
export function readInlineMarkup(params: Params): InlineKeyboardMarkup | undefined {
  const parsed = readReplyMarkup(params);
  if (parsed === undefined) return undefined;
  if (parsed.kind !== 'inline') throw badRequest('inline keyboard expected');
  return parsed.markup;
}

// --- Internal helpers ---

function readInline(rows: unknown): InlineKeyboardMarkup {
  if (!Array.isArray(rows))
    throw badRequest(
      'field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays',
    );
  return {
    inline_keyboard: rows.map((row: unknown) => {
      if (!Array.isArray(row)) {
        throw badRequest(
          'field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays',
        );
      }
      return row.map(readInlineButton);
    }),
  };
}

function readInlineButton(button: unknown): InlineKeyboardButton {
  if (!isRecord(button) || typeof button.text !== 'string') {
    throw badRequest('can\'t parse inline keyboard button: Field "text" must be of type String');
  }
  const { text } = button;
  if (button.callback_data !== undefined) {
    const data = String(button.callback_data);
    const bytes = Buffer.byteLength(data);
    if (bytes === 0 || bytes > MAX_CALLBACK_DATA_BYTES) throw badRequest('BUTTON_DATA_INVALID');
    return { text, callback_data: data };
  }
  if (typeof button.url === 'string') {
    if (!/^(https?|tg):\/\/\S+$/i.test(button.url)) throw badRequest('BUTTON_URL_INVALID');
    return { text, url: button.url };
  }
  if (isRecord(button.web_app) && typeof button.web_app.url === 'string') {
    return { text, web_app: { url: button.web_app.url } };
  }
  if (typeof button.switch_inline_query === 'string') {
    return { text, switch_inline_query: button.switch_inline_query };
  }
  if (typeof button.switch_inline_query_current_chat === 'string') {
    return { text, switch_inline_query_current_chat: button.switch_inline_query_current_chat };
  }
  if (isRecord(button.copy_text) && typeof button.copy_text.text === 'string') {
    return { text, copy_text: { text: button.copy_text.text } };
  }
  if (isRecord(button.login_url) && typeof button.login_url.url === 'string') {
    return { text, login_url: { url: button.login_url.url } };
  }
  if (button.pay === true) return { text, pay: true };
  throw badRequest(
    "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
  );
}

function readKeyboard(value: Record<string, unknown>): ReplyKeyboardMarkup {
  const rows = value.keyboard;
  if (!Array.isArray(rows) || !rows.every((row: unknown) => Array.isArray(row))) {
    throw badRequest('field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays');
  }
  const keyboard = rows.map((row: unknown[]) => row.map(readKeyboardButton));
  const markup: ReplyKeyboardMarkup = { keyboard };
  for (const flag of [
    'is_persistent',
    'resize_keyboard',
    'one_time_keyboard',
    'selective',
  ] as const) {
    if (typeof value[flag] === 'boolean') markup[flag] = value[flag];
  }
  if (typeof value.input_field_placeholder === 'string') {
    markup.input_field_placeholder = value.input_field_placeholder;
  }
  return markup;
}

function readKeyboardButton(button: unknown): KeyboardButton {
  if (typeof button === 'string') return button;
  if (!isRecord(button) || typeof button.text !== 'string') {
    throw badRequest('can\'t parse keyboard button: Field "text" must be of type String');
  }
  const result: Exclude<KeyboardButton, string> = { text: button.text };
  if (button.request_contact === true) result.request_contact = true;
  if (button.request_location === true) result.request_location = true;
  if (isRecord(button.web_app) && typeof button.web_app.url === 'string') {
    result.web_app = { url: button.web_app.url };
  }
  return result;
}
