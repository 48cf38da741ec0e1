import type { Chat } from '../../chats/chat.js';
import type { ChatRepository } from '../../ports/storage.js';
import type { Journal } from './journal.js';
import { append, type MemoryTables } from './tables.js';

export function memoryChats(t: MemoryTables, j: Journal): ChatRepository {
  return {
    async insert(chat) {
      if (t.chatByInvite.has(chat.inviteId)) return false;
      j.set(t.chats, chat.id, chat);
      j.set(t.chatByInvite, chat.inviteId, chat.id);
      append(j, t.chatsByUser, chat.authorId, chat.id);
      append(j, t.chatsByUser, chat.readerId, chat.id);
      return true;
    },
    async get(id) {
      return t.chats.get(id);
    },
    async update(next, expected) {
      if (t.chats.get(next.id)?.status !== expected) return false;
      j.set(t.chats, next.id, next);
      return true;
    },
    async listFor(userId, limit) {
      return (t.chatsByUser.get(userId) ?? []).slice(0, limit).map((id) => t.chats.get(id) as Chat);
    },
    async tally(since) {
      const counts = { opened: 0, ended: 0, blocked: 0 };
      for (const chat of t.chats.values()) {
        if (chat.openedAt >= since) counts.opened++;
        if (chat.status !== 'active' && chat.endedAt >= since) counts[chat.status]++;
      }
      return counts;
    },
    async listActiveFor(userId) {
      const out: Chat[] = [];
      for (const id of t.chatsByUser.get(userId) ?? []) {
        const chat = t.chats.get(id) as Chat;
        if (chat.status === 'active') out.push(chat);
      }
      return out;
    },
  };
}
