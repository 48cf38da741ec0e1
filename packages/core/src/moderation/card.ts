import type { Locale } from '../ids.js';
import type { Texts } from '../texts/texts.js';
import type { ModerationItem } from './item.js';

const formatTime = (at: number, locale: Locale, timeZone = 'UTC') =>
  new Date(at).toLocaleString(locale === 'ru' ? 'ru-RU' : 'en-GB', {
    timeZone,
    dateStyle: 'short',
    timeStyle: 'short',
  });

/**
 * The admin's card of an item. Content items: kind, source, score (or "not scored"), time, text.
 * Reports: the chat, the reason and the last messages labelled by role, never by person.
 */
export function renderCard(texts: Texts, item: ModerationItem, locale: Locale): string {
  const origin = item.origin;
  const time = formatTime(item.createdAt, locale);
  if (origin.kind === 'report') {
    const evidence =
      origin.evidence.length === 0
        ? texts.render('report.noEvidence', undefined, locale)
        : origin.evidence
            .map(
              (line) =>
                `${texts.render(`report.side.${line.side}`, undefined, locale)}: ${line.summary}`,
            )
            .join('\n');
    return texts.render(
      'report.card',
      { chat: origin.chatLabel, reason: item.text, time, evidence },
      locale,
    );
  }
  const kind = texts.render(`feed.kind.${origin.kind}`, undefined, locale);
  const source = origin.kind === 'suggestion' ? '' : ` · ${origin.sourceTitle}`;
  // Suggestions are not scored; a monitored item without a score is in manual review.
  const scoreLine =
    item.score === null
      ? origin.kind === 'suggestion'
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
  return texts.render('feed.card', { kind, source, scoreLine, time, text: item.text }, locale);
}

/** The card after a decision: the same card with the outcome under it. */
export function renderDecidedCard(texts: Texts, item: ModerationItem, locale: Locale): string {
  const card = renderCard(texts, item, locale);
  const decision = (() => {
    switch (item.status) {
      case 'rejected':
        return texts.render(
          'feed.decision.rejected',
          { reason: item.reason === null ? '' : `: ${item.reason}` },
          locale,
        );
      case 'approved':
      case 'published':
      case 'expired':
        return texts.render(`feed.decision.${item.status}`, undefined, locale);
      case 'resolved':
        return texts.render(`report.decision.${item.outcome}`, undefined, locale);
      default:
        return '';
    }
  })();
  return texts.render('feed.card.decided', { card, decision }, locale);
}

/** The channel post of a content item: its text, with its source when it has one. No author, ever. */
export function renderPost(texts: Texts, item: ModerationItem): string {
  const origin = item.origin;
  if (origin.kind === 'monitored' || origin.kind === 'forwarded') {
    return texts.render('feed.post.withSource', { text: item.text, source: origin.sourceTitle });
  }
  return texts.render('feed.post', { text: item.text });
}
