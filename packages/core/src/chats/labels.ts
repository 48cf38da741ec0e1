import type { ChatId } from '../ids.js';
import type { Chat } from './chat.js';

/**
 * Labels that tell one person's chats apart: the ad's title, numbered when two chats share it.
 * Never anything about the counterpart.
 */
export function labelChats(chats: readonly Chat[]): Map<ChatId, string> {
  const seen = new Map<string, number>();
  const labels = new Map<ChatId, string>();
  const total = new Map<string, number>();
  for (const chat of chats) total.set(chat.label, (total.get(chat.label) ?? 0) + 1);
  for (const chat of chats) {
    const n = (seen.get(chat.label) ?? 0) + 1;
    seen.set(chat.label, n);
    labels.set(chat.id, (total.get(chat.label) ?? 0) > 1 ? `${chat.label} #${n}` : chat.label);
  }
  return labels;
}
