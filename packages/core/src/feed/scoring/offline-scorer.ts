import { AnonboardError } from '../../errors.js';
import type { Score, ScoreContext, Scorer } from '../../ports/scorer.js';
import { normalizeText, tokenize } from '../text/normalize.js';
import { stems, stemWord } from '../text/stem.js';

/** How much each feature moves the score; a text with none of them scores `base`. */
export interface OfflineScorerWeights {
  /** Score of a text without any feature. */
  readonly base: number;
  /** Urgency words: «срочно», «внимание», "urgent", "asap"… */
  readonly urgency: number;
  /** Meetings and events: «собрание», «встреча», "meeting"… */
  readonly meeting: number;
  /** A time, a date, a weekday, «завтра», "tomorrow"… */
  readonly dateTime: number;
  /** Words of the feed's topic (`context.topic`). */
  readonly topic: number;
  /** Sales and ads: «продам», «скидка», «₽», "sale"… Negative: it lowers the score. */
  readonly sales: number;
}

/** Weights that put "СРОЧНО: собрание" at 0.9, "Встреча в 15:00" at 0.7, "Продам гараж" at 0.2. */
export const defaultOfflineScorerWeights: OfflineScorerWeights = {
  base: 0.3,
  urgency: 0.35,
  meeting: 0.25,
  dateTime: 0.15,
  topic: 0.1,
  sales: -0.1,
};

/** Options of `createOfflineScorer`. */
export interface OfflineScorerOptions {
  readonly weights?: Partial<OfflineScorerWeights>;
}

/**
 * A scorer without network or model: rule-based features (urgency, meetings, dates and times,
 * the feed's topic, sales) found in the stemmed words and the raw text, added to a base score
 * and clamped to [0, 1]. The reason lists the features in Russian. Deterministic.
 *
 * ```ts
 * const scorer = createOfflineScorer();
 * await scorer.score('СРОЧНО: собрание', { signal: AbortSignal.timeout(1000) });
 * // { score: 0.9, reason: 'срочность; встреча/собрание' }
 * ```
 */
export function createOfflineScorer(options: OfflineScorerOptions = {}): Scorer {
  const weights = resolveWeights(options.weights ?? {});
  return {
    name: 'offline',
    async score(text: string, context: ScoreContext): Promise<Score> {
      context.signal.throwIfAborted();
      const features = detectFeatures(text, context.topic);
      if (features === undefined) return { score: 0, reason: 'пустой текст' };
      const total = features.reduce((sum, feature) => sum + weights[feature], weights.base);
      const score = Math.round(Math.min(1, Math.max(0, total)) * 1000) / 1000;
      const reason =
        features.length === 0
          ? 'без признаков важности'
          : features.map((feature) => FEATURE_LABELS[feature]).join('; ');
      return { score, reason };
    },
  };
}

// --- Internal helpers ---

type Feature = Exclude<keyof OfflineScorerWeights, 'base'>;

/** In the order they are listed in a reason. */
const FEATURES: readonly Feature[] = ['urgency', 'meeting', 'dateTime', 'topic', 'sales'];

const FEATURE_LABELS: Readonly<Record<Feature, string>> = {
  urgency: 'срочность',
  meeting: 'встреча/собрание',
  dateTime: 'дата/время',
  topic: 'по теме',
  sales: 'продажа/реклама',
};

/** Features of `text` in label order, or `undefined` when it has no words at all. */
function detectFeatures(text: string, topic: string | undefined): Feature[] | undefined {
  const words = tokenize(text);
  if (words.length === 0) return undefined;
  const textStems = new Set(words.map(stemWord));
  const hasAny = (vocabulary: ReadonlySet<string>) => {
    for (const stem of textStems) if (vocabulary.has(stem)) return true;
    return false;
  };
  const normalized = normalizeText(text);
  const found: Record<Feature, boolean> = {
    urgency: hasAny(URGENCY),
    meeting: hasAny(MEETING),
    dateTime:
      hasAny(DATE_WORDS) ||
      words.some((word) => WEEKDAY_FORMS.has(word)) ||
      TIME_PATTERNS.some((pattern) => pattern.test(normalized)),
    topic: topic !== undefined && topicStems(topic).some((s) => textStems.has(s)),
    sales: hasAny(SALES) || CURRENCY_SIGNS.test(text),
  };
  return FEATURES.filter((feature) => found[feature]);
}

