/**
 * Russian texts of the fourth input: posts suggested in the channel's own direct messages (part
 * of the `ru` catalogue). Cards never name the author: Telegram shows admins who wrote.
 */
export const ruDirect = {
  'feed.kind.direct': '💬 Предложено в личных сообщениях канала',
  'feed.kind.directMessage': '✉️ Сообщение в личных сообщениях канала',
  'direct.price.XTR': '💰 Платный пост: {amount} ⭐ — одобрение принимает оплату',
  'direct.price.TON': '💰 Платный пост: {amount} TON — одобрение принимает оплату',
  'direct.sendAt': '📅 Автор просит опубликовать: {time}',
  'direct.media': '📎 Вложение ({media}) — видно в личных сообщениях канала',
  'direct.refused': '⚠️ Telegram не принял решение ({error}). Пост снова ждёт решения.',
  'direct.decision.published': '📢 Одобрено: Telegram публикует пост в канале и сообщает автору',
  'direct.decision.rejected': '❌ Отклонено: Telegram сообщил автору{reason}',
  'direct.decision.platformPublished': '📢 Одобрено в Telegram',
  'direct.decision.platformRejected': '❌ Отклонено в Telegram{reason}',
  'direct.edited': '✏️ Автор изменил пост: решите по новой версии.',
  'direct.askReason':
    'Напишите причину отказа одним сообщением (не больше {max} символов: её увидит автор в Telegram) или нажмите «Без причины».',
  'button.approvePaid': '✅ Одобрить за {price}',
  'button.approveIn': '🕐 Одобрить, выпустить через {hours} ч',
  'feed.queue.direct': ' · 💰 {price}',
} as const;
