import type { TokenRepository } from '../../ports/storage.js';
import type { ActionTokenRecord } from '../../shell/actions.js';
import type { Journal } from './journal.js';
import { append, type MemoryTables } from './tables.js';

export function memoryTokens(t: MemoryTables, j: Journal): TokenRepository {
  // Deletes matching tokens (a group's list keeps the others; consuming skips missing ones).
  const deleteTokens = (match: (record: ActionTokenRecord) => boolean, limit: number) => {
    let n = 0;
    for (const record of [...t.tokens.values()]) {
      if (n >= limit) break;
      if (!match(record)) continue;
      j.delete(t.tokens, record.token);
      n++;
    }
    return Promise.resolve(n);
  };
  return {
    async add(records) {
      for (const record of records) {
        j.set(t.tokens, record.token, record);
        append(j, t.tokenGroups, record.group, record.token);
      }
    },
    async get(token) {
      return t.tokens.get(token);
    },
    async consume(token) {
      const record = t.tokens.get(token);
      if (record === undefined) return false;
      for (const other of t.tokenGroups.get(record.group) ?? []) j.delete(t.tokens, other);
      j.delete(t.tokenGroups, record.group);
      return true;
    },
    async deleteFor(userId) {
      return deleteTokens((record) => record.userId === userId, Number.POSITIVE_INFINITY);
    },
    async purgeBefore(before, limit) {
      return deleteTokens((record) => record.createdAt < before, limit);
    },
  };
}
