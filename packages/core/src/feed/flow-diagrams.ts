import type { Locale } from '../ids.js';
import type { FeedStats } from './stats.js';

/** The seed's legend: one class per kind of step. */
const legend = `    classDef userAction fill:#e1f5fe,stroke:#01579b,stroke-width:2px,color:#1a1a1a
    classDef botProcess fill:#f3e5f5,stroke:#4a148c,stroke-width:2px,color:#1a1a1a
    classDef aiProcess fill:#fff3e0,stroke:#e65100,stroke-width:2px,color:#1a1a1a
    classDef adminAction fill:#fce4ec,stroke:#880e4f,stroke-width:2px,color:#1a1a1a
    classDef decision fill:#fff9c4,stroke:#f57f17,stroke-width:2px,color:#1a1a1a
    classDef output fill:#e8f5e9,stroke:#1b5e20,stroke-width:2px,color:#1a1a1a`;

/** A text in both of core's languages. */
type Localized = Readonly<Record<Locale, string>>;

/**
 * A step of a flow diagram: its Mermaid id, its kind (the seed's legend), its shape, its label,
 * what it does (shown when an admin taps it) and which live figure belongs to it.
 *
 * ```ts
 * const step: FlowStep = overviewFlow.steps[0];
 * ```
 */
export interface FlowStep {
  readonly id: string;
  readonly kind:
    | 'userAction'
    | 'botProcess'
    | 'aiProcess'
    | 'adminAction'
    | 'decision'
    | 'output'
    | null;
  readonly shape: 'box' | 'diamond';
  /** The block's text; `<br/>` breaks a line. */
  readonly label: Localized;
  /** A sentence or two on what happens here. */
  readonly about: Localized;
  /** The live figure shown on the block (see {@link OverviewFigures}), if any. */
  readonly figure?: keyof OverviewFigures;
}

/**
 * An arrow of a flow diagram: solid (the main flow), dotted (an alternative), thick (the critical
 * path), link (a dotted line without a head: a note such as an example); a label, and an example
 * of what travels along it.
 *
 * ```ts
 * const arrow: FlowArrow = overviewFlow.arrows[0];
 * ```
 */
export interface FlowArrow {
  readonly from: string;
  readonly to: string;
  readonly line: 'solid' | 'dotted' | 'thick' | 'link';
  readonly label?: Localized;
  readonly example: Localized;
}

/**
 * A flow drawn from data, so the same diagram serves the docs, the bot's `/stats` and the admin
 * Mini App (where its steps and arrows are clickable).
 *
 * ```ts
 * console.log(flowToMermaid(overviewFlow, { locale: 'en' }));
 * ```
 */
export interface Flow {
  readonly name: string;
  readonly title: Localized;
  readonly steps: readonly FlowStep[];
  readonly arrows: readonly FlowArrow[];
}

/**
 * The overview's live figures: shares filtered, decision times, share approved.
 *
 * ```ts
 * const figures: OverviewFigures = { filteredByKeywords: 0.6, filteredByScore: 0.8, medianMs: 600_000, p90Ms: 1_800_000, approved: 0.9 };
 * ```
 */
export interface OverviewFigures {
  readonly filteredByKeywords: number;
  readonly filteredByScore: number;
  readonly medianMs: number | null;
  readonly p90Ms: number | null;
  readonly approved: number;
}

export const box = (
  id: string,
  kind: FlowStep['kind'],
  ru: string,
  en: string,
  about: Localized,
  figure?: keyof OverviewFigures,
): FlowStep => ({
  id,
  kind,
  shape: 'box',
  label: { ru, en },
  about,
  ...(figure ? { figure } : {}),
});
export const diamond = (
  id: string,
  ru: string,
  en: string,
  about: Localized,
  figure?: keyof OverviewFigures,
): FlowStep => ({
  id,
  kind: 'decision',
  shape: 'diamond',
  label: { ru, en },
  about,
  ...(figure ? { figure } : {}),
});
export const arrow = (
  from: string,
  to: string,
  line: FlowArrow['line'],
  example: Localized,
  label?: Localized,
): FlowArrow => ({ from, to, line, example, ...(label ? { label } : {}) });

