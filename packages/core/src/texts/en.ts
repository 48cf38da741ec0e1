/** English texts. */
import { enDirect } from './en-direct.js';
import { enFeed } from './en-feed.js';
import { enSafety } from './en-safety.js';
import type { Catalog } from './keys.js';

export const en: Catalog = {
  ...enFeed,
  ...enDirect,
  ...enSafety,
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
  'relay.chatEnded': 'Chat “{chat}” has ended: your reply was not sent to anyone.',
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
  // Replies of the chat adapters (grammY): menu, commands, /newad, lists, refusals.
  'menu.start':
    '👋 This is an anonymous ad board. Open an ad from its link to write to the author: they will not know who you are.\n\n{commands}',
  'menu.help':
    'ℹ️ How it works:\n• publish an ad and get a link for replies;\n• from the link, anyone can send the author one message;\n• when the author accepts, an anonymous chat opens: the bot copies messages, nobody sees names or accounts.\n\n{commands}',
  'menu.commandLine': '/{command} — {description}',
  'menu.openBoard': '📋 Ads',
  'command.start': 'Menu',
  'command.newad': 'Publish an ad',
  'command.myads': 'My ads',
  'command.mychats': 'My chats',
  'command.endchat': 'End a chat',
  'command.block': 'Block the other side',
  'command.help': 'How it works',
  'newad.usage':
    'Write the ad after the command: the first line is the title, the rest is the text.\nFor example:\n/{command} Bike for sale\nAlmost new, pick-up only.',
  'ad.publishedWithLink':
    '📢 Ad “{ad}” published. People will write to you from this link:\n{link}',
  'ads.list': 'Your ads:\n\n{ads}',
  'ads.item': '• {ad}\n{link}',
  'ads.listEmpty': 'You have no ads yet. Publish one: /{command}',
  'chat.itemAuthor': '• {chat} (your ad)',
  'chat.itemReader': '• {chat}',
  'relay.contactRefused':
    '🔒 Contacts are not passed on: the other side would learn the number. Write what you need as text.',
  'relay.locationRefused': '🔒 Locations are not passed on, to keep you anonymous.',
  'relay.chosen': '✅ Sent',
  'webapp.invalid': 'Could not read the Mini App data. Please open the ad again.',
  'webapp.tooLarge': 'Too much data from the Mini App: at most {max} bytes.',
  'error.not_found': 'Not found. It may have been removed.',
  'error.forbidden': 'This button is not for you.',
  'error.invalid_input': 'Could not read the data: {reason}',
  'error.invalid_options': 'The bot is set up wrongly; please tell its operator.',
  'error.text_too_long': 'Too long: at most {max} characters.',
  'error.text_empty': 'Empty message. Please write some text.',
  'error.text_invalid':
    'The text contains a character that cannot be used (NUL). Please remove it and send again.',
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
