import type { ItemMedia } from '../effects.js';
import type { Locale } from '../ids.js';
import { renderFitting, shortenText } from '../texts/fit.js';
import type { Texts } from '../texts/texts.js';
import type { DirectOffer, ModerationItem } from './item.js';

/** How cards are laid out: the platform's length limit and the admins' time zone. */
export interface CardOptions {
  /** The longest message the platform sends (Telegram: 4096). */
  readonly maxLength: number;
  /** IANA time zone the card's time is shown in, with its offset. Default `UTC`. */
  readonly timeZone?: string;
}

/** A rendered card, and whether its text had to be shortened (it then gets a "whole text" button). */
export interface RenderedCard {
  readonly text: string;
  readonly shortened: boolean;
}

/**
 * A time as admins read it, in their time zone with its offset: `04.12.2026, 15:30 (GMT+3)`.
 *
 * ```ts
 * formatCardTime(Date.UTC(2026, 11, 4, 12, 30), 'ru', 'Europe/Moscow'); // '04.12.2026, 15:30 (GMT+3)'
 * ```
 */
export function formatCardTime(at: number, locale: Locale, timeZone = 'UTC'): string {
  const tag = locale === 'ru' ? 'ru-RU' : 'en-GB';
  const time = new Date(at).toLocaleString(tag, {
    timeZone,
    dateStyle: 'short',
    timeStyle: 'short',
  });
  const zone = new Intl.DateTimeFormat(tag, { timeZone, timeZoneName: 'short' })
    .formatToParts(at)
    .find((part) => part.type === 'timeZoneName')?.value;
  return zone === undefined ? time : `${time} (${zone})`;
}

/**
 * The admin's card of an item, within the platform's limit. Content items: kind, source, score
 * (or "not scored"), time, text. Reports: the chat, the reason and the last messages labelled by
 * role, never by person. When the whole does not fit, the item's text (or the report's evidence)
 * is shortened, visibly.
 */
export function renderCard(
  texts: Texts,
  item: ModerationItem,
  locale: Locale,
  options: CardOptions,
): RenderedCard {
  const origin = item.origin;
  const time = formatCardTime(item.createdAt, locale, options.timeZone);
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
    return renderFitting(texts, {
      key: 'report.card',
      params: { chat: origin.chatLabel, reason: item.text, time, evidence },
      locale,
      field: 'evidence',
      limit: options.maxLength,
    });
  }
  const kind = texts.render(
    origin.kind === 'direct' && origin.offer === null
      ? 'feed.kind.directMessage'
      : `feed.kind.${origin.kind}`,
    undefined,
    locale,
  );
  const source =
    origin.kind === 'suggestion'
      ? ''
      : ` · ${origin.kind === 'direct' ? origin.channelTitle : origin.sourceTitle}`;
  // Suggestions are not scored (nor are direct messages queued without the rules); a monitored
  // item without a score is in manual review.
  const scoreLine = `${directLines(texts, item, locale, options.timeZone)}${
    item.score === null
      ? origin.kind === 'suggestion' || (origin.kind === 'direct' && item.review === undefined)
        ? ''
        : `${texts.render(
            'feed.notScored',
            {
              reason: texts.render(
                `feed.review.${item.review?.reason ?? 'failed'}`,
                undefined,
                locale,
              ),
            },
            locale,
          )}\n`
      : `${texts.render(
          'feed.score',
          {
            score: item.score.value.toFixed(2),
            scorer: item.score.scorer,
            reason: item.score.reason,
          },
          locale,
        )}\n${
          // The text seems to instruct the scorer: its score and reason may be the author's.
          item.score.flags?.includes('injection') === true
            ? `${texts.render('feed.score.injection', undefined, locale)}\n`
            : ''
        }`
  }`;
  // An edited item says so under its time: its text and score are the edited message's.
  const edited =
    item.editedAt === undefined
      ? ''
      : `\n${texts.render('feed.edited', { time: formatCardTime(item.editedAt, locale, options.timeZone) }, locale)}`;
  return renderFitting(texts, {
    key: 'feed.card',
    params: {
      kind,
      source,
      scoreLine: `${scoreLine}${mediaLine(texts, item.media, locale)}`,
      time: `${time}${edited}`,
      text: item.text,
    },
    locale,
    field: 'text',
    limit: options.maxLength,
  });
}

/**
 * The line naming an item's media, which is sent right above its card (and its preview):
 * `📎 Выше: фото, видео`; empty without media.
 *
 * ```ts
 * mediaLine(texts, { files: [{ kind: 'photo', fileId: 'a' }] }, 'ru'); // '📎 Выше: фото\n'
 * ```
 */
