import type { Catalog } from './keys.js';

/** English texts. */
export const en: Catalog = {
  'invite.received': '💌 A new message about your ad “{ad}”:\n\n{text}',
  'invite.receivedAbove':
    '💌 Above is a new message about your ad “{ad}”. Accept the invite to an anonymous chat?',
  'invite.sent':
    '✉️ Your message was sent to the author of “{ad}”. If they accept, an anonymous chat opens.',
  'invite.acceptedByYou':
    '✅ Chat “{chat}” is open. Write here: messages go to the other side anonymously.',
  'invite.acceptedBySender':
    '✅ The author of “{ad}” accepted your invite. Chat “{chat}” is open: just write a message.',
  'invite.declinedByYou': '❌ Invite declined. The sender will not be told.',
  'invite.writePrompt':
    '✍️ Write one message to the author of “{ad}”. They will get it anonymously.',
  'button.accept': '✅ Accept',
  'button.decline': '❌ Decline',
  'button.chat': '💬 {chat}',
  'relay.choose': 'You have several chats. Which one should get this message?',
  'relay.sent': '✅ Sent to chat “{chat}”.',
  'relay.noChat': 'You have no active chats. Open an ad to write to its author.',
  'chat.chooseToEnd': 'Which chat should end?',
  'chat.chooseToBlock': 'Whom to block?',
  'chat.endedByYou': 'Chat “{chat}” ended.',
  'chat.endedByPeer': 'The other side ended chat “{chat}”.',
  'chat.blockedByYou': '🚫 Blocked: chat “{chat}” ended and they can never write to you again.',
  'chat.peerUnreachable': 'The other side is unreachable; chat “{chat}” ended.',
  'chat.list': 'Your chats:\n{chats}',
  'chat.listEmpty': 'You have no active chats.',
  'ad.published': '📢 Ad “{ad}” published.',
  'ad.closed': 'Ad “{ad}” closed.',
  'error.not_found': 'Not found. It may have been removed.',
  'error.forbidden': 'This button is not for you.',
  'error.invalid_input': 'Could not read the data: {reason}',
  'error.text_too_long': 'Too long: at most {max} characters.',
  'error.text_empty': 'Empty message. Please write some text.',
  'error.self_invite': 'This is your own ad: you cannot write to yourself.',
  'error.ad_closed': 'This ad is closed.',
  'error.blocked': 'You cannot write to this author.',
  'error.already_invited': 'You have already written to the author of this ad. Wait for an answer.',
  'error.invite_limit': 'Daily message limit reached ({limit}). Try again in {wait}.',
  'error.invalid_state': 'This action is no longer available.',
  'error.no_active_chat': 'You have no active chats.',
  'error.duplicate_update': 'Already handled.',
  'error.storage': 'A temporary error. Please try again.',
};
