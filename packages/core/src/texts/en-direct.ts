import type { ruDirect } from './ru-direct.js';

/** English texts of posts suggested in the channel's own direct messages (see `ruDirect`). */
export const enDirect: Record<keyof typeof ruDirect, string> = {
  'feed.kind.direct': "💬 Suggested in the channel's direct messages",
  'feed.kind.directMessage': "✉️ Message in the channel's direct messages",
  'direct.price.XTR': '💰 Paid post: {amount} ⭐ — approving accepts the payment',
  'direct.price.TON': '💰 Paid post: {amount} TON — approving accepts the payment',
  'direct.sendAt': '📅 The author asks for: {time}',
  'direct.media': "📎 Attachment ({media}) — see the channel's direct messages",
  'direct.refused':
    '⚠️ Telegram refused the decision ({error}). The post waits for a decision again.',
  'direct.decision.published':
    '📢 Approved: Telegram publishes the post in the channel and tells its author',
  'direct.decision.rejected': '❌ Declined: Telegram told the author{reason}',
  'direct.decision.platformPublished': '📢 Approved in Telegram',
  'direct.decision.platformRejected': '❌ Declined in Telegram{reason}',
  'direct.edited': '✏️ The author edited the post: decide on the new version.',
  'direct.askReason':
    'Write the reason in one message (at most {max} characters: the author sees it in Telegram) or press “No reason”.',
  'button.approvePaid': '✅ Approve for {price}',
  'button.approveIn': '🕐 Approve, out in {hours} h',
  'feed.queue.direct': ' · 💰 {price}',
};
