// The Porter2 ("Snowball English") stemmer (snowballstem.org/algorithms/english/stemmer.html),
// transcribed from the reference `english.sbl` as of 2025 (region prefixes `past`, `univers`,
// `later`, `emerg`, `organ`, `inter`; `-ogist`; `proceed`/`exceed`/`succeed` and `dying` handled
// in step 1b). Checked against Snowball's whole test vocabulary. Works on lower-case words; a `y`
// that acts as a consonant is written `Y` while stemming. As in Snowball, each step looks only at
// the longest suffix of its list the word ends with: when that one's condition fails, shorter
// ones are not tried.

const VOWELS = 'aeiouy';
const DOUBLES = new Set(['bb', 'dd', 'ff', 'gg', 'mm', 'nn', 'pp', 'rr', 'tt']);
const VALID_LI = 'cdeghkmnrt';
const REGION_PREFIXES = [
  'gener',
  'commun',
  'arsen',
  'past',
  'univers',
  'later',
  'emerg',
  'organ',
  'inter',
];

/** Whole words stemmed by hand, or left alone. */
const EXCEPTIONS: ReadonlyMap<string, string> = new Map([
  ['skis', 'ski'],
  ['skies', 'sky'],
  ['idly', 'idl'],
  ['gently', 'gentl'],
  ['ugly', 'ugli'],
  ['early', 'earli'],
  ['only', 'onli'],
  ['singly', 'singl'],
  ...['sky', 'news', 'howe', 'atlas', 'cosmos', 'bias', 'andes'].map((w): [string, string] => [
    w,
    w,
  ]),
]);

/** Step 1b leaves these alone when they are the whole word before `-ing`. */
const WHOLE_BEFORE_ING = new Set(['inn', 'out', 'cann', 'herr', 'earr', 'even']);
/** Step 1b leaves these alone when they are the whole word before `-eed`. */
const WHOLE_BEFORE_EED = new Set(['proc', 'exc', 'succ']);

type Rule = readonly [suffix: string, replacement: string];

const STEP2: readonly Rule[] = [
  ['tional', 'tion'],
  ['enci', 'ence'],
  ['anci', 'ance'],
  ['abli', 'able'],
  ['entli', 'ent'],
  ['izer', 'ize'],
  ['ization', 'ize'],
  ['ational', 'ate'],
  ['ation', 'ate'],
  ['ator', 'ate'],
  ['alism', 'al'],
  ['aliti', 'al'],
  ['alli', 'al'],
  ['fulness', 'ful'],
  ['ousli', 'ous'],
  ['ousness', 'ous'],
  ['iveness', 'ive'],
  ['iviti', 'ive'],
  ['biliti', 'ble'],
  ['bli', 'ble'],
  ['ogist', 'og'],
  ['ogi', 'og'],
  ['fulli', 'ful'],
  ['lessli', 'less'],
  ['li', ''],
];
const STEP3: readonly Rule[] = [
  ['tional', 'tion'],
  ['ational', 'ate'],
  ['alize', 'al'],
  ['icate', 'ic'],
  ['iciti', 'ic'],
  ['ical', 'ic'],
  ['ful', ''],
  ['ness', ''],
  ['ative', ''],
];
const STEP4 = [
  ...['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ism'],
  ...['ate', 'iti', 'ous', 'ive', 'ize', 'ion'],
];

/**
 * Stems one lower-case English word with Porter2 (apostrophes as in Snowball: a leading one and
 * the possessive `'s` go).
 *
 * ```ts
 * stemEnglish('meetings'); // 'meet'
 * stemEnglish('generously'); // 'generous'
 * ```
 */
export function stemEnglish(word: string): string {
  const exception = EXCEPTIONS.get(word);
  if (exception !== undefined) return exception;
  if (word.length < 3) return word;
  let stem = markConsonantY(word.startsWith("'") ? word.slice(1) : word);
  const { r1, r2 } = markRegions(stem);
  stem = step1a(stem);
  stem = step1b(stem, r1);
  stem = step1c(stem);
  stem = step2(stem, r1);
  stem = step3(stem, r1, r2);
  stem = step4(stem, r2);
  stem = step5(stem, r1, r2);
  return stem.replaceAll('Y', 'y');
}

// --- Internal helpers ---

function isVowel(char: string): boolean {
  return char !== '' && VOWELS.includes(char);
}

/** Lists of suffixes longest first, so the first one a word ends with is its longest. */
function longestFirst<T>(list: readonly T[], suffixOf: (t: T) => string): readonly T[] {
  return [...list].sort((a, b) => suffixOf(b).length - suffixOf(a).length);
}

const APOSTROPHE_SUFFIXES = longestFirst(["'", "'s", "'s'"], (s) => s);
const STEP1A = longestFirst(['sses', 'ied', 'ies', 's', 'us', 'ss'], (s) => s);
const STEP1B = longestFirst(['eed', 'eedly', 'ed', 'edly', 'ing', 'ingly'], (s) => s);
const STEP2_LONGEST = longestFirst(STEP2, ([suffix]) => suffix);
const STEP3_LONGEST = longestFirst(STEP3, ([suffix]) => suffix);
const STEP4_LONGEST = longestFirst(STEP4, (s) => s);

/** Initial `y` and `y` after a vowel are consonants: mark them `Y`. */
function markConsonantY(word: string): string {
  if (!word.includes('y')) return word;
  let marked = '';
  for (let i = 0; i < word.length; i++) {
    const char = word.charAt(i);
    const consonant = char === 'y' && (i === 0 || isVowel(marked.charAt(i - 1)));
    marked += consonant ? 'Y' : char;
  }
  return marked;
}

