import { type ButtonRows, type Transport, TransportError } from '@anonboard/core';
import type { Api } from 'grammy';
import type { InlineKeyboardMarkup, ReplyParameters } from 'grammy/types';
import {
  checkCallbackPrefix,
  DEFAULT_CALLBACK_PREFIX,
  encodeCallbackData,
} from './callback-data.js';
import { createPacer, type SendLimits, telegramLimits } from './pace.js';
import { isNotModified, toTransportError } from './transport-errors.js';

/**
 * Options of {@link createTransport}.
 *
 * ```ts
 * const options: GrammyTransportOptions = { callbackPrefix: 'ab:' };
 * ```
 */
export interface GrammyTransportOptions {
  /** Put before every action token in `callback_data`; must match the plugin's. Default `'ab:'`. */
  readonly callbackPrefix?: string;
  /**
   * How fast to send, so the outbox stays under Telegram's limits instead of collecting 429s.
   * Default {@link telegramLimits} (30 per second overall); `false` sends as fast as it can.
   */
  readonly limits?: SendLimits | false;
}

/**
 * core's {@link Transport} over grammY's `Api`: texts with inline buttons (`callback_data` is
 * the prefix plus an opaque token), relays with `copyMessage` / `copyMessages` (never
 * forwarding, so nothing reveals the sender), edits (optionally with new buttons), channel
 * posts (text, or copied media with the text as caption), and decisions about posts suggested in
 * a channel's direct messages (`approveSuggestedPost`, `declineSuggestedPost`). Failures become typed
 * `TransportError`s so the outbox retries, waits or gives up correctly.
 *
 * ```ts
 * import { createBoard } from '@anonboard/core';
 * import { Api } from 'grammy';
 *
 * // A separate Api without auto-retry: the outbox schedules its own retries.
 * const transport = createTransport(new Api(token));
 * const board = createBoard({ storage, transport });
 * ```
 */
export function createTransport(api: Api, options: GrammyTransportOptions = {}): Transport {
  const prefix = checkCallbackPrefix(options.callbackPrefix ?? DEFAULT_CALLBACK_PREFIX);
  const pace = createPacer(options.limits === false ? {} : (options.limits ?? telegramLimits));
  const keyboard = (buttons: ButtonRows | undefined): InlineKeyboardMarkup | undefined => {
    if (buttons === undefined || buttons.length === 0) return undefined;
    try {
      return {
        inline_keyboard: buttons.map((row) =>
          row.map((b) => ({ text: b.text, callback_data: encodeCallbackData(prefix, b.token) })),
        ),
      };
    } catch (error) {
      // Retrying cannot make a token shorter: refuse for good.
      throw new TransportError(
        { kind: 'rejected', reason: 'callback data too long' },
        String(error),
      );
    }
  };

  return {
    async sendText({ to, text, buttons, replyTo }) {
      const reply_markup = keyboard(buttons);
      await pace(to);
      const sent = await call('sendMessage', () =>
        api.sendMessage(chatIdOf(to), text, {
          ...(reply_markup === undefined ? {} : { reply_markup }),
          ...replyParameters(replyTo),
        }),
      );
      return { messageId: sent.message_id };
    },

    async copy({ to, from, messageIds, replyTo, buttons }) {
      await pace(to);
      const [only] = messageIds;
      if (messageIds.length === 1 && only !== undefined) {
        const reply_markup = keyboard(buttons);
        const copied = await call('copyMessage', () =>
          api.copyMessage(chatIdOf(to), chatIdOf(from), only, {
            ...(reply_markup === undefined ? {} : { reply_markup }),
            ...replyParameters(replyTo),
          }),
        );
        return { messageIds: [copied.message_id] };
      }
      // An album stays one album; the Bot API's copyMessages takes neither a reply nor buttons.
      const ids = [...messageIds].sort((a, b) => a - b);
      const copied = await call('copyMessages', () =>
        api.copyMessages(chatIdOf(to), chatIdOf(from), ids),
      );
      return { messageIds: copied.map((m) => m.message_id) };
    },

    async edit({ to, messageId, text, part, buttons }) {
      await pace(to);
      // Telegram drops the keyboard of an edited message unless it is sent again.
      const markup =
        buttons === undefined ? {} : { reply_markup: keyboard(buttons) ?? { inline_keyboard: [] } };
      try {
        if (part === 'text') await api.editMessageText(chatIdOf(to), messageId, text, markup);
        else await api.editMessageCaption(chatIdOf(to), messageId, { caption: text, ...markup });
      } catch (error) {
        // A redelivered edit finds the text already in place: done, not failed.
        if (isNotModified(error)) return;
        throw toTransportError(error, part === 'text' ? 'editMessageText' : 'editMessageCaption');
      }
    },

    async publish({ channel, text, media }) {
      await pace(channel);
      const target = chatIdOf(channel);
      if (media === undefined || media.messageIds.length === 0) {
        const sent = await call('sendMessage', () => api.sendMessage(target, text));
        return { messageId: sent.message_id };
      }
      const from = chatIdOf(media.from);
      const ids = [...media.messageIds].sort((a, b) => a - b);
      const fits = text.length <= MAX_CAPTION_LENGTH;
      const [only] = ids;
      let first: number | undefined;
      if (ids.length === 1 && only !== undefined) {
        const copied = await call('copyMessage', () =>
          api.copyMessage(target, from, only, fits ? { caption: text } : {}),
        );
        first = copied.message_id;
      } else {
        const copied = await call('copyMessages', () => api.copyMessages(target, from, ids));
        first = copied[0]?.message_id;
        // copyMessages cannot set a caption: put the text on the album's first item.
        if (fits && first !== undefined) {
          const id = first;
          await call('editMessageCaption', () =>
            api.editMessageCaption(target, id, { caption: text }),
          );
        }
      }
      if (!fits || first === undefined) {
        const sent = await call('sendMessage', () => api.sendMessage(target, text));
        first ??= sent.message_id;
      }
      return { messageId: first };
    },

    // Suggested posts in a channel's direct messages: Telegram publishes and tells the author.
    async approveSuggestion({ chat, messageId, sendAt }) {
      await pace(chat);
      await call('approveSuggestedPost', () =>
        api.approveSuggestedPost(
          Number(chat),
          messageId,
          sendAt === undefined ? {} : { send_date: Math.ceil(sendAt / 1000) },
        ),
      );
    },

    async declineSuggestion({ chat, messageId, comment }) {
      await pace(chat);
      await call('declineSuggestedPost', () =>
        api.declineSuggestedPost(Number(chat), messageId, comment === undefined ? {} : { comment }),
      );
    },
  };
}

// --- Internal helpers ---

/** Telegram's limit on media captions. */
const MAX_CAPTION_LENGTH = 1024;

async function call<T>(method: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw toTransportError(error, method);
  }
}

/** Numeric addresses go as numbers, `@channel` names as they are. */
function chatIdOf(address: string): number | string {
  return /^-?\d+$/.test(address) ? Number(address) : address;
}

function replyParameters(replyTo: number | undefined): { reply_parameters?: ReplyParameters } {
  return replyTo === undefined
    ? {}
    : { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } };
}
