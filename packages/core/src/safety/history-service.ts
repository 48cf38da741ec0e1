import type { Chat } from '../chats/chat.js';
import { labelChats } from '../chats/labels.js';
import type { Locale, UserId } from '../ids.js';
import { expireInvites } from '../invites/invite-service.js';
import type { BoardContext } from '../shell/context.js';
import { found, unitOfWork } from '../shell/context.js';
import type { Texts } from '../texts/texts.js';
import { FORGOTTEN, isForgotten } from '../users/user.js';
import { closeEverythingOf } from './ban.js';
import { eraseWordsOf, purgeDeliveriesBefore } from './erase.js';
import { leaveTombstone } from './tombstone.js';

/** A person's own history: their chats and messages, by role, never with the other's identity. */
export interface HistoryExport {
  readonly chats: readonly {
    readonly label: string;
    readonly role: 'author' | 'reader';
    readonly status: Chat['status'];
    readonly openedAt: number;
    readonly messages: readonly {
      readonly mine: boolean;
      readonly summary: string;
      readonly at: number;
    }[];
  }[];
}

/** Everything kept about a person's chats (within the retention period), for `/export`. */
export function exportHistory(ctx: BoardContext, user: UserId): Promise<HistoryExport> {
  return ctx.storage.transaction(async (tx) => {
    const chats = await tx.chats.listFor(user, 1000);
    const labels = labelChats(chats);
    const out = [];
    for (const chat of chats) {
      const messages = await tx.history.ofChat(chat.id, 10_000);
      out.push({
        label: labels.get(chat.id) ?? chat.label,
        role: chat.authorId === user ? ('author' as const) : ('reader' as const),
        status: chat.status,
        openedAt: chat.openedAt,
        messages: messages.map((m) => ({ mine: m.from === user, summary: m.summary, at: m.at })),
      });
    }
    return { chats: out };
  });
}

/** The export as a text document in the person's language. */
export function renderHistory(
  texts: Texts,
  history: HistoryExport,
  locale: Locale,
  retentionDays: number,
): string {
  if (history.chats.every((c) => c.messages.length === 0))
    return texts.render('history.exportEmpty', undefined, locale);
  const you = texts.render('history.you', undefined, locale);
  const peer = texts.render('history.peer', undefined, locale);
  const chats = history.chats
    .filter((c) => c.messages.length > 0)
    .map((c) => {
      const lines = c.messages.map(
        (m) =>
          `[${new Date(m.at).toISOString().slice(0, 16).replace('T', ' ')}] ${m.mine ? you : peer}: ${m.summary}`,
      );
      return [`«${c.label}»`, ...lines].join('\n');
    })
    .join('\n\n');
  return texts.render('history.export', { days: retentionDays, chats }, locale);
}

/**
 * `/forgetme`: ends the person's chats (the other sides hear they ended), ends their pending
 * invites, deletes the messages they sent and the texts of their first messages, drops their
 * subscription, deletes their ads, their buttons and the deliveries carrying their words, puts a
 * placeholder for their words in reports (see {@link eraseWordsOf}), and anonymises them: the
 * platform id is replaced, so the
 * next message from that account starts a new person. What must outlive forgetting does, without
 * the platform id: their blocks and ban, under a keyed one-way tombstone (see
 * {@link leaveTombstone}), so the account comes back blocked by the same people, and banned.
 * Returns how many messages went.
 */
export async function forgetUser(
  ctx: BoardContext,
  input: { user: UserId; key?: string },
): Promise<{ messages: number }> {
  const forgotten = await unitOfWork(ctx, input.key, async (tx, emit, now) => {
    const user = found(await tx.users.get(input.user), 'user', input.user);
    await closeEverythingOf(tx, emit, now, input.user, 'end');
    const messages = await tx.history.deleteFrom(input.user);
    await tx.invites.scrubFrom(input.user);
    await tx.feed.subscriptions.remove(input.user);
    const ghost = ctx.ids.next('user') as UserId;
    const reported = await eraseWordsOf(ctx, tx, emit, now, input.user, ghost);
    if (!isForgotten(user)) await leaveTombstone(tx, user, ghost, now, reported > 0);
    await tx.users.update(input.user, {
      platformId: `${FORGOTTEN}${input.user}`,
      reachable: false,
      draftAdId: null,
      locale: ctx.texts.defaultLocale,
    });
    return { messages };
  });
  // What the storage keeps outside its tables (an old WAL frame) goes too; a failure is logged.
  await ctx.storage.eraseTraces?.().catch((error: unknown) => {
    ctx.logger.warn('could not erase the storage’s traces of a forgotten person', {
      error: error instanceof Error ? error.message : String(error),
    });
  });
  return forgotten;
}

/** What one round of {@link maintain} did. */
export interface MaintenanceReport {
  readonly expiredInvites: number;
  /** Relayed messages past the retention period. */
  readonly purgedMessages: number;
  /** Buttons past `actionTokenTtlMs` (or the retention period, when shorter). */
  readonly purgedTokens: number;
  /** Outbox entries, delivered or dead, written before the retention period. */
  readonly purgedDeliveries: number;
}

/**
 * Housekeeping, to run now and then (e.g. hourly): expires stale invites, deletes history past
 * the retention period and the buttons and outbox entries (undelivered or dead) written before
 * it, deletes expired buttons, and forgets old rate-limit counters and update keys.
 */
export async function maintain(ctx: BoardContext): Promise<MaintenanceReport> {
  const expiredInvites = await expireInvites(ctx);
  const { purgedTokens, purgedDeliveries } = await purgeLeftovers(ctx);
  let purgedMessages = 0;
  for (;;) {
    const n = await unitOfWork(ctx, undefined, async (tx, _emit, now) => {
      const before = now - ctx.policy.historyRetentionMs;
      const purged = await tx.history.purgeBefore(before, 5000);
      if (purged < 5000) {
        await tx.limits.purgeBefore(
          now - 2 * ctx.policy.cooldownDecayMs * ctx.policy.cooldownStepsMs.length,
        );
        await tx.inbox.purgeBefore(before);
      }
      return purged;
    });
    purgedMessages += n;
    if (n < 5000) return { expiredInvites, purgedMessages, purgedTokens, purgedDeliveries };
  }
}

/** Deletes expired buttons and outbox entries written before the retention period. */
async function purgeLeftovers(
  ctx: BoardContext,
): Promise<{ purgedTokens: number; purgedDeliveries: number }> {
  let purgedTokens = 0;
  for (;;) {
    const n = await unitOfWork(ctx, undefined, (tx, _emit, now) => {
      const { actionTokenTtlMs, historyRetentionMs } = ctx.policy;
      return tx.tokens.purgeBefore(now - Math.min(actionTokenTtlMs, historyRetentionMs), 5000);
    });
    purgedTokens += n;
    if (n < 5000) break;
  }
  const purgedDeliveries = await unitOfWork(ctx, undefined, (tx, _emit, now) =>
    purgeDeliveriesBefore(tx, now - ctx.policy.historyRetentionMs),
  );
  return { purgedTokens, purgedDeliveries };
}