/** R1: after the first consonant that follows a vowel (or a listed prefix); R2: likewise in R1. */
function markRegions(word: string): { r1: number; r2: number } {
  const afterVowelThenConsonant = (from: number): number => {
    let i = from;
    while (i < word.length && !isVowel(word.charAt(i))) i++;
    if (i === word.length) return word.length;
    while (i < word.length && isVowel(word.charAt(i))) i++;
    return Math.min(i + 1, word.length);
  };
  const prefix = REGION_PREFIXES.find((candidate) => word.startsWith(candidate));
  const r1 = prefix === undefined ? afterVowelThenConsonant(0) : prefix.length;
  return { r1, r2: afterVowelThenConsonant(r1) };
}

/**
 * A short syllable ends at `end`: consonant (not w, x or Y) after a vowel after a non-vowel, or a
 * word that starts vowel + non-vowel, or `past`.
 */
function endsWithShortSyllable(word: string, end: number): boolean {
  if (word.slice(0, end).endsWith('past')) return true;
  const last = word.charAt(end - 1);
  if (end < 2 || isVowel(last) || !isVowel(word.charAt(end - 2))) return false;
  if (end === 2) return true;
  return !isVowel(word.charAt(end - 3)) && last !== 'w' && last !== 'x' && last !== 'Y';
}

/** Whether `word[from, to)` contains a vowel. */
function hasVowel(word: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isVowel(word.charAt(i))) return true;
  return false;
}

function step1a(input: string): string {
  const apostrophe = APOSTROPHE_SUFFIXES.find((s) => input.endsWith(s));
  const word = apostrophe === undefined ? input : input.slice(0, -apostrophe.length);
  const suffix = STEP1A.find((s) => word.endsWith(s));
  switch (suffix) {
    case 'sses':
      return word.slice(0, -2);
    case 'ied':
    case 'ies':
      return word.slice(0, -3) + (word.length > 4 ? 'i' : 'ie');
    case 's':
      // The plural `s` goes only after a vowel that is not just before it ("gas" stays).
      return hasVowel(word, 0, word.length - 2) ? word.slice(0, -1) : word;
    default:
      return word;
  }
}

function step1b(word: string, r1: number): string {
  const suffix = STEP1B.find((s) => word.endsWith(s));
  if (suffix === undefined) return word;
  const start = word.length - suffix.length;
  const before = word.slice(0, start);
  if (suffix === 'eed' || suffix === 'eedly') {
    if (start < r1 || WHOLE_BEFORE_EED.has(before)) return word;
    return `${before}ee`;
  }
  if (suffix === 'ing') {
    // dying → die; inning, outing, … stay.
    if (before.length === 2 && before.endsWith('y') && !isVowel(before.charAt(0))) {
      return `${before.charAt(0)}ie`;
    }
    if (WHOLE_BEFORE_ING.has(before)) return word;
  }
  if (!hasVowel(word, 0, start)) return word;
  const ending = before.slice(-2);
  if (ending === 'at' || ending === 'bl' || ending === 'iz') return `${before}e`;
  if (DOUBLES.has(ending)) {
    // "added", "egged": a double after a lone initial a/e/o stays.
    const keepsDouble = before.length === 3 && 'aeo'.includes(before.charAt(0));
    return keepsDouble ? before : before.slice(0, -1);
  }
  return before.length === r1 && endsWithShortSyllable(before, before.length)
    ? `${before}e`
    : before;
}

function step1c(word: string): string {
  const last = word.charAt(word.length - 1);
  if ((last !== 'y' && last !== 'Y') || word.length < 3) return word;
  return isVowel(word.charAt(word.length - 2)) ? word : `${word.slice(0, -1)}i`;
}

function step2(word: string, r1: number): string {
  const rule = STEP2_LONGEST.find(([suffix]) => word.endsWith(suffix));
  if (rule === undefined) return word;
  const [suffix, replacement] = rule;
  const start = word.length - suffix.length;
  if (start < r1) return word;
  const before = word.charAt(start - 1);
  if (suffix === 'ogi' && before !== 'l') return word;
  if (suffix === 'li' && (before === '' || !VALID_LI.includes(before))) return word;
  return word.slice(0, start) + replacement;
}

function step3(word: string, r1: number, r2: number): string {
  const rule = STEP3_LONGEST.find(([suffix]) => word.endsWith(suffix));
  if (rule === undefined) return word;
  const [suffix, replacement] = rule;
  const start = word.length - suffix.length;
  if (start < r1 || (suffix === 'ative' && start < r2)) return word;
  return word.slice(0, start) + replacement;
}

function step4(word: string, r2: number): string {
  const suffix = STEP4_LONGEST.find((s) => word.endsWith(s));
  if (suffix === undefined) return word;
  const start = word.length - suffix.length;
  if (start < r2) return word;
  const before = word.charAt(start - 1);
  if (suffix === 'ion' && before !== 's' && before !== 't') return word;
  return word.slice(0, start);
}

function step5(word: string, r1: number, r2: number): string {
  const start = word.length - 1;
  const last = word.charAt(start);
  if (last === 'e' && (start >= r2 || (start >= r1 && !endsWithShortSyllable(word, start)))) {
    return word.slice(0, start);
  }
  if (last === 'l' && start >= r2 && word.charAt(start - 1) === 'l') return word.slice(0, start);
  return word;
}
