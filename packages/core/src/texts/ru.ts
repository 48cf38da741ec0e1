/**
 * Russian texts (the default). Placeholders are `{name}`. Every key here is a {@link TextKey};
 * the English catalogue must have the same keys (the type checks it).
 */
import { ruDirect } from './ru-direct.js';
import { ruFeed } from './ru-feed.js';
import { ruSafety } from './ru-safety.js';

export const ru = {
  ...ruFeed,
  ...ruDirect,
  ...ruSafety,
  'invite.received': '💌 Новое сообщение по вашему объявлению «{ad}»:\n\n{text}',
  'invite.receivedAbove':
    '💌 Выше — новое сообщение по вашему объявлению «{ad}». Принять приглашение в анонимный чат?',
  'invite.sent':
    '✉️ Сообщение отправлено автору объявления «{ad}». Если он примет приглашение, откроется анонимный чат.',
  'invite.acceptedByYou': '✅ Чат «{chat}» открыт. Пишите — сообщения уйдут собеседнику анонимно.',
  'invite.acceptedBySender':
    '✅ Автор объявления «{ad}» принял ваше приглашение. Чат «{chat}» открыт — просто напишите сообщение.',
  'invite.declinedByYou': '❌ Приглашение отклонено. Отправитель об этом не узнает.',
  'invite.writePrompt':
    '✍️ Напишите одно сообщение автору объявления «{ad}». Он получит его анонимно.',
  'button.accept': '✅ Принять',
  'button.decline': '❌ Отклонить',
  'button.chat': '💬 {chat}',
  'relay.choose': 'У вас несколько чатов. В какой отправить сообщение?',
  'relay.sent': '✅ Отправлено в чат «{chat}».',
  'relay.chatEnded': 'Чат «{chat}» завершён: ваш ответ никому не отправлен.',
  'relay.noChat': 'У вас нет активных чатов. Откройте объявление, чтобы написать автору.',
  'chat.chooseToEnd': 'Какой чат завершить?',
  'chat.chooseToBlock': 'Кого заблокировать?',
  'chat.endedByYou': 'Чат «{chat}» завершён.',
  'chat.endedByPeer': 'Собеседник завершил чат «{chat}».',
  'chat.blockedByYou':
    '🚫 Собеседник заблокирован, чат «{chat}» завершён. Он больше не сможет вам написать.',
  'chat.peerUnreachable': 'Собеседник недоступен, чат «{chat}» завершён.',
  'chat.list': 'Ваши чаты:\n{chats}',
  'chat.listEmpty': 'У вас нет активных чатов.',
  'ad.published': '📢 Объявление «{ad}» опубликовано.',
  'ad.closed': 'Объявление «{ad}» закрыто.',
  // Replies of the chat adapters (grammY): menu, commands, /newad, lists, refusals.
  'menu.start':
    '👋 Это анонимная доска объявлений. Откройте объявление по ссылке, чтобы написать автору: он не узнает, кто вы.\n\n{commands}',
  'menu.help':
    'ℹ️ Как это работает:\n• опубликуйте объявление — получите ссылку для откликов;\n• по ссылке можно отправить автору одно сообщение;\n• автор принимает приглашение — открывается анонимный чат: бот копирует сообщения, имена и аккаунты никто не видит.\n\n{commands}',
  'menu.commandLine': '/{command} — {description}',
  // The Mini App button of the /start menu (and the bot's menu button in the example).
  'menu.openBoard': '📋 Объявления',
  'command.start': 'Меню',
  'command.newad': 'Опубликовать объявление',
  'command.myads': 'Мои объявления',
  'command.mychats': 'Мои чаты',
  'command.endchat': 'Завершить чат',
  'command.block': 'Заблокировать собеседника',
  'command.help': 'Как это работает',
  'newad.usage':
    'Напишите объявление после команды: первая строка — заголовок, дальше — текст.\nНапример:\n/{command} Продам велосипед\nПочти новый, самовывоз.',
  'ad.publishedWithLink':
    '📢 Объявление «{ad}» опубликовано. Ссылка, по которой вам напишут:\n{link}',
  'ads.list': 'Ваши объявления:\n\n{ads}',
  'ads.item': '• {ad}\n{link}',
  'ads.listEmpty': 'У вас пока нет объявлений. Опубликуйте: /{command}',
  'chat.itemAuthor': '• {chat} (ваше объявление)',
  'chat.itemReader': '• {chat}',
  'relay.contactRefused':
    '🔒 Контакты не пересылаются: собеседник узнал бы номер. Напишите нужное текстом.',
  'relay.locationRefused': '🔒 Геопозиция не пересылается, чтобы сохранить анонимность.',
  'relay.chosen': '✅ Отправлено',
  'webapp.invalid': 'Не удалось прочитать данные мини-приложения. Откройте объявление ещё раз.',
  'webapp.tooLarge': 'Слишком много данных из мини-приложения: не больше {max} байт.',
  'error.not_found': 'Не найдено. Возможно, это уже удалено.',
  'error.forbidden': 'Эта кнопка не для вас.',
  'error.invalid_input': 'Не удалось разобрать данные: {reason}',
  'error.invalid_options': 'Бот настроен неверно; сообщите его владельцу.',
  'error.text_too_long': 'Слишком длинный текст: не больше {max} символов.',
  'error.text_empty': 'Пустое сообщение. Напишите текст.',
  'error.text_invalid': 'В тексте есть недопустимый символ (NUL). Уберите его и отправьте снова.',
  'error.self_invite': 'Это ваше объявление: написать самому себе нельзя.',
  'error.ad_closed': 'Объявление закрыто.',
  'error.blocked': 'Написать этому автору нельзя.',
  'error.already_invited': 'Вы уже написали автору этого объявления. Дождитесь ответа.',
  'error.invite_limit': 'Лимит сообщений на сегодня исчерпан ({limit}). Попробуйте через {wait}.',
  'error.invalid_state': 'Это действие уже недоступно.',
  'error.no_active_chat': 'У вас нет активных чатов.',
  'error.duplicate_update': 'Уже обработано.',
  'error.storage': 'Временная ошибка. Попробуйте ещё раз.',
} as const;

/** Every user-facing text key. */
export type TextKey = keyof typeof ru;
