// Lower-case letters that look alike across Latin, Cyrillic and Greek, as pairs (Latin, look-alike).
// Upper-case look-alikes (В/B, Н/H, М/M, Т/T, К/K) are here in their lower-case forms, because
// words are lower-cased before they are folded.
const LATIN_LOOKALIKES: ReadonlyArray<readonly [latin: string, others: string]> = [
  ['a', 'аα'],
  ['b', 'вβ'],
  ['c', 'сϲ'],
  ['d', 'ԁ'],
  ['e', 'еε'],
  ['h', 'нһη'],
  ['i', 'іι'],
  ['j', 'ј'],
  ['k', 'кκ'],
  ['m', 'мμ'],
  ['n', 'ν'],
  ['o', 'оο'],
  ['p', 'рρ'],
  ['q', 'ԛ'],
  ['s', 'ѕ'],
  ['t', 'тτ'],
  ['u', 'υ'],
  ['w', 'ԝω'],
  ['x', 'хχ'],
  ['y', 'уγ'],
];

/** Each look-alike letter in the Latin and in the Cyrillic alphabet. */
const TO_LATIN = new Map<string, string>();
const TO_CYRILLIC = new Map<string, string>();
for (const [latin, others] of LATIN_LOOKALIKES) {
  const cyrillic = [...others].find(isCyrillic);
  for (const other of others) TO_LATIN.set(other, latin);
  if (cyrillic === undefined) continue;
  TO_CYRILLIC.set(latin, cyrillic);
  for (const other of others) if (!isCyrillic(other)) TO_CYRILLIC.set(other, cyrillic);
}

/**
 * Undoes a disguise: a lower-case word that mixes Latin, Cyrillic and Greek letters which look
 * alike («cобрание» with a Latin `c`, «mееting» with Cyrillic `е`) is rewritten in the one
 * script that can spell all of it; when both Latin and Cyrillic can, in the one most of its
 * letters are in (Cyrillic on a tie). Words in one script, and words no single script can
 * spell, come back unchanged.
 *
 * ```ts
 * foldConfusables('cобрание'); // 'собрание' (Cyrillic)
 * foldConfusables('mееting'); // 'meeting' (Latin)
 * foldConfusables('собрание'); // unchanged
 * ```
 */
export function foldConfusables(word: string): string {
  let latin = 0;
  let cyrillic = 0;
  let greek = 0;
  for (const char of word) {
    if (isLatin(char)) latin++;
    else if (isCyrillic(char)) cyrillic++;
    else if (isGreek(char)) greek++;
  }
  if (Number(latin > 0) + Number(cyrillic > 0) + Number(greek > 0) < 2) return word;
  const asCyrillic = rewrite(word, TO_CYRILLIC, isCyrillic);
  const asLatin = rewrite(word, TO_LATIN, isLatin);
  if (asCyrillic !== undefined && asLatin !== undefined) {
    return latin > cyrillic ? asLatin : asCyrillic;
  }
  return asCyrillic ?? asLatin ?? word;
}

// --- Internal helpers ---

function isLatin(char: string): boolean {
  return char >= 'a' && char <= 'z';
}

function isGreek(char: string): boolean {
  const code = char.charCodeAt(0);
  return code >= 0x370 && code <= 0x3ff;
}

function isCyrillic(char: string): boolean {
  const code = char.charCodeAt(0);
  return code >= 0x400 && code <= 0x52f;
}

/** The word with every letter in one script, or undefined when some letter has no look-alike. */
function rewrite(
  word: string,
  table: ReadonlyMap<string, string>,
  inScript: (char: string) => boolean,
): string | undefined {
  let result = '';
  for (const char of word) {
    if (inScript(char) || !(isLatin(char) || isCyrillic(char) || isGreek(char))) {
      result += char;
      continue;
    }
    const mapped = table.get(char);
    if (mapped === undefined) return undefined;
    result += mapped;
  }
  return result;
}
