import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** One of Snowball's test vocabularies: every word with its reference stem (see fixtures/snowball). */
export function snowballVocabulary(language: 'russian' | 'english'): Array<[string, string]> {
  const url = new URL(`./fixtures/snowball/${language}.tsv.gz`, import.meta.url);
  return gunzipSync(readFileSync(url))
    .toString('utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [word = '', stem = ''] = line.split('\t');
      return [word, stem];
    });
}

/** The words a stemmer stems differently from the reference, as `word → got (want)`. */
export function disagreements(
  vocabulary: ReadonlyArray<readonly [string, string]>,
  stem: (word: string) => string,
): string[] {
  return vocabulary.flatMap(([word, want]) => {
    const got = stem(word);
    return got === want ? [] : [`${word} → ${got} (want ${want})`];
  });
}
