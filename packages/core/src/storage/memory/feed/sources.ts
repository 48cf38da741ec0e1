import type { Source } from '../../../feed/source.js';
import type { SourceRepository } from '../../../ports/feed-storage.js';
import type { Journal } from '../journal.js';
import type { FeedTables } from './tables.js';

export function memorySources(t: FeedTables, j: Journal): SourceRepository {
  return {
    async add(source) {
      const existing = t.sourceByRef.get(source.ref);
      if (existing !== undefined) return t.sources.get(existing) as Source;
      j.set(t.sources, source.id, source);
      j.set(t.sourceByRef, source.ref, source.id);
      return source;
    },
    async get(id) {
      return t.sources.get(id);
    },
    async getByRef(ref) {
      const id = t.sourceByRef.get(ref);
      return id === undefined ? undefined : t.sources.get(id);
    },
    async list() {
      return [...t.sources.values()];
    },
    async remove(id) {
      const source = t.sources.get(id);
      if (source === undefined) return false;
      j.delete(t.sources, id);
      j.delete(t.sourceByRef, source.ref);
      return true;
    },
  };
}
