// The Snowball Russian stemmer (snowballstem.org/algorithms/russian/stemmer.html), transcribed
// from the reference `russian.sbl`: every ending is removed only inside RV, longest ending first.
// Checked against Snowball's whole test vocabulary.

const VOWELS = new Set([...'аеиоуыэюя'].map((vowel) => vowel.charCodeAt(0)));

interface Ending {
  readonly text: string;
  /** Counts only after `а` or `я`. */
  readonly afterAOrYa: boolean;
}

/** Endings of one class, grouped by their last letter and longest first, to test only a few. */
type EndingClass = ReadonlyMap<number, readonly Ending[]>;

function endingClass(afterAOrYa: readonly string[], anywhere: readonly string[]): EndingClass {
  const endings = [
    ...afterAOrYa.map((text) => ({ text, afterAOrYa: true })),
    ...anywhere.map((text) => ({ text, afterAOrYa: false })),
  ].sort((a, b) => b.text.length - a.text.length);
  const byLastLetter = new Map<number, Ending[]>();
  for (const ending of endings) {
    const last = ending.text.charCodeAt(ending.text.length - 1);
    byLastLetter.set(last, [...(byLastLetter.get(last) ?? []), ending]);
  }
  return byLastLetter;
}

const PERFECTIVE_GERUND = endingClass(
  ['в', 'вши', 'вшись'],
  ['ив', 'ивши', 'ившись', 'ыв', 'ывши', 'ывшись'],
);
const ADJECTIVE = endingClass(
  [],
  [
    ...['ее', 'ие', 'ые', 'ое', 'ими', 'ыми', 'ей', 'ий', 'ый', 'ой', 'ем', 'им', 'ым', 'ом'],
    ...['его', 'ого', 'ему', 'ому', 'их', 'ых', 'ую', 'юю', 'ая', 'яя', 'ою', 'ею'],
  ],
);
const PARTICIPLE = endingClass(['ем', 'нн', 'вш', 'ющ', 'щ'], ['ивш', 'ывш', 'ующ']);
const REFLEXIVE = endingClass([], ['ся', 'сь']);
const VERB = endingClass(
  [
    ...['ла', 'на', 'ете', 'йте', 'ли', 'й', 'л', 'ем', 'н', 'ло', 'но', 'ет', 'ют', 'ны', 'ть'],
    ...['ешь', 'нно'],
  ],
  [
    ...['ила', 'ыла', 'ена', 'ейте', 'уйте', 'ите', 'или', 'ыли', 'ей', 'уй', 'ил', 'ыл'],
    ...['им', 'ым', 'ен', 'ило', 'ыло', 'ено', 'ят', 'ует', 'уют', 'ит', 'ыт', 'ены', 'ить'],
    ...['ыть', 'ишь', 'ую', 'ю'],
  ],
);
const NOUN = endingClass(
  [],
  [
    ...['а', 'ев', 'ов', 'ие', 'ье', 'е', 'иями', 'ями', 'ами', 'еи', 'ии', 'и', 'ией', 'ей', 'ой'],
    ...['ий', 'й', 'иям', 'ям', 'ием', 'ем', 'ам', 'ом', 'о', 'у', 'ах', 'иях', 'ях', 'ы', 'ь'],
    ...['ию', 'ью', 'ю', 'ия', 'ья', 'я'],
  ],
);
const DERIVATIONAL = endingClass([], ['ост', 'ость']);

/**
 * Stems one lower-case Russian word with the Snowball algorithm: perfective gerund, reflexive,
 * adjectival, verb and noun endings, then `и`, `ост(ь)` in R2, superlative `ейш(е)`, `нн` → `н`
 * and the soft sign. `ё` is read as `е`.
 *
 * ```ts
 * stemRussian('собраниях'); // 'собран'
 * stemRussian('встречей'); // 'встреч'
 * ```
 */