export function mediaLine(texts: Texts, media: ItemMedia | null, locale: Locale): string {
  if (media === null || media.files.length === 0) return '';
  const kinds = media.files.map((file) =>
    texts.render(`feed.media.${file.kind}`, undefined, locale),
  );
  return `${texts.render('feed.media', { media: kinds.join(', ') }, locale)}\n`;
}

/**
 * A direct message's own lines on its card: the price offered, the time its author asked for, and
 * its attachment's kind when the card does not carry it above (a poll, a sticker…: admins see it in
 * the channel's direct messages).
 */
function directLines(
  texts: Texts,
  item: ModerationItem,
  locale: Locale,
  timeZone?: string,
): string {
  const origin = item.origin;
  if (origin.kind !== 'direct') return '';
  const lines: string[] = [];
  const price = origin.offer?.price ?? null;
  if (price !== null) {
    lines.push(
      texts.render(`direct.price.${price.currency}`, { amount: formatAmount(price) }, locale),
    );
  }
  const sendAt = origin.offer?.sendAt ?? null;
  if (sendAt !== null) {
    lines.push(
      texts.render('direct.sendAt', { time: formatCardTime(sendAt, locale, timeZone) }, locale),
    );
  }
  // Media the card carries above it is named by its own line; other kinds only by this one.
  if (origin.mediaKind !== null && item.media === null) {
    lines.push(texts.render('direct.media', { media: origin.mediaKind }, locale));
  }
  return lines.map((line) => `${line}\n`).join('');
}

/**
 * A price as people read it: Stars as they are, TON from nanotons.
 *
 * ```ts
 * formatAmount({ currency: 'TON', amount: 1_500_000_000 }); // '1.5'
 * ```
 */
export function formatAmount(price: NonNullable<DirectOffer['price']>): string {
  if (price.currency === 'XTR') return String(price.amount);
  const whole = Math.floor(price.amount / 1e9);
  const fraction = String(price.amount % 1e9)
    .padStart(9, '0')
    .replace(/0+$/, '');
  return fraction === '' ? String(whole) : `${whole}.${fraction}`;
}

/**
 * A price with its unit, for buttons and lists: `100 ⭐`, `1.5 TON`.
 *
 * ```ts
 * formatPrice({ currency: 'XTR', amount: 100 }); // '100 ⭐'
 * ```
 */
export function formatPrice(price: NonNullable<DirectOffer['price']>): string {
  return `${formatAmount(price)} ${price.currency === 'XTR' ? '⭐' : 'TON'}`;
}

/** Longest rejection reason shown on a decided card; the author gets the whole of it. */
const MAX_CARD_REASON = 1000;

/** The card after a decision: the same card (shortened further if need be) with the outcome under it. */
export function renderDecidedCard(
  texts: Texts,
  item: ModerationItem,
  locale: Locale,
  options: CardOptions,
): RenderedCard {
  const decision = (() => {
    if (item.origin.kind === 'direct' && item.origin.offer !== null) {
      // Decided natively: by an admin here (Telegram took it), or in Telegram's own UI.
      const platform = item.status !== 'approved' && 'decidedBy' in item && item.decidedBy === null;
      if (item.status === 'published') {
        return texts.render(
          platform ? 'direct.decision.platformPublished' : 'direct.decision.published',
          undefined,
          locale,
        );
      }
      if (item.status === 'rejected') {
        return texts.render(
          platform ? 'direct.decision.platformRejected' : 'direct.decision.rejected',
          { reason: item.reason === null ? '' : `: ${shortenText(item.reason, MAX_CARD_REASON)}` },
          locale,
        );
      }
    }
    switch (item.status) {
      case 'rejected':
        return texts.render(
          'feed.decision.rejected',
          { reason: item.reason === null ? '' : `: ${shortenText(item.reason, MAX_CARD_REASON)}` },
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
  const frame = texts.render('feed.card.decided', { card: '', decision }, locale).length;
  const card = renderCard(texts, item, locale, {
    ...options,
    maxLength: Math.max(0, options.maxLength - frame),
  });
  return {
    text: texts.render('feed.card.decided', { card: card.text, decision }, locale),
    shortened: card.shortened,
  };
}

/** The channel post of a content item: its text, with its source when it has one. No author, ever. */
export function renderPost(texts: Texts, item: ModerationItem): string {
  const origin = item.origin;
  // A plain message to the channel is published as the channel's own words.
  if (origin.kind === 'monitored' || origin.kind === 'forwarded') {
    return texts.render('feed.post.withSource', { text: item.text, source: origin.sourceTitle });
  }
  return texts.render('feed.post', { text: item.text });
}
