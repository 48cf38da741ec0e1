import type { Message } from '../telegram.js';

const CONTENT_KEYS = [
  'text',
  'entities',
  'link_preview_options',
  'caption',
  'caption_entities',
  'show_caption_above_media',
  'has_media_spoiler',
  'photo',
  'video',
  'animation',
  'voice',
  'video_note',
  'audio',
  'document',
  'sticker',
  'location',
  'contact',
] as const satisfies ReadonlyArray<keyof Message>;

/** The part of a message a copy or forward carries over. */
export type MessageContent = Pick<Message, (typeof CONTENT_KEYS)[number]>;

const CAPTIONABLE = ['photo', 'video', 'animation', 'voice', 'audio', 'document'] as const;

/** The content of a message, or `undefined` for service messages that cannot be copied. */
export function contentOf(message: Message): MessageContent | undefined {
  const content: MessageContent = {};
  let found = false;
  for (const key of CONTENT_KEYS) {
    if (message[key] === undefined) continue;
    Object.assign(content, { [key]: message[key] });
    found = true;
  }
  return found &&
    (content.text !== undefined ||
      hasMedia(content) ||
      content.location !== undefined ||
      content.contact !== undefined)
    ? content
    : undefined;
}

/** Whether a message kind carries a caption. */
export function isCaptionable(content: MessageContent): boolean {
  return CAPTIONABLE.some((key) => content[key] !== undefined);
}

/** Whether the content has any media (captionable or not). */
export function hasMedia(content: MessageContent): boolean {
  return (
    isCaptionable(content) || content.sticker !== undefined || content.video_note !== undefined
  );
}

/** Content without its caption (`remove_caption`, or before setting a new one). */
export function withoutCaption(content: MessageContent): MessageContent {
  const { caption: _caption, caption_entities: _entities, ...rest } = content;
  return rest;
}
