import type { LimitRepository } from '../../ports/safety-storage.js';
import type { Journal } from './journal.js';
import type { MemoryTables } from './tables.js';

/** Rate-limit hits (a sliding window per key) and cooldowns. */
export function memoryLimits(t: MemoryTables, j: Journal): LimitRepository {
  return {
    async take(key, now, windowMs, max) {
      const recent = (t.hits.get(key) ?? []).filter((at) => at > now - windowMs);
      const oldest = recent[0] ?? null;
      if (recent.length >= max) {
        j.set(t.hits, key, recent);
        return { allowed: false, oldest };
      }
      j.set(t.hits, key, [...recent, now]);
      return { allowed: true, oldest: oldest ?? now };
    },
    async takeBack(key, at) {
      const hits = t.hits.get(key) ?? [];
      const i = hits.indexOf(at);
      if (i < 0) return;
      const kept = hits.filter((_, n) => n !== i);
      if (kept.length === 0) j.delete(t.hits, key);
      else j.set(t.hits, key, kept);
    },
    async getCooldown(key) {
      return t.cooldowns.get(key);
    },
    async setCooldown(key, cooldown) {
      j.set(t.cooldowns, key, cooldown);
    },
    async purgeBefore(before) {
      let n = 0;
      for (const [key, hits] of t.hits) {
        const kept = hits.filter((at) => at >= before);
        n += hits.length - kept.length;
        if (kept.length === 0) j.delete(t.hits, key);
        else if (kept.length !== hits.length) j.set(t.hits, key, kept);
      }
      for (const [key, c] of t.cooldowns) {
        if (c.lastViolation < before && c.until < before) {
          j.delete(t.cooldowns, key);
          n++;
        }
      }
      return n;
    },
  };
}
