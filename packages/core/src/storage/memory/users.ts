import type { UserRepository } from '../../ports/storage.js';
import type { User } from '../../users/user.js';
import type { Journal } from './journal.js';
import type { MemoryTables } from './tables.js';

export function memoryUsers(t: MemoryTables, j: Journal): UserRepository {
  return {
    async ensure({ id, platformId, locale, at }) {
      const existing = t.userByPlatform.get(platformId);
      if (existing !== undefined) return t.users.get(existing) as User;
      const user: User = {
        id,
        platformId,
        locale,
        reachable: true,
        banned: false,
        draftAdId: null,
        createdAt: at,
      };
      j.set(t.users, id, user);
      j.set(t.userByPlatform, platformId, id);
      return user;
    },
    async get(id) {
      return t.users.get(id);
    },
    async getByPlatformId(platformId) {
      const id = t.userByPlatform.get(platformId);
      return id === undefined ? undefined : t.users.get(id);
    },
    async update(id, patch) {
      const user = t.users.get(id);
      if (user === undefined) return;
      if (patch.platformId !== undefined && patch.platformId !== user.platformId) {
        j.delete(t.userByPlatform, user.platformId);
        j.set(t.userByPlatform, patch.platformId, id);
      }
      j.set(t.users, id, { ...user, ...patch });
    },
  };
}