/** Content words of the topic: short ones are prepositions and conjunctions. */
function topicStems(topic: string): string[] {
  return stems(topic).filter((stem) => stem.length >= 3);
}

function stemsOf(words: readonly string[]): ReadonlySet<string> {
  return new Set(words.flatMap((word) => stems(word)));
}

function resolveWeights(overrides: Partial<OfflineScorerWeights>): OfflineScorerWeights {
  const weights = { ...defaultOfflineScorerWeights, ...overrides };
  for (const [name, value] of Object.entries(weights)) {
    if (!Number.isFinite(value)) {
      throw new AnonboardError(
        'invalid_input',
        `[offline-scorer] weight "${name}" must be a finite number`,
        { weight: name },
      );
    }
  }
  return weights;
}

const URGENCY = stemsOf([
  ...['срочно', 'срочный', 'срочная', 'немедленно', 'важно', 'важный', 'внимание', 'экстренно'],
  ...['экстренный', 'тревога', 'безотлагательно'],
  ...['urgent', 'urgently', 'asap', 'important', 'emergency', 'immediately', 'attention'],
  ...['alert'],
]);

const MEETING = stemsOf([
  ...['собрание', 'встреча', 'совещание', 'заседание', 'митинг', 'сбор', 'сходка', 'планерка'],
  ...['конференция', 'мероприятие', 'семинар', 'лекция', 'вебинар', 'собираемся', 'соберемся'],
  ...['meeting', 'meetup', 'assembly', 'event', 'conference', 'gathering', 'webinar'],
  ...['seminar', 'rally'],
]);

const DATE_WORDS = stemsOf([
  ...['сегодня', 'завтра', 'послезавтра', 'понедельник', 'вторник', 'четверг', 'пятница'],
  ...['суббота', 'воскресенье', 'январь', 'января', 'февраль', 'февраля', 'марта', 'апреля'],
  ...['мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря', 'часов'],
  ...['today', 'tomorrow', 'tonight', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
  ...['saturday', 'sunday', 'january', 'february', 'march', 'april', 'june', 'july', 'august'],
  ...['september', 'october', 'november', 'december', 'noon', 'midnight'],
]);
// «среда» shares its stem with «среди» ("among"), so its forms are matched as whole words.
const WEEKDAY_FORMS = new Set(['среда', 'среду', 'среды', 'средой']);

const TIME_PATTERNS = [
  // 15:00, 9.30 — hours and minutes.
  /(?<!\d)(?:[01]?\d|2[0-3])[:.][0-5]\d(?!\d)/,
  // 21.11, 01/05/2026 — day and two-digit month.
  /(?<!\d)(?:0?[1-9]|[12]\d|3[01])[./](?:0[1-9]|1[0-2])(?!\d)/,
  // 3 pm, 10am.
  /(?<!\d)(?:1[0-2]|0?[1-9]) ?[ap]m\b/,
];

const SALES = stemsOf([
  ...['продам', 'продаю', 'продается', 'продажа', 'куплю', 'покупка', 'скидка', 'скидки', 'цена'],
  ...['стоимость', 'руб', 'рублей', 'акция', 'распродажа', 'недорого', 'дешево', 'доставка'],
  ...['sale', 'sell', 'selling', 'buy', 'discount', 'price', 'offer', 'cheap', 'usd'],
]);
const CURRENCY_SIGNS = /[₽$€]/;
