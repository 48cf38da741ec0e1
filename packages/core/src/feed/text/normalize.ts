import { foldConfusables } from './confusables.js';

// Combining marks (stress accents, the dot of a lower-cased `İ`) and invisible format characters
// that would otherwise split or disguise a word: soft hyphen, zero-width space and joiners,
// direction marks, BOM.
const INVISIBLE = /[\p{M}\p{Cf}]/gu;
// A word is a maximal run of letters and digits; a single character class keeps matching linear.
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Folds text for comparison: Unicode NFKC (full-width letters and digits, ligatures such as `ﬁ`,
 * superscripts become plain ones), locale-independent lower case, `ё` → `е`, combining marks and
 * invisible characters removed. Composition comes first so that `й` and `ё` typed as letter +
 * mark survive as letters instead of losing their mark.
 *
 * ```ts
 * normalizeText('СОБРА́НИЕ Ёлки'); // 'собрание елки'
 * normalizeText('ＳＯＳ １５:００'); // 'sos 15:00'
 * ```
 */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replaceAll('ё', 'е').replace(INVISIBLE, '');
}

/**
 * Splits text into normalised words: runs of Unicode letters and digits; everything else
 * separates. A word that mixes look-alike Latin and Cyrillic letters is written in one script
 * (see {@link foldConfusables}). Linear in the length of the text.
 *
 * ```ts
 * tokenize('Встреча в 15:00!'); // ['встреча', 'в', '15', '00']
 * tokenize('Cрочно'); // ['срочно'] (the first letter was a Latin C)
 * ```
 */
export function tokenize(text: string): string[] {
  return (normalizeText(text).match(WORD) ?? []).map(foldConfusables);
}
