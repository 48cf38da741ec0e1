import type { AdId } from '../../ids.js';
import type { Invite } from '../../invites/invite.js';
import type { InviteRepository } from '../../ports/storage.js';
import type { Journal } from './journal.js';
import { append, type MemoryTables } from './tables.js';

export function memoryInvites(t: MemoryTables, j: Journal): InviteRepository {
  return {
    async insert(invite) {
      const key = `${invite.senderId}|${invite.adId}`;
      if (t.inviteBySenderAd.has(key)) return false;
      j.set(t.invites, invite.id, invite);
      j.set(t.inviteBySenderAd, key, invite.id);
      append(j, t.invitesBySender, invite.senderId, invite.id);
      return true;
    },
    async get(id) {
      return t.invites.get(id);
    },
    async findBySenderAndAd(senderId, adId) {
      const id = t.inviteBySenderAd.get(`${senderId}|${adId}`);
      return id === undefined ? undefined : t.invites.get(id);
    },
    async update(next, expected) {
      if (t.invites.get(next.id)?.status !== expected) return false;
      j.set(t.invites, next.id, next);
      return true;
    },
    async sentSince(senderId, since) {
      let count = 0;
      let oldest: number | null = null;
      for (const id of t.invitesBySender.get(senderId) ?? []) {
        const { createdAt } = t.invites.get(id) as Invite;
        if (createdAt < since) continue;
        count++;
        if (oldest === null || createdAt < oldest) oldest = createdAt;
      }
      return { count, oldest };
    },
    async listPendingBetween(a, b) {
      const out: Invite[] = [];
      for (const [from, to] of [
        [a, b],
        [b, a],
      ] as const) {
        for (const id of t.invitesBySender.get(from) ?? []) {
          const invite = t.invites.get(id) as Invite;
          if (invite.status === 'pending' && invite.recipientId === to) out.push(invite);
        }
      }
      return out;
    },
    async countByStatus(since) {
      const counts: Partial<Record<Invite['status'], number>> = {};
      for (const invite of t.invites.values()) {
        if (invite.createdAt >= since) counts[invite.status] = (counts[invite.status] ?? 0) + 1;
      }
      return counts;
    },
    async countByDay(since) {
      const counts = new Map<string, { day: string; status: Invite['status']; count: number }>();
      for (const invite of t.invites.values()) {
        if (invite.createdAt < since) continue;
        const day = new Date(invite.createdAt).toISOString().slice(0, 10);
        const key = `${day}|${invite.status}`;
        const row = counts.get(key) ?? { day, status: invite.status, count: 0 };
        counts.set(key, { ...row, count: row.count + 1 });
      }
      return [...counts.values()].sort(
        (a, b) => a.day.localeCompare(b.day) || a.status.localeCompare(b.status),
      );
    },
    async countByAd(since, limit) {
      const perAd = new Map<AdId, Map<Invite['status'], number>>();
      for (const invite of t.invites.values()) {
        if (invite.createdAt < since) continue;
        const statuses = perAd.get(invite.adId) ?? new Map<Invite['status'], number>();
        statuses.set(invite.status, (statuses.get(invite.status) ?? 0) + 1);
        perAd.set(invite.adId, statuses);
      }
      const total = (m: Map<Invite['status'], number>) =>
        [...m.values()].reduce((a, b) => a + b, 0);
      return [...perAd.entries()]
        .sort(([a, x], [b, y]) => total(y) - total(x) || a.localeCompare(b))
        .slice(0, limit)
        .flatMap(([adId, statuses]) =>
          [...statuses.entries()]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([status, count]) => ({ adId, status, count })),
        );
    },
    async scrubFrom(senderId) {
      let n = 0;
      for (const id of t.invitesBySender.get(senderId) ?? []) {
        const invite = t.invites.get(id) as Invite;
        j.set(t.invites, id, { ...invite, content: { kind: 'text', text: '' } });
        n++;
      }
      return n;
    },
    async listPendingFor(userId, limit) {
      const out: Invite[] = [];
      for (const invite of t.invites.values()) {
        if (
          invite.status === 'pending' &&
          (invite.senderId === userId || invite.recipientId === userId)
        )
          out.push(invite);
      }
      return out.sort((a, b) => a.createdAt - b.createdAt).slice(0, limit);
    },
    async listPendingCreatedBefore(before, limit) {
      const out: Invite[] = [];
      for (const invite of t.invites.values()) {
        if (invite.status === 'pending' && invite.createdAt < before) out.push(invite);
      }
      return out.sort((x, y) => x.createdAt - y.createdAt).slice(0, limit);
    },
  };
}
