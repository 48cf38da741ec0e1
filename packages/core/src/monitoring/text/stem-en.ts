// The Porter2 ("Snowball English") stemmer (snowballstem.org/algorithms/english/stemmer.html),
// transcribed from the reference `english.sbl`. Works on lower-case a–z words; a `y` that acts as
// a consonant is written `Y` while stemming.

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
const DOUBLES = new Set(['bb', 'dd', 'ff', 'gg', 'mm', 'nn', 'pp', 'rr', 'tt']);
const VALID_LI = new Set(['c', 'd', 'e', 'g', 'h', 'k', 'm', 'n', 'r', 't']);
const REGION_PREFIXES = ['gener', 'commun', 'arsen'];

/** Whole words the algorithm leaves alone or stems by hand. */
const EXCEPTIONS: ReadonlyMap<string, string> = new Map([
  ['skis', 'ski'],
  ['skies', 'sky'],
  ['dying', 'die'],
  ['lying', 'lie'],
  ['tying', 'tie'],
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
/** Words that, after step 1a, are left as they are. */
const EXCEPTIONS_AFTER_1A = new Set(
  ['inning', 'outing', 'canning', 'herring', 'earring', 'evening'].concat([
    'proceed',
    'exceed',
    'succeed',
  ]),
);

const STEP2: ReadonlyArray<readonly [string, string]> = [
  ['ization', 'ize'],
  ['ational', 'ate'],
  ['fulness', 'ful'],
  ['ousness', 'ous'],
  ['iveness', 'ive'],
  ['tional', 'tion'],
  ['biliti', 'ble'],
  ['lessli', 'less'],
  ['entli', 'ent'],
  ['ation', 'ate'],
  ['alism', 'al'],
  ['aliti', 'al'],
  ['ousli', 'ous'],
  ['iviti', 'ive'],
  ['fulli', 'ful'],
  ['enci', 'ence'],
  ['anci', 'ance'],
  ['abli', 'able'],
  ['izer', 'ize'],
  ['ator', 'ate'],
  ['alli', 'al'],
  ['bli', 'ble'],
  ['ogi', 'og'],
  ['li', ''],
];
const STEP3: ReadonlyArray<readonly [string, string]> = [
  ['ational', 'ate'],
  ['tional', 'tion'],
  ['alize', 'al'],
  ['icate', 'ic'],
  ['iciti', 'ic'],
  ['ative', ''],
  ['ical', 'ic'],
  ['ness', ''],
  ['ful', ''],
];
const STEP4 = [
  ...['ement', 'able', 'ible', 'ance', 'ence', 'ment', 'ant', 'ent', 'ism', 'ate', 'iti', 'ous'],
  ...['ive', 'ize', 'ion', 'al', 'er', 'ic'],
];

/**
 * Stems one lower-case English word with Porter2.
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
  let stem = markConsonantY(word);
  const { r1, r2 } = markRegions(stem);
  stem = step1a(stem);
  if (!EXCEPTIONS_AFTER_1A.has(stem)) {
    stem = step1b(stem, r1);
    stem = step1c(stem);
    stem = step2(stem, r1);
    stem = step3(stem, r1, r2);
    stem = step4(stem, r2);
    stem = step5(stem, r1, r2);
  }
  return stem.replaceAll('Y', 'y');
}

// --- Internal helpers ---

function isVowel(char: string): boolean {
  return VOWELS.has(char);
}

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
    while (i < word.length && isVowel(word.charAt(i))) i++;
    return Math.min(i + 1, word.length);
  };
  const prefix = REGION_PREFIXES.find((candidate) => word.startsWith(candidate));
  const r1 = prefix === undefined ? afterVowelThenConsonant(0) : prefix.length;
  return { r1, r2: afterVowelThenConsonant(r1) };
}

/** Whether a short syllable ends at `end` (CVC with the last not w/x/Y, or word-initial VC). */
function endsWithShortSyllable(word: string, end: number): boolean {
  const last = word.charAt(end - 1);
  const middle = word.charAt(end - 2);
  if (end < 2 || isVowel(last) || !isVowel(middle)) return false;
  if (end === 2) return true;
  const first = word.charAt(end - 3);
  return !isVowel(first) && last !== 'w' && last !== 'x' && last !== 'Y';
}

function step1a(word: string): string {
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ied') || word.endsWith('ies')) {
    return word.slice(0, -3) + (word.length > 4 ? 'i' : 'ie');
  }
  if (word.endsWith('us') || word.endsWith('ss') || !word.endsWith('s')) return word;
  // Plural `s` goes only if a vowel comes earlier than the letter just before it ("gas" stays).
  return hasVowel(word, 0, word.length - 2) ? word.slice(0, -1) : word;
}

function step1b(word: string, r1: number): string {
  const eed = ['eedly', 'eed'].find((suffix) => word.endsWith(suffix));
  if (eed !== undefined) {
    return word.length - eed.length >= r1 ? `${word.slice(0, -eed.length)}ee` : word;
  }
  const suffix = ['ingly', 'edly', 'ing', 'ed'].find((candidate) => word.endsWith(candidate));
  if (suffix === undefined || !hasVowel(word, 0, word.length - suffix.length)) return word;
  const stem = word.slice(0, -suffix.length);
  const ending = stem.slice(-2);
  if (ending === 'at' || ending === 'bl' || ending === 'iz') return `${stem}e`;
  if (DOUBLES.has(ending)) {
    // "added", "egged": a double after a lone initial a/e/o stays.
    const keepsDouble = stem.length === 3 && 'aeo'.includes(stem.charAt(0));
    return keepsDouble ? stem : stem.slice(0, -1);
  }
  return stem.length === r1 && endsWithShortSyllable(stem, stem.length) ? `${stem}e` : stem;
}

function step1c(word: string): string {
  const last = word.charAt(word.length - 1);
  if ((last !== 'y' && last !== 'Y') || word.length < 3) return word;
  return isVowel(word.charAt(word.length - 2)) ? word : `${word.slice(0, -1)}i`;
}

function step2(word: string, r1: number): string {
  const rule = STEP2.find(([suffix]) => word.endsWith(suffix));
  if (rule === undefined) return word;
  const [suffix, replacement] = rule;
  const start = word.length - suffix.length;
  if (start < r1) return word;
  const before = word.charAt(start - 1);
  if (suffix === 'ogi' && before !== 'l') return word;
  if (suffix === 'li' && !VALID_LI.has(before)) return word;
  return word.slice(0, start) + replacement;
}

function step3(word: string, r1: number, r2: number): string {
  const rule = STEP3.find(([suffix]) => word.endsWith(suffix));
  if (rule === undefined) return word;
  const [suffix, replacement] = rule;
  const start = word.length - suffix.length;
  if (start < r1 || (suffix === 'ative' && start < r2)) return word;
  return word.slice(0, start) + replacement;
}

function step4(word: string, r2: number): string {
  const suffix = STEP4.find((candidate) => word.endsWith(candidate));
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

/** Whether `word[from, to)` contains a vowel. */
function hasVowel(word: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isVowel(word.charAt(i))) return true;
  return false;
}
