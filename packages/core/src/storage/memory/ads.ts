import type { Ad } from '../../ads/ad.js';
import type { AdId } from '../../ids.js';
import type { AdRepository } from '../../ports/storage.js';
import type { Journal } from './journal.js';
import type { MemoryTables } from './tables.js';

export function memoryAds(t: MemoryTables, j: Journal): AdRepository {
  return {
    async insert(ad) {
      if (t.ads.has(ad.id)) throw new Error(`[anonboard] [memory] ad ${ad.id} exists`);
      j.set(t.ads, ad.id, ad);
      t.adOrder.push(ad.id);
      j.onRollback(() => t.adOrder.pop());
    },
    async get(id) {
      return t.ads.get(id);
    },
    async update(next, expected) {
      const current = t.ads.get(next.id);
      if (current?.status !== expected) return false;
      j.set(t.ads, next.id, next);
      return true;
    },
    async list(q) {
      const needle = q.search?.toLocaleLowerCase();
      let start = t.adOrder.length - 1;
      if (q.after !== undefined) start = t.adOrder.lastIndexOf(q.after) - 1;
      const out: Ad[] = [];
      for (let i = start; i >= 0 && out.length < q.limit; i--) {
        const ad = t.ads.get(t.adOrder[i] as AdId) as Ad;
        if (q.status !== undefined && ad.status !== q.status) continue;
        if (q.authorId !== undefined && ad.authorId !== q.authorId) continue;
        if (
          needle !== undefined &&
          !ad.title.toLocaleLowerCase().includes(needle) &&
          !ad.text.toLocaleLowerCase().includes(needle)
        )
          continue;
        out.push(ad);
      }
      return out;
    },
    async deleteBy(authorId) {
      const gone = new Set(t.adOrder.filter((id) => t.ads.get(id)?.authorId === authorId));
      if (gone.size === 0) return 0;
      for (const id of gone) j.delete(t.ads, id);
      const order = [...t.adOrder];
      t.adOrder.splice(0, t.adOrder.length, ...order.filter((id) => !gone.has(id)));
      j.onRollback(() => t.adOrder.splice(0, t.adOrder.length, ...order));
      return gone.size;
    },
  };
}
