import type { ChatId, UserId } from '../../ids.js';
import type { HistoryRecord, HistoryRepository } from '../../ports/safety-storage.js';
import type { Journal } from './journal.js';
import type { MemoryTables } from './tables.js';

/** The relay history: one list in relay order. */
export function memoryHistory(t: MemoryTables, j: Journal): HistoryRepository {
  const replace = (next: HistoryRecord[]) => {
    const before = t.history;
    t.history = next;
    j.onRollback(() => {
      t.history = before;
    });
  };
  const ofChat = (chatId: ChatId) => t.history.filter((r) => r.chatId === chatId);
  return {
    async add(record) {
      // Appending in place keeps relays O(1); rollback truncates back.
      const length = t.history.length;
      t.history.push(record);
      j.onRollback(() => {
        t.history.length = length;
      });
    },
    async lastOfChat(chatId, limit) {
      return ofChat(chatId).slice(-limit);
    },
    async ofChat(chatId, limit) {
      return ofChat(chatId).slice(0, limit);
    },
    async purgeBefore(before, limit) {
      const old = t.history.filter((r) => r.at < before).slice(0, limit);
      if (old.length > 0) replace(t.history.filter((r) => !old.includes(r)));
      return old.length;
    },
    async deleteFrom(userId: UserId) {
      const kept = t.history.filter((r) => r.from !== userId);
      const n = t.history.length - kept.length;
      if (n > 0) replace(kept);
      return n;
    },
  };
}
