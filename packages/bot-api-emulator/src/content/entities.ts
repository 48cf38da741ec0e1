import type { MessageEntity } from '../telegram.js';

type AutoType = 'bot_command' | 'mention' | 'hashtag' | 'cashtag' | 'url' | 'email';

// Telegram's servers detect these in every message, the bot's included.
const PATTERNS: ReadonlyArray<readonly [AutoType, RegExp]> = [
  ['url', /\b(?:https?:\/\/|www\.|t\.me\/)[^\s<>"]*[^\s<>".,;:!?)\]'"]/giu],
  ['email', /\b[\w.+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b/giu],
  ['bot_command', /(?<![\w/])\/[a-z0-9_]{1,32}(?:@[a-z0-9_]{3,32})?(?![\w/])/giu],
  ['mention', /(?<![\w@])@[a-z0-9_]{4,32}(?!\w)/giu],
  ['hashtag', /(?<![\w#])#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*/giu],
  ['cashtag', /(?<![\w$])\$[A-Z]{3,8}(?![\w])/gu],
];

/** Entities Telegram detects on its own: commands, mentions, hashtags, URLs, e-mails. */
export function detectEntities(text: string): MessageEntity[] {
  const found: MessageEntity[] = [];
  for (const [type, pattern] of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const entity: MessageEntity = { type, offset: match.index, length: match[0].length };
      if (!found.some((other) => overlaps(entity, other))) found.push(entity);
    }
  }
  return found;
}

/** Adds auto-detected entities that do not clash with the given (explicit) ones. */
export function withDetectedEntities(
  text: string,
  explicit: readonly MessageEntity[],
): MessageEntity[] {
  // Code, pre and links hide what looks like a URL or command inside them.
  const opaque = explicit.filter((entity) =>
    ['code', 'pre', 'text_link', 'text_mention', 'url', 'email', 'mention', 'bot_command'].includes(
      entity.type,
    ),
  );
  const detected = detectEntities(text).filter(
    (entity) => !opaque.some((other) => overlaps(entity, other)),
  );
  return [...explicit, ...detected].sort((a, b) => a.offset - b.offset || b.length - a.length);
}

function overlaps(a: MessageEntity, b: MessageEntity): boolean {
  return a.offset < b.offset + b.length && b.offset < a.offset + a.length;
}
