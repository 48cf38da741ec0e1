import type { Locale } from '../ids.js';
import type { TextKey, TextParams } from './keys.js';
import type { Texts } from './texts.js';

/**
 * Cuts `text` to at most `room` characters, ending it with `…` and then the `note` for how many
 * characters are shown (a visible "this was shortened" line), at a word boundary when one is
 * near. Text that fits comes back as it is. Never splits a surrogate pair. Lengths are UTF-16
 * code units, as Telegram counts them.
 *
 * ```ts
 * shortenText('Собрание жильцов в среду', 15); // 'Собрание…'
 * shortenText('Собрание жильцов в среду', 40, (n) => `\n(показано ${n})`); // 'Собрание…\n(показано 8)'
 * shortenText('Короткий', 100); // 'Короткий'
 * ```
 */
export function shortenText(
  text: string,
  room: number,
  note: (shown: number) => string = () => '',
): string {
  if (text.length <= room) return text;
  // The note is longest when it counts every character: leave room for that.
  const budget = Math.max(0, room - note(text.length).length - ELLIPSIS.length);
  const head = text.slice(0, boundaryBefore(text, budget, 0.85)).trimEnd();
  return `${head}${ELLIPSIS}${note(head.length)}`.slice(0, Math.max(0, room));
}

/**
 * Splits `text` into ordered parts of at most `limit` characters each, cutting at a paragraph,
 * then a line, a sentence, a word, and only as a last resort inside a word; whitespace at the
 * cuts goes. Text that fits is one part.
 *
 * ```ts
 * splitText('Первый абзац.\n\nВторой абзац.', 20); // ['Первый абзац.', 'Второй абзац.']
 * ```
 */
export function splitText(text: string, limit: number): string[] {
  if (!(limit > 0)) throw new RangeError(`limit must be positive, got ${limit}`);
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const cut = boundaryBefore(rest, limit, 0.5);
    const part = rest.slice(0, cut).trimEnd();
    parts.push(part === '' ? rest.slice(0, cut) : part);
    rest = rest.slice(cut).trimStart();
  }
  if (rest !== '' || parts.length === 0) parts.push(rest);
  return parts;
}

// --- Internal helpers ---

const ELLIPSIS = '…';

/** Where to cut `text` at or before `at`: the best boundary not earlier than `at * floor`. */
function boundaryBefore(text: string, at: number, floor: number): number {
  if (at >= text.length) return text.length;
  const earliest = Math.floor(at * floor);
  for (const pattern of BOUNDARIES) {
    const cut = lastMatchEnd(text, pattern, earliest, at);
    if (cut !== undefined) return cut;
  }
  // No boundary near: cut inside the word, but never between the halves of a surrogate pair.
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}

/** Paragraphs, lines, sentence ends, then any whitespace. */
const BOUNDARIES = [/\n\s*\n/g, /\n/g, /[.!?…](?=\s)/g, /\s/g];

function lastMatchEnd(text: string, pattern: RegExp, from: number, to: number): number | undefined {
  let found: number | undefined;
  const window = text.slice(0, to + 1);
  pattern.lastIndex = from;
  for (let match = pattern.exec(window); match !== null; match = pattern.exec(window)) {
    const end = match.index + match[0].length;
    if (end <= to && end > 0) found = end;
    if (match[0].length === 0) pattern.lastIndex++;
  }
  return found;
}

/** What {@link renderFitting} renders. */
export interface FittingRequest {
  readonly key: TextKey;
  readonly params: TextParams;
  readonly locale: Locale;
  /** The parameter that gives way (the person's text); the rest of the template stays whole. */
  readonly field: string;
  /** The longest the whole may be. */
  readonly limit: number;
  /** The note under a shortened text, given `{shown}` and `{total}`. Default `text.cut`. */
  readonly note?: TextKey;
}

/**
 * Renders a text key, shortening one parameter (the person's text) just enough for the whole to
 * fit `limit`, with a visible note saying how much is shown. Anything else that would still not
 * fit is cut hard: a message that cannot be sent helps no one.
 *
 * ```ts
 * const { text, shortened } = renderFitting(texts, {
 *   key: 'suggest.preview', params: { text: long }, locale: 'ru', field: 'text', limit: 4096,
 * });
 * ```
 */
export function renderFitting(
  texts: Texts,
  request: FittingRequest,
): { readonly text: string; readonly shortened: boolean } {
  const { key, params, locale, field, limit } = request;
  const whole = texts.render(key, params, locale);
  if (whole.length <= limit) return { text: whole, shortened: false };
  const value = String(params[field] ?? '');
  const frame = texts.render(key, { ...params, [field]: '' }, locale).length;
  const total = value.length;
  const note = (shown: number) =>
    `\n\n${texts.render(request.note ?? 'text.cut', { shown, total }, locale)}`;
  const shortened = shortenText(value, Math.max(0, limit - frame), note);
  const text = texts.render(key, { ...params, [field]: shortened }, locale);
  return { text: shortenText(text, limit), shortened: true };
}
