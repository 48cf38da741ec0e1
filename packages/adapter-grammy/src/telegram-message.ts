import type { MediaFile, Texts } from '@anonboard/core';
import type { Message, MessageEntity } from 'grammy/types';

/** Telegram's limit on a message's text. */
export const MAX_MESSAGE_LENGTH = 4096;

/** Longest summary of a message kept for history, reports and the first message's rules. */
export const MAX_SUMMARY_LENGTH = 500;

/**
 * What a message carries besides text, in the order to look for it: an animation also fills
 * `document`, a venue also `location`, so they come first.
 */
export const mediaKinds = [
  'photo',
  'video',
  'animation',
  'voice',
  'video_note',
  'audio',
  'document',
  'sticker',
  'poll',
  'dice',
  'location',
  'contact',
] as const;

/**
 * A kind of media a message may carry.
 *
 * ```ts
 * const kind: MediaKind = 'voice';
 * ```
 */
export type MediaKind = (typeof mediaKinds)[number];

/**
 * The media a message carries, or undefined for plain text (and anything else).
 *
 * ```ts
 * mediaKindOf(ctx.message); // 'photo'
 * ```
 */
export function mediaKindOf(message: Message): MediaKind | undefined {
  return mediaKinds.find((kind) => message[kind] !== undefined);
}

/**
 * The file a message carries that a channel post can carry too (a photo — its largest size —,
 * video, animation, document, audio or voice), by the bot's `file_id`; undefined otherwise.
 *
 * ```ts
 * mediaFileOf(ctx.message); // { kind: 'photo', fileId: 'AgACAgIAAxkBAAIB…' }
 * ```
 */
export function mediaFileOf(message: Message): MediaFile | undefined {
  const largest = message.photo?.at(-1);
  if (largest !== undefined) return { kind: 'photo', fileId: largest.file_id };
  // An animation also fills `document`: it comes first.
  for (const kind of ['video', 'animation', 'audio', 'voice', 'document'] as const) {
    const file = message[kind];
    if (file !== undefined) return { kind, fileId: file.file_id };
  }
  return undefined;
}

/**
 * What a message says, for core's `IncomingMessage.summary` (history, report evidence, the
 * duplicate and link rules of first messages): its text or caption, else its kind in brackets
 * (`[фото]`, in the catalogue's default locale: one summary serves everyone who reads it). At
 * most {@link MAX_SUMMARY_LENGTH} characters; links a long text had past the cut, and the
 * addresses behind formatted links and behind mentions of a person by name (`text_mention`, as
 * `tg://user?id=<id>`), are kept at its end, so core's link and profile-link rules see them.
 *
 * ```ts
 * summaryOf(message, board.texts); // 'Сколько стоит?' or '[голосовое]'
 * ```
 */
export function summaryOf(message: Message, texts: Texts): string {
  const text = message.text ?? message.caption;
  if (text === undefined || text.trim() === '') return kindSummary(mediaKindOf(message), texts);
  return boundSummary(text, message.entities ?? message.caption_entities ?? []);
}

/**
 * The summary of an album: the caption of its first captioned part, else `[альбом]`, followed by
 * the Telegram links (`tg://…`) in the other parts' captions, so a profile link in any part counts.
 *
 * ```ts
 * albumSummary(['', 'Спереди'], board.texts); // 'Спереди'
 * ```
 */
export function albumSummary(captions: readonly string[], texts: Texts): string {
  const caption = captions.find((c) => c.trim() !== '');
  // The other parts' Telegram links still count: a profile hidden in the second caption too.
  const links = captions.filter((c) => c !== caption).flatMap((c) => c.match(/tg:\/\/\S+/gi) ?? []);
  const summary = [caption ?? texts.render('summary.album'), ...links].join(' ');
  return summary.slice(0, MAX_SUMMARY_LENGTH);
}

// --- Internal helpers ---

function kindSummary(kind: MediaKind | undefined, texts: Texts): string {
  return texts.render(kind === undefined ? 'summary.other' : `summary.${kind}`);
}

/**
 * The text, cut to fit the bound with the links it would otherwise lose: those past the cut and
 * the addresses behind formatted links. Shortens the text further until the links fit.
 */
function boundSummary(text: string, entities: readonly MessageEntity[]): string {
  const links = entities.flatMap((e) => {
    if (e.type === 'text_link') return [{ end: Number.POSITIVE_INFINITY, link: e.url }];
    if (e.type === 'text_mention') {
      return [{ end: Number.POSITIVE_INFINITY, link: `tg://user?id=${e.user.id}` }];
    }
    if (e.type !== 'url' && e.type !== 'mention') return [];
    return [{ end: e.offset + e.length, link: text.slice(e.offset, e.offset + e.length) }];
  });
  for (let room = MAX_SUMMARY_LENGTH; ; room = Math.max(0, room - 50)) {
    const whole = text.length <= room;
    const shown = whole ? text.length : Math.max(0, room - 1);
    const lost = links.filter((l) => l.end > shown).map((l) => l.link);
    const summary = [whole ? text : `${text.slice(0, shown)}…`, ...lost].join(' ');
    if (summary.length <= MAX_SUMMARY_LENGTH || room === 0) {
      return summary.slice(0, MAX_SUMMARY_LENGTH);
    }
  }
}
