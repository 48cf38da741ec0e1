import { tokenize } from './text/normalize.js';

/** At most this many keywords per subscription. */
export const MAX_KEYWORDS = 100;
/** At most this many characters per keyword. */
export const MAX_KEYWORD_LENGTH = 100;

/**
 * One stored keyword as the matcher reads it: a word or phrase to look for, or (written with a
 * leading `-`) one that excludes a message.
 */
export interface Keyword {
  /** The word or phrase, as typed (without quotes or the minus). */
  readonly phrase: string;
  /** True: a message containing it does not match, whatever else it contains. */
  readonly exclude: boolean;
}

/** Why a keyword list could not be read. */
export type KeywordProblem =
  /** A quote was opened and never closed. */
  | 'unclosed_quote'
  /** A minus with nothing after it. */
  | 'empty_exclusion'
  /** A keyword without a single letter or digit (`!!!`, `""`). */
  | 'no_word'
  /** The same word or phrase both wanted and excluded. */
  | 'conflict'
  | 'too_many'
  | 'too_long';

/** A keyword list as {@link parseKeywords} read it, or why it could not. */
export type KeywordParse =
  | { readonly ok: true; readonly keywords: string[] }
  | { readonly ok: false; readonly problem: KeywordProblem; readonly near: string };

/**
 * Reads keywords as people type them. Keywords are separated by commas, semicolons or new lines;
 * words next to each other form a phrase (matched as consecutive words, in any inflection); a
 * phrase may also be put in quotes (`"…"`, `«…»`, `“…”`). A minus excludes what follows it, up
 * to the next comma or minus: `-реклама`, `-"продам гараж"`. Repeats are kept once. Returns the
 * keywords in their stored form (exclusions keep their leading `-`), or the first problem and the
 * text it was found near; nothing is guessed.
 *
 * ```ts
 * parseKeywords('собрание, "отключение воды" -реклама');
 * // { ok: true, keywords: ['собрание', 'отключение воды', '-реклама'] }
 * parseKeywords('собрание, "отключение воды');
 * // { ok: false, problem: 'unclosed_quote', near: '"отключение воды' }
 * ```
 */
export function parseKeywords(input: string): KeywordParse {
  const terms: Keyword[] = [];
  const scanned = scanTerms(input, terms);
  if (scanned !== undefined) return scanned;
  const seen = new Map<string, Keyword>();
  const keywords: string[] = [];
  for (const term of terms) {
    if (term.phrase.length > MAX_KEYWORD_LENGTH) {
      return { ok: false, problem: 'too_long', near: term.phrase };
    }
    const words = tokenize(term.phrase).join(' ');
    if (words === '') return { ok: false, problem: 'no_word', near: term.phrase };
    const earlier = seen.get(words);
    if (earlier !== undefined) {
      if (earlier.exclude !== term.exclude) {
        return { ok: false, problem: 'conflict', near: term.phrase };
      }
      continue;
    }
    seen.set(words, term);
    keywords.push(storedKeyword(term));
  }
  if (keywords.length > MAX_KEYWORDS) {
    return { ok: false, problem: 'too_many', near: String(keywords.length) };
  }
  return { ok: true, keywords };
}

/**
 * Reads one stored keyword: a leading `-` excludes.
 *
 * ```ts
 * readKeyword('-реклама'); // { phrase: 'реклама', exclude: true }
 * readKeyword('общее собрание'); // { phrase: 'общее собрание', exclude: false }
 * ```
 */
export function readKeyword(keyword: string): Keyword {
  const trimmed = keyword.trim();
  return MINUS.includes(trimmed.charAt(0))
    ? { phrase: trimmed.slice(1).trim(), exclude: true }
    : { phrase: trimmed, exclude: false };
}

// --- Internal helpers ---

// Hyphen-minus and the minus sign; dashes are punctuation («собрание — важно»).
const MINUS = '-−';
const SEPARATORS = ',;\n';
/** Opening quotes and the quotes that close them. */
const QUOTES: ReadonlyMap<string, string> = new Map([
  ['"', '"'],
  ['«', '»'],
  ['“', '”'],
  ['„', '“”'],
  ['”', '”'],
]);

function storedKeyword(term: Keyword): string {
  return term.exclude ? `-${term.phrase}` : term.phrase;
}

/**
 * Splits the input into terms: a run of plain words is one phrase; a quoted phrase is its own;
 * a minus starts an exclusion of the next quoted phrase, or of the words up to the next comma or
 * minus. Returns a problem, or undefined when every term was read.
 */
function scanTerms(input: string, terms: Keyword[]): KeywordParse | undefined {
  let words: string[] = [];
  let exclude = false;
  let minusAt = -1;
  const finish = (): KeywordParse | undefined => {
    if (words.length > 0) terms.push({ phrase: words.join(' '), exclude });
    else if (exclude) {
      return { ok: false, problem: 'empty_exclusion', near: input.slice(minusAt).trim() || '-' };
    }
    words = [];
    exclude = false;
    return undefined;
  };
  let i = 0;
  while (i < input.length) {
    const char = input.charAt(i);
    if (SEPARATORS.includes(char)) {
      const problem = finish();
      if (problem !== undefined) return problem;
      i++;
    } else if (/\s/.test(char)) {
      i++;
    } else if (MINUS.includes(char) && (i === 0 || /[\s,;"«“„”]/.test(input.charAt(i - 1)))) {
      const problem = finish();
      if (problem !== undefined) return problem;
      exclude = true;
      minusAt = i;
      i++;
    } else if (QUOTES.has(char)) {
      const closers = QUOTES.get(char) ?? '"';
      let end = i + 1;
      while (end < input.length && !closers.includes(input.charAt(end))) end++;
      if (end >= input.length) {
        return { ok: false, problem: 'unclosed_quote', near: input.slice(i).trim() };
      }
      const quoted = input
        .slice(i + 1, end)
        .replace(/\s+/g, ' ')
        .trim();
      // A quoted phrase stands alone: close the words before it (keeping a minus for it).
      const excluded = exclude && words.length === 0;
      if (!excluded) {
        const problem = finish();
        if (problem !== undefined) return problem;
      }
      terms.push({ phrase: quoted === '' ? input.slice(i, end + 1) : quoted, exclude: excluded });
      words = [];
      exclude = false;
      i = end + 1;
    } else {
      let end = i;
      while (
        end < input.length &&
        !/\s/.test(input.charAt(end)) &&
        !SEPARATORS.includes(input.charAt(end)) &&
        !QUOTES.has(input.charAt(end))
      ) {
        end++;
      }
      words.push(input.slice(i, end));
      i = end;
    }
  }
  return finish();
}
