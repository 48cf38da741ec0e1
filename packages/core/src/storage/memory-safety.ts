import type { ChatId, UserId } from '../ids.js';
import type {
  Cooldown,
  HistoryRecord,
  HistoryRepository,
  LimitRepository,
  Tombstone,
  TombstoneRepository,
} from '../ports/safety-storage.js';
import type { Journal } from './journal.js';

/** Rate-limit counters, cooldowns and relay history, in memory. */
export class MemorySafetyState {
  readonly hits = new Map<string, number[]>();
  readonly cooldowns = new Map<string, Cooldown>();
  history: HistoryRecord[] = [];
  readonly secrets = new Map<string, string>();
  readonly tombstones = new Map<string, Tombstone>();

  tombstoneRepository(j: Journal): TombstoneRepository {
    const s = this;
    return {
      async secret(candidate) {
        const stored = s.secrets.get('tombstone');
        if (stored !== undefined) return stored;
        j.set(s.secrets, 'tombstone', candidate);
        return candidate;
      },
      async put(tombstone) {
        j.set(s.tombstones, tombstone.key, tombstone);
      },
      async banGhost(ghost) {
        for (const tombstone of s.tombstones.values()) {
          if (tombstone.ghost !== ghost) continue;
          j.set(s.tombstones, tombstone.key, { ...tombstone, banned: true });
          return true;
        }
        return false;
      },
      async take(key) {
        const tombstone = s.tombstones.get(key);
        j.delete(s.tombstones, key);
        return tombstone;
      },
    };
  }

  limits(j: Journal): LimitRepository {
    const s = this;
    return {
      async take(key, now, windowMs, max) {
        const recent = (s.hits.get(key) ?? []).filter((at) => at > now - windowMs);
        const oldest = recent[0] ?? null;
        if (recent.length >= max) {
          j.set(s.hits, key, recent);
          return { allowed: false, oldest };
        }
        j.set(s.hits, key, [...recent, now]);
        return { allowed: true, oldest: oldest ?? now };
      },
      async getCooldown(key) {
        return s.cooldowns.get(key);
      },
      async setCooldown(key, cooldown) {
        j.set(s.cooldowns, key, cooldown);
      },
      async purgeBefore(before) {
        let n = 0;
        for (const [key, hits] of s.hits) {
          const kept = hits.filter((at) => at >= before);
          n += hits.length - kept.length;
          if (kept.length === 0) j.delete(s.hits, key);
          else if (kept.length !== hits.length) j.set(s.hits, key, kept);
        }
        for (const [key, c] of s.cooldowns) {
          if (c.lastViolation < before && c.until < before) {
            j.delete(s.cooldowns, key);
            n++;
          }
        }
        return n;
      },
    };
  }

  historyRepository(j: Journal): HistoryRepository {
    const s = this;
    const replace = (next: HistoryRecord[]) => {
      const before = s.history;
      s.history = next;
      j.onRollback(() => {
        s.history = before;
      });
    };
    const ofChat = (chatId: ChatId) => s.history.filter((r) => r.chatId === chatId);
    return {
      async add(record) {
        // Appending in place keeps relays O(1); rollback truncates back.
        const length = s.history.length;
        s.history.push(record);
        j.onRollback(() => {
          s.history.length = length;
        });
      },
      async lastOfChat(chatId, limit) {
        return ofChat(chatId).slice(-limit);
      },
      async ofChat(chatId, limit) {
        return ofChat(chatId).slice(0, limit);
      },
      async purgeBefore(before, limit) {
        const old = s.history.filter((r) => r.at < before).slice(0, limit);
        if (old.length > 0) replace(s.history.filter((r) => !old.includes(r)));
        return old.length;
      },
      async deleteFrom(userId: UserId) {
        const kept = s.history.filter((r) => r.from !== userId);
        const n = s.history.length - kept.length;
        if (n > 0) replace(kept);
        return n;
      },
    };
  }
}