export const yes = { ru: 'Да', en: 'Yes' };
export const no = { ru: 'Нет', en: 'No' };

/**
 * The overview of the seed, with a fourth input: three inputs of the seed and the channel's own
 * direct messages → the processor → moderation (native decisions for posts suggested in the
 * channel's direct messages) → the channel and people told, with what each step does and an
 * example on each arrow.
 *
 * ```ts
 * overviewFlow.steps.map((step) => step.id); // ['Channel', 'UserPost', 'Forward', 'Userbot', …]
 * ```
 */
export const overviewFlow: Flow = {
  name: 'overview',
  title: {
    ru: 'Мониторинг, предложения, модерация — общая схема',
    en: 'Monitoring, suggestions, moderation — overview',
  },
  steps: [
    box('Channel', 'userAction', '📱 Каналы/Чаты', '📱 Channels/Chats', {
      ru: 'Каналы и чаты, которые читает userbot: их добавляют командой /addsource.',
      en: 'The channels and chats the userbot reads; people add them with /addsource.',
    }),
    box('UserPost', 'userAction', '👤 Предложение поста', '👤 Suggested post', {
      ru: 'Человек пишет боту /suggest, видит предпросмотр и подтверждает: пост сразу идёт в очередь, без фильтров.',
      en: 'A person sends /suggest, sees a preview and confirms: the post goes straight to the queue, unfiltered.',
    }),
    box('Forward', 'userAction', '📤 Пересланное сообщение', '📤 Forwarded message', {
      ru: 'Сообщение, пересланное боту из канала: обрабатывается как пост userbot’а, если канал отслеживается.',
      en: 'A message forwarded to the bot from a channel: handled like the userbot’s when the channel is watched.',
    }),
    box(
      'DirectPost',
      'userAction',
      '💬 Предложка в ЛС<br/>канала в Telegram',
      '💬 Suggested in the<br/>channel’s Telegram DMs',
      {
        ru: 'Человек предлагает пост прямо в личных сообщениях канала (Telegram), возможно за Stars или TON и к своему времени. Бот ставит его в очередь сразу (режим queue) или после тех же фильтров, что у источников (режим score). Имени автора на карточке нет.',
        en: 'A person suggests a post in the channel’s own direct messages (Telegram), perhaps for Stars or TON and for a time of their choosing. The bot queues it at once (mode queue) or after the sources’ filters (mode score). Cards never name the author.',
      },
    ),
    box('Userbot', 'botProcess', '🤖 Userbot мониторинг', '🤖 Userbot monitoring', {
      ru: 'Аккаунт-userbot получает новые сообщения источников и правки; повторы и репосты отбрасываются.',
      en: 'The userbot account receives new messages and edits of the sources; repeats and reposts are dropped.',
    }),
    diamond('CheckMonitored', 'Источник<br/>отслеживается?', 'Source<br/>watched?', {
      ru: 'Только сообщения из добавленных источников идут дальше.',
      en: 'Only messages from added sources go on.',
    }),
    box(
      'Keywords',
      'botProcess',
      '🔍 Фильтр по<br/>ключевым словам',
      '🔍 Keyword<br/>filter',
      {
        ru: 'Один общий фильтр по словам всех подписок (без учёта регистра и ё/е, с основами слов). Без совпадений сообщение дальше не идёт.',
        en: 'One matcher over every subscription’s keywords (case- and ё/е-insensitive, with word stems). Without a match the message stops here.',
      },
      'filteredByKeywords',
    ),
    box(
      'AIAnalysis',
      'aiProcess',
      '🧠 Оценка важности<br/>0..1',
      '🧠 Importance<br/>score 0..1',
      {
        ru: 'Скорер (офлайн, GigaChat или OpenAI-совместимый) оценивает важность один раз на текст; ошибка или тайм-аут — ручная проверка.',
        en: 'The scorer (offline, GigaChat or OpenAI-compatible) scores a text once; an error or a timeout sends it to manual review.',
      },
      'filteredByScore',
    ),
    diamond('ScoreCheck', 'Оценка выше<br/>порога?', 'Score above<br/>threshold?', {
      ru: 'Оценка сравнивается с порогом каждой заинтересованной подписки (/threshold; иначе порог ленты).',
      en: 'The score is compared with each interested subscription’s threshold (/threshold; else the feed’s).',
    }),
    box('Queue', 'adminAction', '📋 Очередь<br/>модерации', '📋 Moderation<br/>queue', {
      ru: 'Один элемент на сообщение, с теми, кому оно интересно; каждому администратору — карточка.',
      en: 'One item per message, remembering who is interested; each admin gets a card.',
    }),
    box(
      'AdminReview',
      'adminAction',
      '👮 Проверка<br/>администратором',
      '👮 Admin<br/>review',
      {
        ru: 'Администратор видит текст, источник, оценку с причиной и время — в карточке бота или здесь, в очереди.',
        en: 'An admin sees the text, source, score with its reason and time — on the bot’s card or here in the queue.',
      },
      'medianMs',
    ),
    diamond(
      'AdminDecision',
      'Решение<br/>админа',
      'Admin’s<br/>decision',
      {
        ru: 'Первый нажавший решает: остальные видят «уже решено». Отказ — с причиной или без.',
        en: 'Whoever presses first decides; the others see “already handled”. A rejection has a reason or none.',
      },
      'approved',
    ),
    box('Format', 'botProcess', '📝 Форматирование<br/>поста', '📝 Post<br/>formatting', {
      ru: 'Пост собирается из текста и названия источника — без автора.',
      en: 'The post is the text and the source’s title — never the author.',
    }),
    box('Publish', 'output', '📢 Публикация<br/>в канале', '📢 Published<br/>in the channel', {
      ru: 'Пост (с вложениями предложения) уходит в канал; доставку повторяют при сбоях.',
      en: 'The post (with a suggestion’s attachments) goes to the channel; delivery is retried on failures.',
    }),
    box(
      'Native',
      'botProcess',
      '🔁 Решение в Telegram:<br/>approve/declineSuggestedPost',
      '🔁 Decided in Telegram:<br/>approve/declineSuggestedPost',
      {
        ru: 'Предложку из ЛС канала решает сам Telegram: одобренную публикует (сейчас или в выбранное время) и сообщает автору; при отказе автор видит причину (до 128 символов). Платную одобряет только нажатие админа на карточке с её ценой.',
        en: 'A post suggested in the channel’s DMs is decided by Telegram itself: an approved one is published (now or at the chosen time) and its author told; a declined one’s author sees the reason (up to 128 characters). A paid one is approved only by an admin’s press on a card showing its price.',
      },
    ),
    box(
      'TelegramUI',
      'adminAction',
      '📱 Решение в интерфейсе<br/>Telegram',
      '📱 Decided in<br/>Telegram’s UI',
      {
        ru: 'Админ канала решил прямо в Telegram: служебное сообщение закрывает элемент очереди, и карточки всех админов бота обновляются.',
        en: 'A channel admin decided in Telegram itself: the service message settles the queue item and every admin’s card in the bot is revised.',
      },
    ),
    box('Notify', 'output', '🔔 Уведомление<br/>пользователя', '🔔 People<br/>told', {
      ru: 'Автор узнаёт о публикации или отказе (с причиной); подписчики — о новости по их словам.',
      en: 'The author hears of publication or rejection (with the reason); subscribers of news matching their keywords.',
    }),
    box('End', null, 'Конец', 'End', {
      ru: 'Сообщение дальше не идёт; оно учтено в статистике.',
      en: 'The message goes no further; it is counted in the statistics.',
    }),
  ],
  arrows: [
    arrow('Channel', 'Userbot', 'solid', {
      ru: '«Городской чат»: «СРОЧНО: собрание в 19:00»',
      en: '“City chat”: “URGENT: meeting at 19:00”',
    }),
    arrow('Userbot', 'CheckMonitored', 'solid', {
      ru: 'источник −1001…, сообщение №812',
      en: 'source −1001…, message #812',
    }),
    arrow('Forward', 'CheckMonitored', 'solid', {
      ru: 'пересланный пост из «Торговый центр»',
      en: 'a post forwarded from “Mall deals”',
    }),
    arrow(
      'UserPost',
      'Queue',
      'solid',
      { ru: '«Бесплатный ремонт велосипедов в субботу»', en: '“Free bicycle repair on Saturday”' },
      { ru: 'Подтвердить', en: 'Confirm' },
    ),
    arrow(
      'DirectPost',
      'Queue',
      'solid',
      { ru: '«Мост открыли после ремонта» · 💰 100 ⭐', en: '“The bridge reopens” · 💰 100 ⭐' },
      { ru: 'режим queue', en: 'mode queue' },
    ),
    arrow(
      'DirectPost',
      'Keywords',
      'dotted',
      {
        ru: '«СРОЧНО: собрание жильцов» — проверка как у источников',
        en: '“URGENT: residents’ meeting” — checked like a source’s',
      },
      { ru: 'режим score', en: 'mode score' },
    ),
    arrow(
      'CheckMonitored',
      'Keywords',
      'solid',
      { ru: '«Городской чат» отслеживается', en: '“City chat” is watched' },
      yes,
    ),
    arrow(
      'CheckMonitored',
      'End',
      'dotted',
      { ru: '«Торговый центр» не отслеживается', en: '“Mall deals” is not watched' },
      no,
    ),
    arrow('Keywords', 'AIAnalysis', 'solid', {
      ru: 'совпало «собрание» (подписка на «собрание, вода»)',
      en: 'matched “meeting” (a subscription to “meeting, water”)',
    }),
    arrow('AIAnalysis', 'ScoreCheck', 'solid', {
      ru: '«СРОЧНО: собрание» → 0.9 · «Встреча в 15:00» → 0.7 · «Продам гараж» → 0.2',
      en: '“URGENT: meeting” → 0.9 · “Meeting at 15:00” → 0.7 · “Garage for sale” → 0.2',
    }),
    arrow(
      'ScoreCheck',
      'Queue',
      'thick',
      { ru: '0.9 ≥ порог 0.6', en: '0.9 ≥ threshold 0.6' },
      yes,
    ),
    arrow(
      'ScoreCheck',
      'End',
      'dotted',
      { ru: '«Продам гараж»: 0.2 < 0.5', en: '“Garage for sale”: 0.2 < 0.5' },
      no,
    ),
    arrow(
      'AIAnalysis',
      'Queue',
      'dotted',
      {
        ru: 'GigaChat не ответил за 15 с → «не оценено»',
        en: 'GigaChat did not answer in 15 s → “not scored”',
      },
      { ru: 'ошибка, тайм-аут:<br/>ручная проверка', en: 'error, timeout:<br/>manual review' },
    ),
    arrow('Queue', 'AdminReview', 'solid', {
      ru: 'карточка: 📡 Мониторинг · Городской чат · 🧠 0.90',
      en: 'a card: 📡 Monitoring · City chat · 🧠 0.90',
    }),
    arrow('AdminReview', 'AdminDecision', 'solid', {
      ru: 'через 12 минут после постановки в очередь',
      en: '12 minutes after it was queued',
    }),
    arrow(
      'AdminDecision',
      'Format',
      'thick',
      { ru: '✅ Одобрить', en: '✅ Approve' },
      { ru: 'Одобрить', en: 'Approve' },
    ),
    arrow(
      'AdminDecision',
      'Notify',
      'solid',
      { ru: '❌ «Не по теме канала»', en: '❌ “Off-topic for the channel”' },
      { ru: 'Отклонить', en: 'Reject' },
    ),
    arrow(
      'AdminDecision',
      'Native',
      'solid',
      {
        ru: '✅ Одобрить за 100 ⭐ → approveSuggestedPost; ❌ «Не по теме» → declineSuggestedPost',
        en: '✅ Approve for 100 ⭐ → approveSuggestedPost; ❌ “Off-topic” → declineSuggestedPost',
      },
      { ru: 'предложка из ЛС', en: 'suggested in DMs' },
    ),
    arrow('Native', 'Publish', 'solid', {
      ru: 'Telegram публикует пост в канале и сам сообщает автору',
      en: 'Telegram publishes the post in the channel and tells its author itself',
    }),
    arrow(
      'TelegramUI',
      'Queue',
      'dotted',
      {
        ru: 'suggested_post_declined «Не по теме» → карточки: «Отклонено в Telegram»',
        en: 'suggested_post_declined “Off-topic” → cards: “Declined in Telegram”',
      },
      { ru: 'закрывает элемент', en: 'settles the item' },
    ),
    arrow('Format', 'Publish', 'solid', {
      ru: '«СРОЧНО: собрание в 19:00» + «Источник: Городской чат»',
      en: '“URGENT: meeting at 19:00” + “Source: City chat”',
    }),
    arrow('Publish', 'Notify', 'solid', {
      ru: 'автору: «Ваш пост опубликован»; подписчику: новость по «собрание»',
      en: 'the author: “Your post is published”; a subscriber: news on “meeting”',
    }),
  ],
};