export function stemRussian(word: string): string {
  const folded = word.includes('ё') ? word.replaceAll('ё', 'е') : word;
  const { rv, r2 } = markRegions(folded);
  let stem = removeStep1Ending(folded, rv);
  if (stem.length > rv && stem.endsWith('и')) stem = stem.slice(0, -1);
  stem = removeDerivational(stem, rv, r2);
  return tidyUp(stem, rv);
}

// --- Internal helpers ---

/** RV starts after the first vowel; R2 after vowel, consonant, vowel, consonant. */
function markRegions(word: string): { rv: number; r2: number } {
  const afterVowel = (from: number): number => {
    for (let i = from; i < word.length; i++) if (VOWELS.has(word.charCodeAt(i))) return i + 1;
    return word.length;
  };
  const afterConsonant = (from: number): number => {
    for (let i = from; i < word.length; i++) if (!VOWELS.has(word.charCodeAt(i))) return i + 1;
    return word.length;
  };
  const rv = afterVowel(0);
  const r1 = afterConsonant(rv);
  return { rv, r2: afterConsonant(afterVowel(r1)) };
}

/** Step 1: a perfective gerund, or else an optional reflexive then adjectival, verb or noun. */
function removeStep1Ending(word: string, rv: number): string {
  const withoutGerund = removeEnding(word, rv, PERFECTIVE_GERUND);
  if (withoutGerund !== undefined) return withoutGerund;
  const base = removeEnding(word, rv, REFLEXIVE) ?? word;
  return (
    removeAdjectival(base, rv) ??
    removeEnding(base, rv, VERB) ??
    removeEnding(base, rv, NOUN) ??
    base
  );
}

/** An adjective ending, then optionally a participle suffix before it. */
function removeAdjectival(word: string, rv: number): string | undefined {
  const withoutAdjective = removeEnding(word, rv, ADJECTIVE);
  if (withoutAdjective === undefined) return undefined;
  return removeEnding(withoutAdjective, rv, PARTICIPLE) ?? withoutAdjective;
}

function removeDerivational(word: string, rv: number, r2: number): string {
  const ending = longestEnding(word, rv, DERIVATIONAL);
  if (ending === undefined || word.length - ending.text.length < r2) return word;
  return word.slice(0, word.length - ending.text.length);
}

/** Step 4: superlative `ейш(е)` then `нн` → `н`; or `нн` → `н`; or drop a final `ь`. */
function tidyUp(word: string, rv: number): string {
  const endsInRv = (ending: string, stem: string) =>
    stem.endsWith(ending) && stem.length - ending.length >= rv;
  let stem = word;
  if (endsInRv('ейше', stem)) stem = stem.slice(0, -4);
  else if (endsInRv('ейш', stem)) stem = stem.slice(0, -3);
  else if (endsInRv('ь', stem)) return stem.slice(0, -1);
  return endsInRv('нн', stem) ? stem.slice(0, -1) : stem;
}

/**
 * Removes the longest ending of `endingClass` that lies in RV. As in Snowball, when the longest
 * ending needs a preceding `а`/`я` and lacks it, shorter endings are not tried.
 */
function removeEnding(word: string, rv: number, endings: EndingClass): string | undefined {
  const ending = longestEnding(word, rv, endings);
  if (ending === undefined) return undefined;
  const start = word.length - ending.text.length;
  if (ending.afterAOrYa) {
    const before = word.charAt(start - 1);
    if (start - 1 < rv || (before !== 'а' && before !== 'я')) return undefined;
  }
  return word.slice(0, start);
}

/** The longest ending of the class that the word ends with and that lies in RV. */
function longestEnding(word: string, rv: number, endings: EndingClass): Ending | undefined {
  const room = word.length - rv;
  for (const ending of endings.get(word.charCodeAt(word.length - 1)) ?? []) {
    if (ending.text.length <= room && word.endsWith(ending.text)) return ending;
  }
  return undefined;
}
