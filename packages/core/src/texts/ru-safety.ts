/** Russian texts of reports, limits, history and account removal (part of the `ru` catalogue). */
export const ruSafety = {
  'error.banned': 'Вы заблокированы на доске и не можете писать, приглашать или публиковать.',
  'error.rate_limited': 'Слишком часто. Попробуйте через {wait}.',
  'error.duplicate_text':
    'Это сообщение уже отправлено авторам других объявлений. Напишите каждому своё.',
  'error.links_refused': 'В первом сообщении нельзя отправлять ссылки и упоминания.',
  'error.recipient_busy':
    'Автор получил слишком много сообщений за сутки. Попробуйте через {wait}.',
  'chat.chooseToReport': 'На какой чат пожаловаться?',
  'report.received': '🚩 Жалоба на чат «{chat}» отправлена модераторам.',
  'report.reviewed': 'Модераторы рассмотрели вашу жалобу. Спасибо!',
  'report.warned':
    '⚠️ Модераторы получили жалобу на ваши сообщения. Соблюдайте правила, иначе доступ будет закрыт.',
  'report.bannedYou':
    '⛔ Модераторы закрыли вам доступ к доске: ваши чаты завершены, объявления сняты.',
  'report.card':
    '🚩 Жалоба на чат «{chat}»\nПричина: {reason}\n🕒 {time}\n\nПоследние сообщения:\n{evidence}',
  'report.side.reporter': 'Заявитель',
  'report.side.reported': 'Собеседник',
  'report.noEvidence': '(сообщений нет)',
  'report.decision.dismissed': '✅ Жалоба отклонена',
  'report.decision.warned': '⚠️ Вынесено предупреждение',
  'report.decision.banned': '⛔ Доступ закрыт',
  'button.dismiss': '✅ Отклонить жалобу',
  'button.warn': '⚠️ Предупредить',
  'button.ban': '⛔ Заблокировать',
  'chat.endedByModerator': 'Чат «{chat}» завершён модераторами.',
  'history.export': '📦 Ваша история (хранится {days} дн.):\n\n{chats}',
  'history.exportEmpty': 'История пуста.',
  'history.you': 'Вы',
  'history.peer': 'Собеседник',
  'forget.done': '🗑 Готово: ваши чаты завершены, объявления сняты, сообщения и данные удалены.',
} as const;