const lines: Readonly<Record<FlowArrow['line'], string>> = {
  solid: '-->',
  dotted: '-.->',
  thick: '==>',
  link: '-.-',
};
const percent = (share: number) => `${Math.round(share * 100)}%`;
const minutes = (ms: number | null, locale: Locale) =>
  ms === null ? '—' : `${Math.round(ms / 60_000)} ${locale === 'ru' ? 'мин' : 'min'}`;

/**
 * A live figure as the diagram shows it on its step: "отсеяно 80%", "median 12 min, p90 28 min".
 *
 * ```ts
 * figureText('filteredByScore', figures, 'en'); // 'filtered 80%'
 * ```
 */
export function figureText(
  key: keyof OverviewFigures,
  figures: OverviewFigures,
  locale: Locale,
): string {
  const ru = locale === 'ru';
  switch (key) {
    case 'filteredByKeywords':
    case 'filteredByScore':
      return `${ru ? 'отсеяно' : 'filtered'} ${percent(figures[key])}`;
    case 'medianMs':
    case 'p90Ms':
      return `${ru ? 'медиана' : 'median'} ${minutes(figures.medianMs, locale)}, p90 ${minutes(figures.p90Ms, locale)}`;
    case 'approved':
      return `${ru ? 'одобрено' : 'approved'} ${percent(figures.approved)}`;
    default:
      return key satisfies never;
  }
}

