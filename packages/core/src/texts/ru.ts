/**
 * Russian texts (the default). Placeholders are `{name}`. Every key here is a {@link TextKey};
 * the English catalogue must have the same keys (the type checks it).
 */
export const ru = {
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
  'error.not_found': 'Не найдено. Возможно, это уже удалено.',
  'error.forbidden': 'Эта кнопка не для вас.',
  'error.invalid_input': 'Не удалось разобрать данные: {reason}',
  'error.text_too_long': 'Слишком длинный текст: не больше {max} символов.',
  'error.text_empty': 'Пустое сообщение. Напишите текст.',
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
