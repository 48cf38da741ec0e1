// Combining marks (stress accents, the dot of a lower-cased `İ`) and invisible characters that
// would otherwise split or disguise a word: soft hyphen, zero-width space and joiners, BOM.
const INVISIBLE = /[\p{M}\u00AD\u200B-\u200D\u2060\uFEFF]/gu;
// A word is a maximal run of letters and digits; a single character class keeps matching linear.
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Folds text for comparison: Unicode NFC, locale-independent lower case, `ё` → `е`, combining marks
 * and soft hyphens removed. NFC comes first so that `й` and `ё` typed as letter + mark survive as
 * letters instead of losing their mark.
 *
 * ```ts
 * normalizeText('СОБРА́НИЕ Ёлки'); // 'собрание елки'
 * ```
 */
export function normalizeText(text: string): string {
  return text.normalize('NFC').toLowerCase().replaceAll('ё', 'е').replace(INVISIBLE, '');
}

/**
 * Splits text into normalised words: runs of Unicode letters and digits; everything else
 * separates. Linear in the length of the text.
 *
 * ```ts
 * tokenize('Встреча в 15:00!'); // ['встреча', 'в', '15', '00']
 * ```
 */
export function tokenize(text: string): string[] {
  return normalizeText(text).match(WORD) ?? [];
}
