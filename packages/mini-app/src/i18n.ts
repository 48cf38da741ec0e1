import type { Locale } from '@anonboard/core';

/**
 * Russian strings of the Mini App: the page's words and the API's own errors (the board's errors
 * come from `board.explain`). Placeholders are `{name}`.
 *
 * ```ts
 * miniAppRu['page.write']; // 'Написать'
 * ```
 */
export const miniAppRu = {
  'page.title': 'Доска объявлений',
  'page.tab.ads': 'Объявления',
  'page.tab.mine': 'Мои',
  'page.tab.new': 'Новое',
  'page.search': 'Поиск по объявлениям',
  'page.loading': 'Загрузка…',
  'page.empty': 'Объявлений пока нет.',
  'page.emptySearch': 'Ничего не нашлось.',
  'page.more': 'Показать ещё',
  'page.back': '← Назад',
  'page.write': 'Написать',
  'page.writeHint':
    'Можно отправить только одно первое сообщение. Автор получит его без вашего имени и решит, открыть ли анонимный чат.',
  'page.messagePlaceholder': 'Ваше сообщение автору',
  'page.send': 'Отправить',
  'page.sent':
    'Отправлено. Если автор примет приглашение, бот откроет анонимный чат — ответ придёт туда.',
  'page.sentViaBot': 'Отправлено боту — он передаст сообщение автору.',
  'page.mineBadge': 'ваше',
  'page.closedBadge': 'закрыто',
  'page.close': 'Закрыть объявление',
  'page.closeConfirm': 'Закрыть это объявление? Новые сообщения по нему приходить не будут.',
  'page.closed': 'Объявление закрыто.',
  'page.newTitle': 'Заголовок',
  'page.newTitlePlaceholder': 'Например: Продам велосипед',
  'page.newText': 'Текст',
  'page.newTextPlaceholder': 'Подробности: состояние, цена, район',
  'page.publish': 'Опубликовать',
  'page.published': 'Объявление опубликовано.',
  'page.mineEmpty': 'У вас пока нет объявлений.',
  'page.needTelegram': 'Откройте доску из Telegram (кнопка меню бота), чтобы писать и публиковать.',
  'page.keyboardLaunch':
    'Вы открыли доску с клавиатуры бота: можно читать и написать автору. Публиковать — через кнопку меню бота.',
  'page.justNow': 'только что',
  'page.minutesAgo': '{n} мин назад',
  'page.hoursAgo': '{n} ч назад',
  'page.networkError': 'Нет связи с сервером. Попробуйте ещё раз.',
  'api.unauthorized': 'Не удалось подтвердить, кто вы. Откройте доску из Telegram.',
  'api.expired': 'Сессия устарела. Закройте доску и откройте её снова.',
  'api.badRequest': 'Неверный запрос: {fields}.',
  'api.badJson': 'Неверный запрос: ожидается JSON.',
  'api.tooLarge': 'Слишком большой запрос: не больше {kib} КБ.',
  'api.rateLimited': 'Слишком много запросов. Попробуйте через {seconds} с.',
  'api.notFound': 'Не найдено.',
  'api.methodNotAllowed': 'Этот метод здесь не поддерживается.',
  'api.forbidden': 'Это может сделать только автор объявления.',
} as const;

/**
 * A key of the Mini App's catalogue: `page.*` strings travel to the page, `api.*` ones are the
 * API's own error sentences.
 *
 * ```ts
 * const key: MiniAppTextKey = 'page.publish';
 * ```
 */
export type MiniAppTextKey = keyof typeof miniAppRu;

/**
 * One locale's Mini App strings.
 *
 * ```ts
 * const en: MiniAppCatalog = { ...miniAppEn, 'page.title': 'Flea market' };
 * ```
 */
export type MiniAppCatalog = Readonly<Record<MiniAppTextKey, string>>;

/**
 * English strings of the Mini App.
 *
 * ```ts
 * miniAppEn['page.write']; // 'Message'
 * ```
 */
