import type { UserId } from '../../ids.js';
import type { BlockRepository } from '../../ports/storage.js';
import type { Journal } from './journal.js';
import type { MemoryTables } from './tables.js';

/** The unordered pair {a, b} as one key, lower id first (as the SQL storages store it). */
const pairKey = (a: UserId, b: UserId) => (a < b ? `${a}|${b}` : `${b}|${a}`);

export function memoryBlocks(t: MemoryTables, j: Journal): BlockRepository {
  return {
    async add(a, b, at) {
      if (!t.blocks.has(pairKey(a, b))) j.set(t.blocks, pairKey(a, b), at);
    },
    async has(a, b) {
      return t.blocks.has(pairKey(a, b));
    },
    async repoint(from, to) {
      let moved = 0;
      for (const [key, at] of [...t.blocks]) {
        const [low, high] = key.split('|') as [UserId, UserId];
        if (low !== from && high !== from) continue;
        j.delete(t.blocks, key);
        const pair = pairKey(low === from ? to : low, high === from ? to : high);
        if (!t.blocks.has(pair)) j.set(t.blocks, pair, at);
        moved++;
      }
      return moved;
    },
  };
}
