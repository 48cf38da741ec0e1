import { tokenize } from './normalize.js';
import { stemEnglish } from './stem-en.js';
import { stemRussian } from './stem-ru.js';

/**
 * Stems one normalised word (as produced by `tokenize`): Russian (`а`–`я`) words with the Snowball
 * Russian stemmer, English (`a`–`z`) words with Porter2; digits, mixed scripts and other
 * languages come back unchanged.
 *
 * ```ts
 * stemWord('собрания'); // 'собран'
 * stemWord('meetings'); // 'meet'
 * stemWord('15'); // '15'
 * ```
 */
export function stemWord(word: string): string {
  switch (scriptOf(word)) {
    case 'russian':
      return stemRussian(word);
    case 'english':
      return stemEnglish(word);
    case 'other':
      return word;
  }
}

/**
 * Normalises, tokenises and stems a text: the sequence that keywords and messages are compared on.
 *
 * ```ts
 * stems('Общее СОБРАНИЕ жильцов'); // ['общ', 'собран', 'жильц']
 * ```
 */
export function stems(text: string): string[] {
  return tokenize(text).map(cachedStem);
}

// --- Internal helpers ---

// Words repeat a lot in real text, so recent stems are remembered; the cache is cleared when
// full, which bounds its memory without bookkeeping.
const STEM_CACHE_LIMIT = 50_000;
const stemCache = new Map<string, string>();

function cachedStem(word: string): string {
  let stem = stemCache.get(word);
  if (stem === undefined) {
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stem = stemWord(word);
    stemCache.set(word, stem);
  }
  return stem;
}

type Script = 'russian' | 'english' | 'other';

/** The script of a word if every letter is lower-case Russian or every letter is a–z. */
function scriptOf(word: string): Script {
  let script: Script | undefined;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    const letter: Script =
      (code >= 0x430 && code <= 0x44f) || code === 0x451
        ? 'russian'
        : code >= 0x61 && code <= 0x7a
          ? 'english'
          : 'other';
    if (letter === 'other' || (script !== undefined && script !== letter)) return 'other';
    script = letter;
  }
  return script ?? 'other';
}