/**
 * Renders a flow as a Mermaid flowchart in the seed's style (its legend's classes), in `locale`,
 * with live figures under the steps that have one when `figures` are given.
 *
 * ```ts
 * const mermaid = flowToMermaid(overviewFlow, { locale: 'ru', figures });
 * ```
 */
export function flowToMermaid(
  flow: Flow,
  options: { readonly locale?: Locale; readonly figures?: OverviewFigures } = {},
): string {
  const locale = options.locale ?? 'ru';
  const steps = flow.steps.map((step) => {
    const figure =
      step.figure === undefined || options.figures === undefined
        ? ''
        : `<br/>${figureText(step.figure, options.figures, locale)}`;
    const text = `${step.label[locale]}${figure}`;
    const shape = step.shape === 'diamond' ? `{${text}}` : `[${text}]`;
    return `    ${step.id}${shape}${step.kind === null ? '' : `:::${step.kind}`}`;
  });
  const arrows = flow.arrows.map(
    (a) =>
      `    ${a.from} ${lines[a.line]}${a.label === undefined ? '' : `|${a.label[locale]}|`} ${a.to}`,
  );
  return `graph TB\n${legend}\n\n${steps.join('\n')}\n\n${arrows.join('\n')}\n`;
}

/**
 * The overview: four inputs → processor → moderation → output, in the seed's style. With
 * statistics, the steps carry live figures (share filtered, share approved, decision times).
 *
 * ```ts
 * const mermaid = overviewDiagram(await feed.stats(), 'en');
 * ```
 */
export function overviewDiagram(stats?: FeedStats, locale: Locale = 'ru'): string {
  return flowToMermaid(overviewFlow, {
    locale,
    ...(stats === undefined
      ? {}
      : {
          figures: {
            filteredByKeywords: stats.droppedByKeywords,
            filteredByScore: stats.droppedByScore,
            medianMs: stats.decisionMs.median,
            p90Ms: stats.decisionMs.p90,
            approved: stats.suggestions.approvedShare,
          },
        }),
  });
}
