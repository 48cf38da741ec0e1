import type { Locale } from '@anonboard/core';
import { createWebTexts, type WebApiTextKey, type WebTexts } from '@anonboard/mini-app/web';

/**
 * Russian strings of the admin app: the page's words (`page.*`), the admins' menu button
 * (`menu.button`) and the API's own errors (`api.*`). Core's refusals (`claimed`, `invalid_state`, …) come from `feed.explain`, and the
 * item kinds and decision buttons from the feed's catalogue, so the page says what the bot says.
 * Placeholders are `{name}`.
 *
 * ```ts
 * adminAppRu['page.tab.queue']; // 'Очередь'
 * ```
 */
export const adminAppRu = {
  'page.title': 'Модерация',
  'page.tab.queue': 'Очередь',
  'page.tab.stats': 'Статистика',
  'page.tab.flows': 'Схемы',
  'page.loading': 'Загрузка…',
  'page.networkError': 'Нет связи с сервером. Попробуйте ещё раз.',
  'page.refresh': 'Обновить',
  'page.needTelegram': 'Откройте эту страницу из Telegram: кнопкой меню бота.',
  'page.queue.empty': 'Очередь пуста: всё решено.',
  'page.queue.count': 'Ждут решения: {count}',
  'page.queue.more': 'Остальные появятся здесь, когда эти будут решены.',
  'page.queue.source': 'Источник',
  'page.queue.openSource': 'открыть',
  'page.queue.score': 'Оценка',
  'page.queue.notScored': 'Не оценено — нужна ручная проверка',
  'page.queue.notScoredBecause': 'Не оценено: {reason} — нужна ручная проверка',
  'page.queue.scorerError': 'Ошибка оценщика',
  'page.queue.edited': 'изменено в источнике {time}',
  'page.queue.injection':
    'Похоже, текст пытается управлять оценщиком: оценка и её причина могут быть подстроены автором',
  'page.queue.waiting': 'ждёт {wait}',
  'page.queue.claimedByYou': 'Вы решаете это до {time}',
  'page.queue.claimedByOther': 'Этим занимается другой администратор (до {time})',
  'page.queue.media': 'Вложения: {count}',
  'page.queue.mediaUnavailable': 'Вложение недоступно для просмотра — оно есть в карточке бота',
  'page.queue.showAll': 'Показать целиком',
  'page.queue.reasonLabel': 'Причина отказа (её получит автор)',
  'page.queue.reasonPlaceholder': 'Например: не по теме канала',
  'page.queue.rejectConfirm': 'Отклонить',
  'page.queue.noReason': 'Без причины',
  'page.queue.cancel': 'Отмена',
  'page.queue.approved': 'Одобрено: пост уходит в канал.',
  'page.queue.rejected': 'Отклонено.',
  'page.queue.resolved': 'Жалоба решена.',
  'page.queue.evidence': 'Последние сообщения чата',
  'page.queue.chat': 'Чат',
  'page.queue.approveConfirm': 'Одобрить и опубликовать в канале?',
  'page.stats.period': 'Период',
  'page.stats.period.day': '24 часа',
  'page.stats.period.week': '7 дней',
  'page.stats.period.month': '30 дней',
  'page.stats.funnel': 'Воронка',
  'page.stats.funnelHint': 'Сколько сообщений дошло до каждого шага за период',
  'page.stats.stage.ingested': 'Получено',
  'page.stats.stage.matched': 'Совпали слова',
  'page.stats.stage.scored': 'Оценено',
  'page.stats.stage.queued': 'В очереди',
  'page.stats.stage.approved': 'Одобрено',
  'page.stats.stage.published': 'Опубликовано',
  'page.stats.input.sources': 'Из каналов',
  'page.stats.input.suggestion': 'Предложения',
  'page.stats.kpi.filteredByKeywords': 'Отсеяно словами',
  'page.stats.kpi.filteredByScore': 'Отсеяно оценкой',
  'page.stats.kpi.approved': 'Одобрено',
  'page.stats.kpi.median': 'Медиана решения',
  'page.stats.kpi.p90': 'p90 решения',
  'page.stats.kpi.open': 'Ждут решения',
  'page.stats.kpi.manual': 'Ручная проверка',
  'page.stats.ofDecided': 'из {n} решённых',
  'page.stats.ofScored': 'из {n} оценённых',
  'page.stats.ofIngested': 'из {n} полученных',
  'page.stats.decisions': 'решений: {n}',
  'page.stats.overTime': 'По времени',
  'page.stats.series.ingested': 'Получено',
  'page.stats.series.queued': 'В очередь',
  'page.stats.series.approved': 'Одобрено',
  'page.stats.series.rejected': 'Отклонено',
  'page.stats.decisionTime': 'Время решения',
  'page.stats.decisionTimeHint':
    'Сколько решений заняло столько времени; медиана — зелёным, p90 — оранжевым',
  'page.stats.decisionsAxis': 'Решений',
  'page.stats.bySource': 'По источникам',
  'page.stats.bySourceHint': 'Получено, дошло до очереди, одобрено',
  'page.stats.suggestions': 'Предложения',
  'page.stats.removedSource': 'Удалённый источник',
  'page.stats.noData': 'За этот период данных нет.',
  'page.stats.minutes': '{n} мин',
  'page.stats.hours': '{n} ч',
  'page.stats.days': '{n} дн',
  'page.stats.underMinute': '< 1 мин',
  'page.flows.overview': 'Общая схема',
  'page.flows.monitoring': 'Мониторинг',
  'page.flows.suggestion': 'Предложение поста',
  'page.flows.moderation': 'Модерация',
  'page.flows.machine': 'Состояния элемента',
  'page.flows.hint': 'Нажмите на блок — описание и живые цифры; на стрелку — пример данных.',
  'page.flows.figure': 'Сейчас',
  'page.flows.example': 'Пример',
  'page.flows.close': 'Закрыть',
  'page.flows.state': 'Элементов в этом состоянии за период: {n}',
  'page.flows.transition': 'Переходов «{event}» за период: {n}',
  'page.flows.fig.ingested': 'получено за 7 дней: {n}',
  'page.flows.fig.suggested': 'предложено за 7 дней: {n}',
  'page.flows.fig.queued': 'в очередь за 7 дней: {n}; ждут сейчас: {open}',
  'page.flows.fig.published': 'опубликовано за 7 дней: {n}',
  'page.flows.fig.end': 'отсеяно за 7 дней: {n}',
  'page.flows.fig.manual': 'на ручную проверку за 7 дней: {n}',
  'page.flows.status.queued': 'Ждёт решения; у каждого администратора — карточка.',
  'page.flows.status.claimed':
    'Администратор взял элемент (пишет причину отказа); остальные ждут, пока не истечёт срок.',
  'page.flows.status.approved': 'Одобрено; пост уходит в канал.',
  'page.flows.status.published': 'Пост в канале; автор и подписчики уведомлены.',
  'page.flows.status.rejected': 'Отклонено (с причиной или без); автор уведомлён.',
  'page.flows.status.expired': 'Никто не решил вовремя: элемент истёк.',
  'page.flows.status.resolved': 'Жалоба решена: отклонена, предупреждение или блокировка.',
  'page.notAdmin': 'Эта страница — только для администраторов ленты.',
  'menu.button': 'Модерация',
  'api.unauthorized': 'Не удалось подтвердить, кто вы. Откройте страницу из Telegram.',
  'api.expired': 'Сессия устарела. Закройте страницу и откройте её снова.',
  'api.badRequest': 'Неверный запрос: {fields}.',
  'api.badJson': 'Неверный запрос: ожидается JSON.',
  'api.tooLarge': 'Слишком большой запрос: не больше {kib} КБ.',
  'api.rateLimited': 'Слишком много запросов. Попробуйте через {seconds} с.',
  'api.notFound': 'Не найдено.',
  'api.methodNotAllowed': 'Этот метод здесь не поддерживается.',
  'api.forbidden': 'Это доступно только администраторам ленты.',
} as const satisfies Record<WebApiTextKey, string> & Record<string, string>;

