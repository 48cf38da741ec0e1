import type { MessageMapRepository, MessageSide } from '../../ports/storage.js';
import type { Journal } from './journal.js';
import type { MemoryTables } from './tables.js';

const sideKey = (s: MessageSide) => `${s.userId}:${s.messageId}`;

export function memoryMessages(t: MemoryTables, j: Journal): MessageMapRepository {
  return {
    async link(chatId, a, b) {
      j.set(t.messages, sideKey(a), { chatId, peer: b });
      j.set(t.messages, sideKey(b), { chatId, peer: a });
    },
    async find(side) {
      return t.messages.get(sideKey(side));
    },
  };
}
