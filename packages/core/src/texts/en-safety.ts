import type { ruSafety } from './ru-safety.js';

/** English texts of reports, limits, history and account removal (part of the `en` catalogue). */
export const enSafety: Readonly<Record<keyof typeof ruSafety, string>> = {
  'error.banned': 'You are banned from the board and cannot write, invite or publish.',
  'error.rate_limited': 'Too often. Try again in {wait}.',
  'error.duplicate_text':
    'You already sent this message to other authors. Write each of them your own.',
  'error.links_refused': 'A first message cannot contain links or mentions.',
  'error.recipient_busy': 'The author got too many messages today. Try again in {wait}.',
  'chat.chooseToReport': 'Which chat do you report?',
  'report.received': '🚩 Your report about chat “{chat}” was sent to the moderators.',
  'report.reviewed': 'The moderators reviewed your report. Thank you!',
  'report.warned':
    '⚠️ The moderators received a report about your messages. Keep to the rules, or your access will be closed.',
  'report.bannedYou':
    '⛔ The moderators closed your access to the board: your chats ended and your ads were taken down.',
  'report.card':
    '🚩 Report about chat “{chat}”\nReason: {reason}\n🕒 {time}\n\nLast messages:\n{evidence}',
  'report.side.reporter': 'Reporter',
  'report.side.reported': 'Other side',
  'report.noEvidence': '(no messages)',
  'report.decision.dismissed': '✅ Report dismissed',
  'report.decision.warned': '⚠️ Warned',
  'report.decision.banned': '⛔ Banned',
  'button.dismiss': '✅ Dismiss',
  'button.warn': '⚠️ Warn',
  'button.ban': '⛔ Ban',
  'chat.endedByModerator': 'Chat “{chat}” was ended by the moderators.',
  'history.export': '📦 Your history (kept {days} days):\n\n{chats}',
  'history.exportEmpty': 'Your history is empty.',
  'history.you': 'You',
  'history.peer': 'Other side',
  'forget.done':
    '🗑 Done: your chats ended, your ads were taken down, your messages and data were deleted.',
};
