import type { MessageEntity } from '../../telegram.js';
import {
  byteOffset,
  cannotParse,
  type FormattedText,
  type StyleType,
  sortEntities,
} from './shared.js';

const MARKDOWN_V2_RESERVED = new Set('_*[]()~`>#+-=|{}.!');

const ENTITY_NAMES: Record<string, string> = {
  bold: 'Bold',
  italic: 'Italic',
  underline: 'Underline',
  strikethrough: 'Strikethrough',
  spoiler: 'Spoiler',
  link: 'TextUrl',
  emoji: 'CustomEmoji',
};

interface OpenMark {
  readonly type: StyleType | 'link' | 'emoji';
  readonly offset: number;
  readonly at: number;
}

/** Parses MarkdownV2 (`v2`, strict escaping) or legacy Markdown. */
export function parseMarkdown(source: string, v2: boolean): FormattedText {
  let text = '';
  const entities: MessageEntity[] = [];
  const stack: OpenMark[] = [];
  let quoteStart: number | undefined;
  let index = 0;
  const toggle = (type: StyleType, width: number): void => {
    const top = stack.at(-1);
    if (top?.type === type) {
      stack.pop();
      entities.push({ type, offset: top.offset, length: text.length - top.offset });
    } else if (!v2 && top !== undefined) {
      text += source.slice(index, index + width); // legacy Markdown does not nest
    } else {
      stack.push({ type, offset: text.length, at: byteOffset(source, index) });
    }
    index += width;
  };
  while (index < source.length) {
    const char = source[index] ?? '';
    const next = source[index + 1];
    if (v2 && (index === 0 || source[index - 1] === '\n')) {
      if (char === '>') {
        quoteStart ??= text.length;
        index += 1;
        continue;
      }
      if (quoteStart !== undefined) {
        const end = text.endsWith('\n') ? text.length - 1 : text.length;
        entities.push({ type: 'blockquote', offset: quoteStart, length: end - quoteStart });
        quoteStart = undefined;
      }
    }
    if (char === '\\' && next !== undefined && (v2 || '_*`['.includes(next))) {
      text += next;
      index += 2;
    } else if (char === '`') {
      const code = readCode(source, index, text.length, v2);
      entities.push(code.entity);
      text += code.body;
      index = code.next;
    } else if (char === '*') {
      toggle('bold', 1);
    } else if (char === '_' && v2 && next === '_') {
      toggle('underline', 2);
    } else if (char === '_') {
      toggle('italic', 1);
    } else if (v2 && char === '~') {
      toggle('strikethrough', 1);
    } else if (v2 && char === '|' && next === '|') {
      toggle('spoiler', 2);
    } else if (char === '[' || (v2 && char === '!' && next === '[')) {
      const type = char === '!' ? 'emoji' : 'link';
      stack.push({ type, offset: text.length, at: byteOffset(source, index) });
      index += type === 'emoji' ? 2 : 1;
    } else if (char === ']' && (stack.at(-1)?.type === 'link' || stack.at(-1)?.type === 'emoji')) {
      index = closeLink(source, index, text.length, stack, entities);
    } else if (v2 && MARKDOWN_V2_RESERVED.has(char)) {
      throw cannotParse(
        `Character '${char}' is reserved and must be escaped with the preceding '\\'`,
      );
    } else {
      text += char;
      index += 1;
    }
  }
  if (quoteStart !== undefined) {
    entities.push({ type: 'blockquote', offset: quoteStart, length: text.length - quoteStart });
  }
  const unclosed = stack.at(-1);
  if (unclosed !== undefined) {
    throw cannotParse(
      v2
        ? `Can't find end of ${ENTITY_NAMES[unclosed.type] ?? 'Code'} entity at byte offset ${unclosed.at}`
        : `Can't find end of the entity starting at byte offset ${unclosed.at}`,
    );
  }
  return { text, entities: sortEntities(entities) };
}

/** Reads a `code` span or ```pre``` block; only ` and \ are escapable inside. */
function readCode(
  source: string,
  start: number,
  offset: number,
  v2: boolean,
): { entity: MessageEntity; body: string; next: number } {
  const fence = source.startsWith('```', start) ? '```' : '`';
  let index = start + fence.length;
  let body = '';
  for (;;) {
    if (index >= source.length) {
      const name = fence === '```' ? 'Pre' : 'Code';
      throw cannotParse(
        v2
          ? `Can't find end of ${name} entity at byte offset ${byteOffset(source, start)}`
          : `Can't find end of the entity starting at byte offset ${byteOffset(source, start)}`,
      );
    }
    const char = source[index] ?? '';
    if (v2 && char === '\\' && (source[index + 1] === '`' || source[index + 1] === '\\')) {
      body += source[index + 1];
      index += 2;
    } else if (source.startsWith(fence, index)) {
      break;
    } else {
      body += char;
      index += 1;
    }
  }
  const next = index + fence.length;
  if (fence === '`') return { entity: { type: 'code', offset, length: body.length }, body, next };
  // A first line without spaces names the language of a pre block.
  const newline = body.indexOf('\n');
  const language = newline === -1 ? '' : body.slice(0, newline).trim();
  if (newline !== -1 && !/\s/.test(language)) body = body.slice(newline + 1);
  const entity: MessageEntity = {
    type: 'pre',
    offset,
    length: body.length,
    ...(language !== '' && !/\s/.test(language) && { language }),
  };
  return { entity, body, next };
}

function closeLink(
  source: string,
  index: number,
  textLength: number,
  stack: OpenMark[],
  entities: MessageEntity[],
): number {
  const open = stack.pop();
  if (open === undefined || source[index + 1] !== '(') {
    throw cannotParse(`Can't find end of a url at byte offset ${byteOffset(source, index)}`);
  }
  let url = '';
  let cursor = index + 2;
  while (cursor < source.length && source[cursor] !== ')') {
    if (source[cursor] === '\\' && cursor + 1 < source.length) cursor += 1;
    url += source[cursor];
    cursor += 1;
  }
  if (cursor >= source.length) {
    throw cannotParse(`Can't find end of a url at byte offset ${byteOffset(source, index)}`);
  }
  const length = textLength - open.offset;
  if (open.type === 'emoji') {
    const id = /[?&]id=(\d+)/.exec(url)?.[1] ?? '';
    entities.push({ type: 'custom_emoji', offset: open.offset, length, custom_emoji_id: id });
  } else {
    entities.push({ type: 'text_link', offset: open.offset, length, url });
  }
  return cursor + 1;
}
