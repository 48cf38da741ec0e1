import { type ButtonRows, type MediaFile, type Transport, TransportError } from '@anonboard/core';
import type { Api } from 'grammy';
import type {
  InlineKeyboardMarkup,
  InputMediaAudio,
  InputMediaDocument,
  InputMediaPhoto,
  InputMediaVideo,
  ReplyParameters,
} from 'grammy/types';
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

    async sendMedia({ to, files, caption }) {
      await pace(to);
      return { messageIds: await sendFiles(api, chatIdOf(to), files, caption) };
    },

    async publish({ channel, text, media }) {
      await pace(channel);
      const target = chatIdOf(channel);
      if (media === undefined || media.files.length === 0) {
        const sent = await call('sendMessage', () => api.sendMessage(target, text));
        return { messageId: sent.message_id };
      }
      // Core keeps a caption within Telegram's limit: the rest of a long post follows as texts.
      const [first] = await sendFiles(api, target, media.files, text === '' ? undefined : text);
      if (first === undefined) throw new TransportError({ kind: 'transient' }, 'nothing was sent');
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

/**
 * Sends files by `file_id` (never forwarding): one as its own kind of message, several as one
 * album (`sendMediaGroup`: photos and videos together, or documents, or audio), the caption with
 * the first. Kinds an album cannot hold (animations, voice) go one by one.
 */
async function sendFiles(
  api: Api,
  chat: number | string,
  files: readonly MediaFile[],
  caption: string | undefined,
): Promise<number[]> {
  const withCaption = caption === undefined ? {} : { caption };
  const [only] = files;
  if (files.length === 1 && only !== undefined) {
    const sent = await sendOne(api, chat, only, withCaption);
    return [sent];
  }
  const group = albumOf(files);
  if (group === undefined) {
    const ids: number[] = [];
    for (const [index, file] of files.entries())
      ids.push(await sendOne(api, chat, file, index === 0 ? withCaption : {}));
    return ids;
  }
  const media = group.map((item, index) => (index === 0 ? { ...item, ...withCaption } : item));
  // One kind of album (checked by albumOf): the union of Telegram's album types holds it.
  const sent = await call('sendMediaGroup', () =>
    api.sendMediaGroup(chat, media as Parameters<Api['sendMediaGroup']>[1]),
  );
  return sent.map((m) => m.message_id);
}

type AlbumItem = InputMediaPhoto | InputMediaVideo | InputMediaDocument | InputMediaAudio;

/** The files as one album, when Telegram can send them as one. */
function albumOf(files: readonly MediaFile[]): AlbumItem[] | undefined {
  if (files.length < 2 || files.length > 10) return undefined;
  const kinds = new Set(files.map((f) => f.kind));
  const visual = [...kinds].every((k) => k === 'photo' || k === 'video');
  const single = kinds.size === 1 && (kinds.has('document') || kinds.has('audio'));
  if (!visual && !single) return undefined;
  return files.map((f) => ({ type: f.kind, media: f.fileId }) as AlbumItem);
}

async function sendOne(
  api: Api,
  chat: number | string,
  file: MediaFile,
  options: { caption?: string },
): Promise<number> {
  const sent = await (() => {
    switch (file.kind) {
      case 'photo':
        return call('sendPhoto', () => api.sendPhoto(chat, file.fileId, options));
      case 'video':
        return call('sendVideo', () => api.sendVideo(chat, file.fileId, options));
      case 'animation':
        return call('sendAnimation', () => api.sendAnimation(chat, file.fileId, options));
      case 'document':
        return call('sendDocument', () => api.sendDocument(chat, file.fileId, options));
      case 'audio':
        return call('sendAudio', () => api.sendAudio(chat, file.fileId, options));
      case 'voice':
        return call('sendVoice', () => api.sendVoice(chat, file.fileId, options));
      default:
        return file.kind satisfies never;
    }
  })();
  return sent.message_id;
}

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
