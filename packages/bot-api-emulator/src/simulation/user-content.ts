import { contentOf, type MessageContent } from '../content/copy.js';
import { withDetectedEntities } from '../content/entities.js';
import { originOf } from '../content/origin.js';
import { MAX_CAPTION_LENGTH, MAX_TEXT_LENGTH } from '../content/text.js';
import { EmulatorError } from '../errors.js';
import type { MediaKind } from '../files.js';
import { mediaContent } from '../methods/media.js';
import type { Runtime } from '../runtime.js';
import type { Message, MessageEntity, MessageOrigin } from '../telegram.js';
import type { ForwardInit, MediaOptions } from './users.js';

/** A user's text with Telegram's automatic entities; users cannot send empty or oversized texts. */
export function userText(
  text: string,
  entities: readonly MessageEntity[] = [],
): { text: string; entities?: MessageEntity[] } {
  if (text.trim() === '') throw new EmulatorError('a user cannot send an empty message');
  if (text.length > MAX_TEXT_LENGTH) {
    throw new EmulatorError(
      `a message is at most ${MAX_TEXT_LENGTH} characters, got ${text.length}`,
    );
  }
  const all = withDetectedEntities(text, entities);
  return all.length > 0 ? { text, entities: all } : { text };
}

/** Caption fields of a user's media; empty means no caption. */
export function captionFields(
  caption: string | undefined,
  entities: readonly MessageEntity[] = [],
): { caption?: string; caption_entities?: MessageEntity[] } {
  if (caption === undefined || caption === '') return {};
  if (caption.length > MAX_CAPTION_LENGTH) {
    throw new EmulatorError(
      `a caption is at most ${MAX_CAPTION_LENGTH} characters, got ${caption.length}`,
    );
  }
  const all = withDetectedEntities(caption, entities);
  return all.length > 0 ? { caption, caption_entities: all } : { caption };
}

/** A message without text and caption, before an edit sets new ones. */
export function withoutTextFields(message: Message): Message {
  const { text: _t, entities: _e, caption: _c, caption_entities: _ce, ...rest } = message;
  return rest;
}

/** The content of a media message a user sends: a new file or a known `fileId`. */
export function mediaMessage(rt: Runtime, kind: MediaKind, options: MediaOptions): MessageContent {
  const meta = {
    ...(options.fileName !== undefined && { fileName: options.fileName }),
    ...(options.mimeType !== undefined && { mimeType: options.mimeType }),
    ...(options.duration !== undefined && { duration: options.duration }),
    ...(options.emoji !== undefined && { emoji: options.emoji }),
  };
  const upload =
    options.bytes === undefined
      ? undefined
      : {
          kind: 'upload' as const,
          filename: options.fileName ?? `upload.${kind === 'photo' ? 'jpg' : 'bin'}`,
          mimeType: options.mimeType ?? 'application/octet-stream',
          size: options.bytes.byteLength,
          bytes: options.bytes,
        };
  const file =
    options.fileId === undefined
      ? rt.files.create(kind, upload, meta)
      : rt.files.resolve(kind, options.fileId, meta);
  const captionable = kind !== 'sticker' && kind !== 'video_note';
  return {
    ...mediaContent(kind, file),
    ...(captionable && captionFields(options.caption, options.captionEntities)),
    ...(options.spoiler === true && { has_media_spoiler: true }),
  };
}

/** The origin and content of a message a user forwards. */
export function forwardSource(
  rt: Runtime,
  init: ForwardInit,
): { origin: MessageOrigin; content: MessageContent } {
  const date = rt.clock.seconds();
  const textContent = (): MessageContent => {
    if (init.text === undefined) {
      throw new EmulatorError(
        'forwardFrom() needs `text` unless it names an existing channel post',
      );
    }
    return userText(init.text);
  };
  if ('hiddenUserName' in init.chat) {
    return {
      origin: { type: 'hidden_user', date, sender_user_name: init.chat.hiddenUserName },
      content: textContent(),
    };
  }
  if ('user' in init.chat) {
    return { origin: { type: 'user', date, sender_user: init.chat.user }, content: textContent() };
  }
  const source = init.chat;
  const channel = rt.chats.get(source.id);
  if (channel === undefined) throw new EmulatorError(`channel ${source.id} is not registered`);
  if (init.messageId !== undefined) {
    const post = rt.chats.find(channel, init.messageId);
    if (post !== undefined) {
      const content = contentOf(post.message);
      if (content === undefined)
        throw new EmulatorError(`post ${init.messageId} cannot be forwarded`);
      return { origin: originOf(post.message, channel), content };
    }
    return {
      origin: { type: 'channel', chat: source.chat, message_id: init.messageId, date },
      content: textContent(),
    };
  }
  // A post the bot never saw (made before it joined): stored, but no channel_post update.
  const content = textContent();
  const post = rt.chats.append(channel, false, (messageId) => ({
    message_id: messageId,
    sender_chat: source.chat,
    chat: channel.chat,
    date,
    ...content,
  }));
  return { origin: originOf(post, channel), content };
}