/**
 * A key of the admin app's catalogue.
 *
 * ```ts
 * const key: AdminAppTextKey = 'page.tab.stats';
 * ```
 */
export type AdminAppTextKey = keyof typeof adminAppRu;

/**
 * One locale's admin app strings.
 *
 * ```ts
 * const en: AdminAppCatalog = { ...adminAppEn, 'page.title': 'Moderation desk' };
 * ```
 */
export type AdminAppCatalog = Readonly<Record<AdminAppTextKey, string>>;

/**
 * English strings of the admin app.
 *
 * ```ts
 * adminAppEn['page.tab.queue']; // 'Queue'
 * ```
 */
export const adminAppEn: AdminAppCatalog = {
  'page.title': 'Moderation',
  'page.tab.queue': 'Queue',
  'page.tab.stats': 'Statistics',
  'page.tab.flows': 'Flows',
  'page.loading': 'Loading…',
  'page.networkError': 'Cannot reach the server. Please try again.',
  'page.refresh': 'Refresh',
  'page.needTelegram': 'Open this page from Telegram: the bot’s menu button.',
  'page.queue.empty': 'The queue is empty: everything is decided.',
  'page.queue.count': 'Waiting for a decision: {count}',
  'page.queue.more': 'More wait behind these: they show up once these are decided.',
  'page.queue.source': 'Source',
  'page.queue.openSource': 'open',
  'page.queue.score': 'Score',
  'page.queue.notScored': 'Not scored — needs a manual check',
  'page.queue.notScoredBecause': 'Not scored: {reason} — needs a manual check',
  'page.queue.scorerError': 'The scorer’s error',
  'page.queue.edited': 'edited in its source {time}',
  'page.queue.injection':
    'The text seems to instruct the scorer: the score and its reason may be the author’s doing',
  'page.queue.waiting': 'waiting {wait}',
  'page.queue.claimedByYou': 'You are deciding this until {time}',
  'page.queue.claimedByOther': 'Another admin is handling this (until {time})',
  'page.queue.media': 'Attachments: {count}',
  'page.queue.mediaUnavailable': 'This attachment cannot be previewed here — the bot’s card has it',
  'page.queue.showAll': 'Show all',
  'page.queue.reasonLabel': 'Reason (the author will get it)',
  'page.queue.reasonPlaceholder': 'For example: off-topic for the channel',
  'page.queue.rejectConfirm': 'Reject',
  'page.queue.noReason': 'No reason',
  'page.queue.cancel': 'Cancel',
  'page.queue.approved': 'Approved: the post is on its way to the channel.',
  'page.queue.rejected': 'Rejected.',
  'page.queue.resolved': 'The report is resolved.',
  'page.queue.evidence': 'The chat’s last messages',
  'page.queue.chat': 'Chat',
  'page.queue.approveConfirm': 'Approve and publish in the channel?',
  'page.stats.period': 'Period',
  'page.stats.period.day': '24 hours',
  'page.stats.period.week': '7 days',
  'page.stats.period.month': '30 days',
  'page.stats.funnel': 'Funnel',
  'page.stats.funnelHint': 'How many messages reached each step in the period',
  'page.stats.stage.ingested': 'Ingested',
  'page.stats.stage.matched': 'Matched',
  'page.stats.stage.scored': 'Scored',
  'page.stats.stage.queued': 'Queued',
  'page.stats.stage.approved': 'Approved',
  'page.stats.stage.published': 'Published',
  'page.stats.input.sources': 'From channels',
  'page.stats.input.suggestion': 'Suggestions',
  'page.stats.kpi.filteredByKeywords': 'Filtered by keywords',
  'page.stats.kpi.filteredByScore': 'Filtered by the score',
  'page.stats.kpi.approved': 'Approved',
  'page.stats.kpi.median': 'Median decision',
  'page.stats.kpi.p90': 'p90 decision',
  'page.stats.kpi.open': 'Waiting',
  'page.stats.kpi.manual': 'Manual review',
  'page.stats.ofDecided': 'of {n} decided',
  'page.stats.ofScored': 'of {n} scored',
  'page.stats.ofIngested': 'of {n} ingested',
  'page.stats.decisions': '{n} decisions',
  'page.stats.overTime': 'Over time',
  'page.stats.series.ingested': 'Ingested',
  'page.stats.series.queued': 'Queued',
  'page.stats.series.approved': 'Approved',
  'page.stats.series.rejected': 'Rejected',
  'page.stats.decisionTime': 'Decision time',
  'page.stats.decisionTimeHint':
    'How many decisions took how long; the median in green, p90 in orange',
  'page.stats.decisionsAxis': 'Decisions',
  'page.stats.bySource': 'By source',
  'page.stats.bySourceHint': 'Ingested, queued, approved',
  'page.stats.suggestions': 'Suggestions',
  'page.stats.removedSource': 'Removed source',
  'page.stats.noData': 'No data for this period.',
  'page.stats.minutes': '{n} min',
  'page.stats.hours': '{n} h',
  'page.stats.days': '{n} d',
  'page.stats.underMinute': '< 1 min',
  'page.flows.overview': 'Overview',
  'page.flows.monitoring': 'Monitoring',
  'page.flows.suggestion': 'A suggested post',
  'page.flows.moderation': 'Moderation',
  'page.flows.machine': 'Item states',
  'page.flows.hint': 'Tap a block for its description and live figures; an arrow for an example.',
  'page.flows.figure': 'Now',
  'page.flows.example': 'Example',
  'page.flows.close': 'Close',
  'page.flows.state': 'Items in this state in the period: {n}',
  'page.flows.transition': '“{event}” transitions in the period: {n}',
  'page.flows.fig.ingested': 'ingested in 7 days: {n}',
  'page.flows.fig.suggested': 'suggested in 7 days: {n}',
  'page.flows.fig.queued': 'queued in 7 days: {n}; waiting now: {open}',
  'page.flows.fig.published': 'published in 7 days: {n}',
  'page.flows.fig.end': 'filtered out in 7 days: {n}',
  'page.flows.fig.manual': 'to manual review in 7 days: {n}',
  'page.flows.status.queued': 'Waiting for a decision; every admin has a card.',
  'page.flows.status.claimed':
    'An admin took the item (writing a reason); the others wait until the claim runs out.',
  'page.flows.status.approved': 'Approved; the post is on its way to the channel.',
  'page.flows.status.published': 'In the channel; the author and subscribers are told.',
  'page.flows.status.rejected': 'Rejected (with a reason or none); the author is told.',
  'page.flows.status.expired': 'Nobody decided in time: the item expired.',
  'page.flows.status.resolved': 'A report decided: dismissed, warned or banned.',
  'page.notAdmin': 'This page is for the feed’s admins only.',
  'menu.button': 'Moderation',
  'api.unauthorized': 'Could not confirm who you are. Open the page from Telegram.',
  'api.expired': 'The session is too old. Close the page and open it again.',
  'api.badRequest': 'Bad request: {fields}.',
  'api.badJson': 'Bad request: JSON expected.',
  'api.tooLarge': 'The request is too large: at most {kib} KiB.',
  'api.rateLimited': 'Too many requests. Try again in {seconds} s.',
  'api.notFound': 'Not found.',
  'api.methodNotAllowed': 'This method is not supported here.',
  'api.forbidden': 'Only the feed’s admins can use this.',
};

/**
 * Replacements for any admin app string, per locale.
 *
 * ```ts
 * const texts: AdminAppTextOverrides = { ru: { 'page.title': 'Редакция' } };
 * ```
 */
export type AdminAppTextOverrides = Partial<Record<Locale, Partial<AdminAppCatalog>>>;

/**
 * The admin app's strings in both locales, overrides applied.
 *
 * ```ts
 * const texts = createAdminAppTexts({ en: { 'page.title': 'Desk' } });
 * texts.render('api.rateLimited', { seconds: 5 }, 'en'); // 'Too many requests. Try again in 5 s.'
 * ```
 */
export type AdminAppTexts = WebTexts<AdminAppTextKey>;

/**
 * Builds {@link AdminAppTexts} from the built-in catalogues and `overrides`.
 *
 * ```ts
 * createAdminAppTexts().catalogs.en['page.tab.flows']; // 'Flows'
 * ```
 */
export function createAdminAppTexts(overrides: AdminAppTextOverrides = {}): AdminAppTexts {
  return createWebTexts<AdminAppTextKey>({ ru: adminAppRu, en: adminAppEn }, overrides);
}
