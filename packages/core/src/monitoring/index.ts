export {
  compileMatcher,
  type KeywordMatcher,
  type MatcherSubscription,
} from './matcher.js';
export {
  createOfflineScorer,
  defaultOfflineScorerWeights,
  type OfflineScorerOptions,
  type OfflineScorerWeights,
} from './scoring/offline-scorer.js';
export { normalizeText, tokenize } from './text/normalize.js';
export { stems, stemWord } from './text/stem.js';
export { stemEnglish } from './text/stem-en.js';
export { stemRussian } from './text/stem-ru.js';
