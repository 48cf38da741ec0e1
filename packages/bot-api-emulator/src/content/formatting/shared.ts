import { badRequest } from '../../errors.js';
import type { MessageEntity } from '../../telegram.js';

/** Text after `parse_mode` parsing. */
export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

export type StyleType = 'bold' | 'italic' | 'underline' | 'strikethrough' | 'spoiler' | 'code';

/** Telegram's 400 for malformed markup. */
export function cannotParse(reason: string): Error {
  return badRequest(`can't parse entities: ${reason}`);
}

/** Telegram reports parse errors at UTF-8 byte offsets. */
export function byteOffset(source: string, index: number): number {
  return Buffer.byteLength(source.slice(0, index));
}

/** Drops empty entities and orders them like Telegram: by offset, outer first. */
export function sortEntities(entities: MessageEntity[]): MessageEntity[] {
  return entities
    .filter((entity) => entity.length > 0)
    .sort((a, b) => a.offset - b.offset || b.length - a.length);
}
