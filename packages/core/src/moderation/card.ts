import type { Locale } from '../ids.js';
import type { Texts } from '../texts/texts.js';
import type { ModerationItem } from './item.js';

/** The admin's card of an item: kind, source, score (or "not scored"), time and text. */
export function renderCard(
  texts: Texts,
  item: ModerationItem,
  locale: Locale,
  timeZone = 'UTC',
): string {
  const kind = texts.render(`feed.kind.${item.origin.kind}`, undefined, locale);
  const source = item.origin.kind === 'suggestion' ? '' : ` · ${item.origin.sourceTitle}`;
  // Suggestions are not scored; a monitored item without a score is in manual review.
  const scoreLine =
    item.score === null
      ? item.origin.kind === 'suggestion'
        ? ''
        : `${texts.render('feed.notScored', { reason: 'scorer failed' }, locale)}\n`
      : `${texts.render(
          'feed.score',
          {
            score: item.score.value.toFixed(2),
            scorer: item.score.scorer,
            reason: item.score.reason,
          },
          locale,
        )}\n`;
  const time = new Date(item.createdAt).toLocaleString(locale === 'ru' ? 'ru-RU' : 'en-GB', {
    timeZone,
    dateStyle: 'short',
    timeStyle: 'short',
  });
  return texts.render('feed.card', { kind, source, scoreLine, time, text: item.text }, locale);
}

/** The card after a decision: the same card with the outcome under it. */
export function renderDecidedCard(texts: Texts, item: ModerationItem, locale: Locale): string {
  const card = renderCard(texts, item, locale);
  const decision =
    item.status === 'rejected'
      ? texts.render(
          'feed.decision.rejected',
          { reason: item.reason === null ? '' : `: ${item.reason}` },
          locale,
        )
      : item.status === 'approved' || item.status === 'published' || item.status === 'expired'
        ? texts.render(`feed.decision.${item.status}`, undefined, locale)
        : '';
  return texts.render('feed.card.decided', { card, decision }, locale);
}

/** The channel post: the item's text, with its source when it has one. No author, ever. */
export function renderPost(texts: Texts, item: ModerationItem): string {
  return item.origin.kind === 'suggestion'
    ? texts.render('feed.post', { text: item.text })
    : texts.render('feed.post.withSource', { text: item.text, source: item.origin.sourceTitle });
}
