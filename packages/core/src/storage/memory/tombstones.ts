import type { TombstoneRepository } from '../../ports/safety-storage.js';
import type { Journal } from './journal.js';
import type { MemoryTables } from './tables.js';

export function memoryTombstones(t: MemoryTables, j: Journal): TombstoneRepository {
  return {
    async secret(candidate) {
      const stored = t.secrets.get('tombstone');
      if (stored !== undefined) return stored;
      j.set(t.secrets, 'tombstone', candidate);
      return candidate;
    },
    async put(tombstone) {
      j.set(t.tombstones, tombstone.key, tombstone);
    },
    async banGhost(ghost) {
      for (const tombstone of t.tombstones.values()) {
        if (tombstone.ghost !== ghost) continue;
        j.set(t.tombstones, tombstone.key, { ...tombstone, banned: true });
        return true;
      }
      return false;
    },
    async take(key) {
      const tombstone = t.tombstones.get(key);
      j.delete(t.tombstones, key);
      return tombstone;
    },
  };
}