export const miniAppEn: MiniAppCatalog = {
  'page.title': 'Ad board',
  'page.tab.ads': 'Ads',
  'page.tab.mine': 'Mine',
  'page.tab.new': 'New',
  'page.search': 'Search ads',
  'page.loading': 'Loading…',
  'page.empty': 'No ads yet.',
  'page.emptySearch': 'Nothing found.',
  'page.more': 'Show more',
  'page.back': '← Back',
  'page.write': 'Message',
  'page.writeHint':
    'You can send one first message. The author gets it without your name and decides whether to open an anonymous chat.',
  'page.messagePlaceholder': 'Your message to the author',
  'page.send': 'Send',
  'page.sent':
    'Sent. If the author accepts, the bot opens an anonymous chat — the answer comes there.',
  'page.sentViaBot': 'Sent to the bot — it passes the message on to the author.',
  'page.mineBadge': 'yours',
  'page.closedBadge': 'closed',
  'page.close': 'Close the ad',
  'page.closeConfirm': 'Close this ad? No new messages will come for it.',
  'page.closed': 'The ad is closed.',
  'page.newTitle': 'Title',
  'page.newTitlePlaceholder': 'For example: Bicycle for sale',
  'page.newText': 'Text',
  'page.newTextPlaceholder': 'Details: condition, price, area',
  'page.publish': 'Publish',
  'page.published': 'The ad is published.',
  'page.mineEmpty': 'You have no ads yet.',
  'page.needTelegram': 'Open the board from Telegram (the bot’s menu button) to write and publish.',
  'page.keyboardLaunch':
    'You opened the board from the bot’s keyboard: you can read and message authors. To publish, use the bot’s menu button.',
  'page.justNow': 'just now',
  'page.minutesAgo': '{n} min ago',
  'page.hoursAgo': '{n} h ago',
  'page.networkError': 'Cannot reach the server. Please try again.',
  'api.unauthorized': 'Could not confirm who you are. Open the board from Telegram.',
  'api.expired': 'The session is too old. Close the board and open it again.',
  'api.badRequest': 'Bad request: {fields}.',
  'api.badJson': 'Bad request: JSON expected.',
  'api.tooLarge': 'The request is too large: at most {kib} KiB.',
  'api.rateLimited': 'Too many requests. Try again in {seconds} s.',
  'api.notFound': 'Not found.',
  'api.methodNotAllowed': 'This method is not supported here.',
  'api.forbidden': 'Only the author of the ad can do this.',
};

/**
 * Replacements for any Mini App string, per locale.
 *
 * ```ts
 * const texts: MiniAppTextOverrides = { ru: { 'page.title': 'Барахолка' } };
 * ```
 */
export type MiniAppTextOverrides = Partial<Record<Locale, Partial<MiniAppCatalog>>>;

/**
 * The Mini App's strings in both locales, overrides applied.
 *
 * ```ts
 * const texts = createMiniAppTexts({ ru: { 'page.title': 'Барахолка' } });
 * texts.render('api.rateLimited', { seconds: 12 }, 'en'); // 'Too many requests. Try again in 12 s.'
 * ```
 */
export type MiniAppTexts = WebTexts<MiniAppTextKey>;

/**
 * A web app's strings in both locales: the catalogues (overrides applied) and a renderer of
 * `{name}` placeholders.
 *
 * ```ts
 * const texts: WebTexts<'page.title'> = createWebTexts({ ru: { 'page.title': 'Доска' }, en: { 'page.title': 'Board' } });
 * texts.render('page.title', {}, 'en'); // 'Board'
 * ```
 */
export interface WebTexts<K extends string> {
  readonly catalogs: Readonly<Record<Locale, Readonly<Record<K, string>>>>;
  render(key: K, params: Readonly<Record<string, string | number>>, locale: Locale): string;
}

/**
 * Builds {@link WebTexts} from built-in catalogues and per-locale overrides.
 *
 * ```ts
 * const texts = createWebTexts({ ru: miniAppRu, en: miniAppEn }, { en: { 'page.title': 'Market' } });
 * ```
 */
export function createWebTexts<K extends string>(
  builtIn: Readonly<Record<Locale, Readonly<Record<K, string>>>>,
  overrides: Partial<Record<Locale, Partial<Readonly<Record<K, string>>>>> = {},
): WebTexts<K> {
  const catalogs: Record<Locale, Readonly<Record<K, string>>> = {
    ru: { ...builtIn.ru, ...overrides.ru },
    en: { ...builtIn.en, ...overrides.en },
  };
  return {
    catalogs,
    render(key, params, locale) {
      return catalogs[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => {
        const value = params[name];
        return value === undefined ? whole : String(value);
      });
    },
  };
}

/**
 * Builds {@link MiniAppTexts} from the built-in catalogues and `overrides`.
 *
 * ```ts
 * const texts = createMiniAppTexts();
 * texts.catalogs.en['page.publish']; // 'Publish'
 * ```
 */
export function createMiniAppTexts(overrides: MiniAppTextOverrides = {}): MiniAppTexts {
  return createWebTexts<MiniAppTextKey>({ ru: miniAppRu, en: miniAppEn }, overrides);
}
