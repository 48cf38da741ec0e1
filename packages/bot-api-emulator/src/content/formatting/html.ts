import type { MessageEntity } from '../../telegram.js';
import {
  byteOffset,
  cannotParse,
  type FormattedText,
  type StyleType,
  sortEntities,
} from './shared.js';

const HTML_STYLES: Record<string, StyleType> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  'tg-spoiler': 'spoiler',
  code: 'code',
};

interface OpenTag {
  readonly name: string;
  readonly offset: number;
  // What the tag becomes when it closes; undefined for tags folded into their parent.
  entity: ((length: number) => MessageEntity) | undefined;
  language?: string;
}

/** Parses `parse_mode: 'HTML'`: Telegram's tag set and the four named entities. */
export function parseHtml(source: string): FormattedText {
  let text = '';
  const entities: MessageEntity[] = [];
  const stack: OpenTag[] = [];
  let index = 0;
  while (index < source.length) {
    const char = source[index] ?? '';
    if (char === '&') {
      const match = /^&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/i.exec(
        source.slice(index, index + 12),
      );
      const decoded = match?.[1] === undefined ? undefined : decodeHtmlEntity(match[1]);
      text += decoded ?? '&';
      index += decoded === undefined || match === null ? 1 : match[0].length;
      continue;
    }
    if (char !== '<') {
      text += char;
      index += 1;
      continue;
    }
    const end = source.indexOf('>', index);
    if (end === -1)
      throw cannotParse(`Unclosed start tag at byte offset ${byteOffset(source, index)}`);
    const inner = source.slice(index + 1, end);
    if (inner.startsWith('/')) {
      const name = inner.slice(1).trim().toLowerCase();
      const open = stack.pop();
      if (open === undefined) {
        throw cannotParse(`Unexpected end tag at byte offset ${byteOffset(source, index)}`);
      }
      if (open.name !== name) {
        throw cannotParse(
          `Unmatched end tag at byte offset ${byteOffset(source, index)}, expected "</${open.name}>", found "</${name}>"`,
        );
      }
      const entity = open.entity?.(text.length - open.offset);
      if (entity !== undefined) entities.push(entity);
    } else {
      stack.push(openHtmlTag(inner, text.length, stack.at(-1), byteOffset(source, index)));
    }
    index = end + 1;
  }
  const unclosed = stack.at(-1);
  if (unclosed !== undefined) {
    throw cannotParse(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  }
  return { text, entities: sortEntities(entities) };
}

function openHtmlTag(
  inner: string,
  offset: number,
  parent: OpenTag | undefined,
  at: number,
): OpenTag {
  const match = /^([a-z][a-z0-9-]*)([\s\S]*)$/i.exec(inner.trim());
  const name = match?.[1]?.toLowerCase() ?? '';
  const attributes = parseAttributes(match?.[2] ?? '');
  const style = HTML_STYLES[name];
  const tag: OpenTag = { name, offset, entity: undefined };
  if (name === 'code' && parent?.name === 'pre') {
    // <pre><code class="language-x"> is one pre entity with a language.
    const language = /^language-(.+)$/.exec(attributes.get('class') ?? '')?.[1];
    if (language !== undefined) parent.language = language;
    return tag;
  }
  if (style !== undefined) {
    tag.entity = (length) => ({ type: style, offset, length });
  } else if (name === 'span' && attributes.get('class') === 'tg-spoiler') {
    tag.entity = (length) => ({ type: 'spoiler', offset, length });
  } else if (name === 'a') {
    const href = attributes.get('href');
    if (href !== undefined)
      tag.entity = (length) => ({ type: 'text_link', offset, length, url: href });
  } else if (name === 'pre') {
    tag.entity = (length) => ({
      type: 'pre',
      offset,
      length,
      ...(tag.language !== undefined && { language: tag.language }),
    });
  } else if (name === 'blockquote') {
    const type = attributes.has('expandable') ? 'expandable_blockquote' : 'blockquote';
    tag.entity = (length) => ({ type, offset, length });
  } else if (name === 'tg-emoji') {
    const id = attributes.get('emoji-id');
    if (id === undefined) throw cannotParse('Custom emoji entity must have an emoji-id');
    tag.entity = (length) => ({ type: 'custom_emoji', offset, length, custom_emoji_id: id });
  } else {
    throw cannotParse(`Unsupported start tag "${name}" at byte offset ${at}`);
  }
  return tag;
}

function parseAttributes(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of source.matchAll(
    /([a-z][a-z0-9-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/gi,
  )) {
    const name = match[1]?.toLowerCase();
    if (name === undefined) continue;
    const raw = match[2] ?? match[3] ?? match[4] ?? '';
    attributes.set(
      name,
      raw.replace(/&(lt|gt|amp|quot);/g, (_, entity: string) => NAMED[entity] ?? ''),
    );
  }
  return attributes;
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

function decodeHtmlEntity(body: string): string | undefined {
  if (body.startsWith('#')) {
    const code =
      body[1] === 'x' || body[1] === 'X'
        ? Number.parseInt(body.slice(2), 16)
        : Number(body.slice(1));
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff
      ? String.fromCodePoint(code)
      : undefined;
  }
  return NAMED[body.toLowerCase()];
}
