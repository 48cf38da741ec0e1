import { randomBytes } from 'node:crypto';
import type { Chat } from '../chats/chat.js';
import { type Effect, type EffectButton, laneOf } from '../effects.js';
import type { ChatId, UserId } from '../ids.js';
import { cardDelivered, markPublished } from '../moderation/moderation-service.js';
import { nativeDecisionRefused } from '../moderation/native-decisions.js';
import { errorSummary, withFields } from '../operations/console-logger.js';
import type { Logger } from '../ports/logger.js';
import type { OutboxEntry, Repositories } from '../ports/storage.js';
import type { DeliveryResult } from '../ports/telemetry.js';
import {
  type ButtonRows,
  type Transport,
  TransportError,
  type TransportFailure,
} from '../ports/transport.js';
import { type BoardContext, type HandOff, observe } from '../shell/context.js';
import { renderFitting, shortenText } from '../texts/fit.js';
import type { TextKey, TextParams } from '../texts/keys.js';
import type { User } from '../users/user.js';
import { type BackoffPolicy, backoffDelay, defaultBackoff } from './backoff.js';

/** Tuning of the dispatcher. */
export interface DispatcherOptions {
  /** Entries leased per round (each from a different lane, delivered concurrently). Default 32. */
  readonly batchSize?: number;
  /**
   * How long a lease holds before another dispatcher may take the entry. A heartbeat renews the
   * leases of deliveries still in flight every third of it, so it bounds only how long the
   * entries of a dispatcher that died wait (unless its storage releases them at once, as SQLite's
   * does for the process that held the file before). Default 15 s.
   */
  readonly leaseMs?: number;
  /**
   * How long the heartbeat keeps one round's deliveries leased at most, from the moment it leased
   * them: a delivery that hangs (a Bot API that stops answering) lets its lease lapse then, and
   * another dispatcher may deliver the entry (perhaps a second time). At least `leaseMs`.
   * Default 60 s.
   */
  readonly maxHoldMs?: number;
  /**
   * How often to look for due entries when nothing wakes it (its own board's writes wake it, and
   * other instances' writes when the storage can watch the outbox: PostgreSQL). Default 500 ms.
   */
  readonly pollIntervalMs?: number;
  /**
   * How long a delivery handed off by the transaction that wrote it waits for the next such
   * transaction (the next relay) to record it, so a steady trickle costs one transaction per
   * relay instead of two. Past it, or when anything wakes the dispatcher, it records itself. A
   * crash meanwhile sends it again (at least once). Default 100 ms; 0 records each at once.
   */
  readonly rideWaitMs?: number;
  readonly backoff?: Partial<BackoffPolicy>;
}

/** An entry with everything its delivery needs, read in the round's first transaction. */
interface Prepared {
  readonly entry: OutboxEntry;
  readonly to: User | undefined;
  readonly from: User | undefined;
  readonly chat: Chat | undefined;
}

type Outcome =
  /** `delivered` runs in the transaction that completes the entry; it may emit follow-up effects. */
  | { done: true; delivered?: (tx: Repositories) => Promise<readonly Effect[]> }
  | { done: false; failure: TransportFailure; error: string; alreadyKnown?: boolean };

/** A leased batch: when it was leased, and the wake-ups counted before it looked. */
interface Leased {
  readonly items: readonly Prepared[];
  readonly at: number;
  readonly kicks: number;
}

/** At most this many handed-off batches are delivered at once; past it, the loop takes over. */
const MAX_HANDED_OFF = 4;

/** A delivered batch waiting to be recorded by a transaction that writes the outbox anyway. */
interface Rider {
  readonly items: readonly Prepared[];
  readonly outcomes: readonly Outcome[];
  /** When the deliveries were made (their latency is measured up to it). */
  readonly at: number;
  /** Whether a committed transaction recorded it (false: record it yourself). */
  readonly settle: (carried: boolean) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/** The recipient was already marked unreachable: fail the entry without asking the platform. */
class KnownUnreachable extends Error {}

const failed = (error: unknown): Outcome => {
  if (error instanceof KnownUnreachable) {
    return {
      done: false,
      failure: { kind: 'unreachable' },
      error: error.message,
      alreadyKnown: true,
    };
  }
  if (error instanceof TransportError)
    return { done: false, failure: error.failure, error: error.message };
  return { done: false, failure: { kind: 'transient' }, error: String(error) };
};

/**
 * Delivers the outbox through a {@link Transport}: at least once, in order per recipient,
 * retrying rate limits after the time the platform asks and transient errors with backoff,
 * dead-lettering permanent refusals, and ending the chats of people who became unreachable.
 * Each round is one transaction whatever its size: it settles a batch and leases the next. The
 * transaction that writes new entries (a relay, a first message) leases them itself when the
 * dispatcher is running and their lanes are free, so a quiet bot delivers a relay with no
 * transaction of the dispatcher's to find it: one to write it, one to settle it.
 *
 * ```ts
 * const board = createBoard({ storage, transport });
 * board.dispatcher.start();           // deliver in the background
 * await board.dispatcher.drain();     // or: deliver everything due now (tests, scripts)
 * await board.dispatcher.stop();
 * ```
 */
export class Dispatcher {
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly maxHoldMs: number;
  private readonly pollIntervalMs: number;
  private readonly rideWaitMs: number;
  private readonly backoff: BackoffPolicy;
  private readonly logger: Logger;
  /** Whose leases this dispatcher's are: the storage's owner id, or one of its own. */
  readonly owner: string;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  /** Counts wake-ups, so a loop that was woken while it looked knows to look again. */
  private kicks = 0;
  /** Deliveries of batches handed off by the transactions that wrote them. */
  private readonly handedOff = new Set<Promise<void>>();
  /** Delivered hand-offs waiting for the next transaction that writes the outbox to record them. */
  private riders: Rider[] = [];
  private unwatch: (() => void) | undefined;

  constructor(
    private readonly ctx: BoardContext,
    private readonly transport: Transport,
    private readonly loseUser: (user: UserId) => Promise<void>,
    options: DispatcherOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 32;
    this.leaseMs = options.leaseMs ?? 15_000;
    this.maxHoldMs = Math.max(this.leaseMs, options.maxHoldMs ?? 60_000);
    this.owner = ctx.storage.leaseOwner ?? randomBytes(12).toString('base64url');
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.rideWaitMs = options.rideWaitMs ?? 100;
    this.backoff = { ...defaultBackoff, ...options.backoff };
    this.logger = withFields(ctx.logger, { component: 'outbox' });
  }

  /** Starts delivering in the background. Idempotent. */
  start(): void {
    if (this.running) return;
    this.running = true;
    // Entries committed by other instances wake it too, when the storage can tell.
    this.unwatch = this.ctx.storage.watchOutbox?.(() => this.kick(), { logger: this.logger });
    this.loop = this.run();
  }

  /** Stops after the deliveries in flight finish. */
  async stop(): Promise<void> {
    this.running = false;
    this.unwatch?.();
    this.unwatch = undefined;
    this.wake?.();
    this.dropRiders();
    await this.loop;
    await Promise.all(this.handedOff);
    this.loop = undefined;
  }

  /** Wakes the background loop: new effects were committed. */
  kick(): void {
    this.kicks++;
    this.wake?.();
    // Something waits to be delivered (perhaps behind a lane a rider still holds): record now.
    this.dropRiders();
  }

  /** Delivers everything due now, round after round, until nothing due is left; returns how many entries it handled. */
  async drain(): Promise<number> {
    this.dropRiders();
    let total = 0;
    for (let batch = await this.claim(); ; ) {
      if (batch.items.length > 0) {
        total += batch.items.length;
        batch = await this.deliver(batch, true);
      } else if (batch.kicks === this.kicks) {
        return total;
      } else {
        // Something was written after it looked (a lost recipient's notices): look again.
        batch = await this.claim();
      }
    }
  }

  /** Leases one batch and delivers it; returns how many entries it handled. */
  async round(): Promise<number> {
    const batch = await this.claim();
    if (batch.items.length === 0) return 0;
    await this.deliver(batch, false);
    return batch.items.length;
  }

  /**
   * Inside the transaction that just wrote `count` entries: leases what is due now (those entries
   * among it, unless their lanes are busy) and returns what delivers it after the commit, then
   * keeps going while more is due. Undefined (the caller kicks instead) when the dispatcher is
   * not running, has enough deliveries of this kind in flight, or nothing was due.
   */
  async takeWithin(
    tx: Repositories,
    now: number,
    count: number,
  ): Promise<(() => void) | undefined> {
    if (!this.running || this.handedOff.size >= MAX_HANDED_OFF) return undefined;
    const items = await this.lease(tx, now, Math.min(count, this.batchSize));
    if (items.length === 0) return undefined;
    // Entries it wrote that wait behind the leased ones (the same lane) follow at once: their
    // record does not wait for the next relay.
    const rides = items.length === count;
    return () => {
      const delivering = this.pump({ items, at: now, kicks: this.kicks }, rides).finally(() =>
        this.handedOff.delete(delivering),
      );
      this.handedOff.add(delivering);
    };
  }

  /**
   * At the start of a transaction of the board's: records there the deliveries made since the
   * last one (it commits anyway), so what it reads (a reply's link to its copy) and writes (the
   * next entry of their lanes) sees them. Undefined when none wait.
   */
  async recordWithin(tx: Repositories): Promise<HandOff | undefined> {
    if (this.riders.length === 0) return undefined;
    const riders = this.riders.splice(0);
    const lost = new Set<UserId>(); // riders only carry deliveries made: none is lost
    let added = 0;
    for (const rider of riders) {
      clearTimeout(rider.timer);
      for (const [i, prepared] of rider.items.entries()) {
        added += await this.settle(tx, prepared.entry, rider.outcomes[i] as Outcome, rider.at, lost);
      }
    }
    return {
      committed: () => {
        for (const rider of riders) rider.settle(true);
        if (added > 0) this.kick();
      },
      // The record was undone with the transaction: each records itself.
      rolledBack: () => {
        for (const rider of riders) rider.settle(false);
      },
    };
  }

  // --- Internal helpers ---

  private async run(): Promise<void> {
    let batch: Leased = { items: [], at: 0, kicks: -1 };
    while (this.running) {
      try {
        batch = batch.items.length > 0 ? await this.deliver(batch, true) : await this.claim();
      } catch (error) {
        this.logger.error('a delivery round failed; retrying', { error: errorSummary(error) });
        batch = { items: [], at: 0, kicks: this.kicks };
      }
      if (batch.items.length > 0 || !this.running) continue;
      // Woken while it looked: look again, the new entries may have been committed too late.
      if (batch.kicks !== this.kicks) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.pollIntervalMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /**
   * Delivers a handed-off batch and whatever becomes due after it, until nothing is; the record of
   * its first batch may ride the next transaction (`rides`).
   */
  private async pump(first: Leased, rides: boolean): Promise<void> {
    let batch = first;
    try {
      batch = await this.deliver(batch, this.running, rides);
      while (batch.items.length > 0) batch = await this.deliver(batch, this.running);
    } catch (error) {
      this.logger.error('a delivery round failed; retrying', { error: errorSummary(error) });
      this.kick();
    }
  }

  /** Leases a batch in a transaction of its own. */
  private async claim(): Promise<Leased> {
    const at = this.ctx.clock.now();
    const kicks = this.kicks;
    const items = await this.ctx.storage.transaction((tx) => this.lease(tx, at, this.batchSize));
    return { items, at, kicks };
  }

  /**
   * Delivers a leased batch and settles it in one transaction; with `next`, that transaction
   * also leases the next batch (what became due meanwhile, follow-ups and each lane's next
   * entry among it), so a steady flow costs one transaction per round.
   */
  private async deliver(batch: Leased, next: boolean, mayRide = false): Promise<Leased> {
    const { storage, clock } = this.ctx;
    const heartbeat = this.heartbeat(
      batch.items.map((p) => p.entry.id),
      batch.at,
    );
    let outcomes: Outcome[];
    try {
      outcomes = await Promise.all(batch.items.map((p) => this.attempt(p).catch(failed)));
    } finally {
      await heartbeat.stop();
    }
    const kicks = this.kicks;
    // A quiet flow (nothing written meanwhile that waits): the next relay's transaction records
    // these deliveries and leases what follows them, so a relay costs one transaction, not two.
    const quiet = kicks === batch.kicks && outcomes.every((o) => o.done);
    if (mayRide && quiet && this.running && this.rideWaitMs > 0) {
      if (await this.ride(batch.items, outcomes, clock.now())) {
        return { items: [], at: batch.at, kicks };
      }
    }
    const lost = new Set<UserId>();
    const settled = await storage.transaction(async (tx) => {
      let added = 0;
      const now = clock.now();
      for (const [i, prepared] of batch.items.entries()) {
        const outcome = outcomes[i] as Outcome;
        added += await this.settle(tx, prepared.entry, outcome, now, lost);
      }
      const items = next ? await this.lease(tx, now, this.batchSize) : [];
      return { added, items, at: now };
    });
    for (const user of lost) await this.loseUser(user);
    // Follow-ups were leased with the next batch when there is one; otherwise wake the loop.
    if (settled.added > 0 && !next) this.kick();
    return { items: settled.items, at: settled.at, kicks };
  }

  /**
   * Waits for a transaction that writes the outbox to record `items` as delivered; resolves true
   * once one committed that record, false when the caller must record them itself (nothing came
   * within `rideWaitMs`, the dispatcher was woken or stopped, or that transaction rolled back).
   */
  private ride(
    items: readonly Prepared[],
    outcomes: readonly Outcome[],
    at: number,
  ): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const rider: Rider = {
        items,
        outcomes,
        at,
        settle: (carried) => {
          clearTimeout(rider.timer);
          resolve(carried);
        },
        timer: setTimeout(() => this.dropRider(rider), this.rideWaitMs),
      };
      this.riders.push(rider);
    });
  }

  private dropRider(rider: Rider): void {
    const i = this.riders.indexOf(rider);
    if (i < 0) return;
    this.riders.splice(i, 1);
    rider.settle(false);
  }

  /** Every waiting rider records itself now. */
  private dropRiders(): void {
    for (const rider of this.riders.splice(0)) rider.settle(false);
  }

  /**
   * Renews the leases of `ids` every third of the lease while their deliveries are in flight (a
   * pause of the pacer, a slow network), so no other dispatcher takes them meanwhile; never past
   * `maxHoldMs` after `leasedAt`.
   */
  private heartbeat(ids: readonly number[], leasedAt: number): { stop(): Promise<void> } {
    const { storage, clock } = this.ctx;
    let renewing: Promise<unknown> = Promise.resolve();
    const timer = setInterval(() => {
      const until = Math.min(clock.now() + this.leaseMs, leasedAt + this.maxHoldMs);
      renewing = storage
        .transaction((tx) => tx.outbox.renew(ids, this.owner, until))
        .catch((error: unknown) =>
          this.logger.warn('could not renew the leases of deliveries in flight', {
            error: errorSummary(error),
          }),
        );
    }, this.leaseMs / 3);
    return {
      async stop() {
        clearInterval(timer);
        await renewing;
      },
    };
  }

  /** Leases up to `limit` entries and reads the people and chats their deliveries need. */
  private async lease(tx: Repositories, now: number, limit: number): Promise<Prepared[]> {
    const entries = await tx.outbox.claim(now, limit, this.leaseMs, this.owner);
    const users = new Map<UserId, User | undefined>();
    const user = async (id: UserId | undefined) => {
      if (id === undefined) return undefined;
      if (!users.has(id)) users.set(id, await tx.users.get(id));
      return users.get(id);
    };
    const prepared: Prepared[] = [];
    for (const entry of entries) {
      const e = entry.effect;
      const chatId: ChatId | undefined = e.type === 'copy' ? e.chatId : undefined;
      prepared.push({
        entry,
        to: await user('to' in e ? e.to : undefined),
        from: await user(e.type === 'copy' ? e.from : undefined),
        chat: chatId === undefined ? undefined : await tx.chats.get(chatId),
      });
    }
    return prepared;
  }

  /** Records what became of one entry; returns how many follow-up effects it added. */
  private async settle(
    tx: Repositories,
    entry: OutboxEntry,
    outcome: Outcome,
    now: number,
    lost: Set<UserId>,
  ): Promise<number> {
    const effect = entry.effect.type;
    const fields = { entry: entry.id, effect, attempt: entry.attempts + 1 };
    if (outcome.done) {
      await tx.outbox.complete(entry.id);
      this.tell({ effect, result: 'ok', latencyMs: Math.max(0, now - entry.createdAt) });
      const effects = (await outcome.delivered?.(tx)) ?? [];
      if (effects.length > 0)
        await tx.outbox.add(
          effects.map((e) => ({ lane: laneOf(e), effect: e })),
          now,
        );
      return effects.length;
    }
    const { failure, error } = outcome;
    // A native decision the platform will not take: its item waits again (the domain's hook).
    const givenUp = async (): Promise<number> => {
      const e = entry.effect;
      if (e.type !== 'approveSuggestion' && e.type !== 'declineSuggestion') return 0;
      const why = failure.kind === 'rejected' ? failure.reason : failure.kind;
      const effects = await nativeDecisionRefused(this.ctx, tx, e, why, now);
      if (effects.length > 0)
        await tx.outbox.add(
          effects.map((f) => ({ lane: laneOf(f), effect: f })),
          now,
        );
      return effects.length;
    };
    switch (failure.kind) {
      case 'rate_limited':
        this.logger.warn('rate limited by the platform: the delivery waits', {
          ...fields,
          retryAfterMs: failure.retryAfterMs,
        });
        this.tell({ effect, result: 'rate_limited' });
        await tx.outbox.retry(entry.id, now + failure.retryAfterMs, error);
        return 0;
      case 'transient': {
        if (entry.attempts + 1 >= this.backoff.maxAttempts) {
          this.logger.error('a delivery kept failing: given up, kept as dead', {
            ...fields,
            error,
          });
          this.tell({ effect, result: 'dead' });
          await tx.outbox.fail(entry.id, error);
          return givenUp();
        }
        const retryInMs = backoffDelay(entry.attempts, this.backoff);
        this.logger.warn('a delivery failed: retrying', { ...fields, retryInMs, error });
        this.tell({ effect, result: 'transient' });
        await tx.outbox.retry(entry.id, now + retryInMs, error);
        return 0;
      }
      case 'rejected':
        this.logger.error('the platform refused a delivery for good: kept as dead', {
          ...fields,
          error,
        });
        this.tell({ effect, result: 'dead' });
        await tx.outbox.fail(entry.id, error);
        return givenUp();
      case 'unreachable': {
        await tx.outbox.fail(entry.id, error);
        this.tell({ effect, result: 'unreachable' });
        const to = 'to' in entry.effect ? entry.effect.to : undefined;
        if (to === undefined) return givenUp();
        if (outcome.alreadyKnown === true) return 0;
        this.logger.info('a recipient blocked the bot or is gone: their chats end', fields);
        if (to !== undefined) lost.add(to);
        return 0;
      }
      default:
        return failure satisfies never;
    }
  }

  private tell(event: { effect: Effect['type']; result: DeliveryResult; latencyMs?: number }) {
    observe(this.ctx.telemetry, { type: 'delivery', ...event });
  }

  /** Performs one delivery through the transport; no storage access. */
  private async attempt({ entry, to: recipient, from, chat }: Prepared): Promise<Outcome> {
    const effect = entry.effect;
    if (effect.type === 'publish') {
      await this.transport.publish({
        channel: effect.channel,
        text: effect.text,
        ...(effect.media === undefined ? {} : { media: { files: effect.media.files } }),
      });
      const itemId = effect.itemId;
      if (itemId === undefined) return { done: true };
      return {
        done: true,
        delivered: (tx) => markPublished(this.ctx, tx, itemId, this.ctx.clock.now()),
      };
    }
    if (effect.type === 'approveSuggestion' || effect.type === 'declineSuggestion') {
      return this.decideNatively(effect);
    }
    const to = reachable(recipient);
    const { texts, policy } = this.ctx;
    // Whatever it says must fit the platform: the person's text gives way, visibly; anything
    // still too long is cut rather than refused (a refused message would be lost).
    const render = (
      key: TextKey,
      params: TextParams | undefined,
      fit?: { readonly param: string; readonly note?: TextKey },
    ): string => {
      const limit = policy.maxMessageLength;
      if (fit === undefined || params === undefined) {
        return shortenText(texts.render(key, params, to.locale), limit);
      }
      return renderFitting(texts, {
        key,
        params,
        locale: to.locale,
        field: fit.param,
        limit,
        ...(fit.note === undefined ? {} : { note: fit.note }),
      }).text;
    };
    const buttons = (
      rows: readonly (readonly EffectButton[])[] | undefined,
    ): ButtonRows | undefined =>
      rows?.map((row) =>
        row.map((b) => ({ text: texts.render(b.label, b.params, to.locale), token: b.token })),
      );
    switch (effect.type) {
      case 'notify': {
        const rows = buttons(effect.buttons);
        const sent = await this.transport.sendText({
          to: to.platformId,
          text: render(effect.text, effect.params, effect.fit),
          ...(rows === undefined ? {} : { buttons: rows }),
        });
        const card = effect.card;
        if (card === undefined) return { done: true };
        // Remember where the card is, so the decision can revise every admin's copy of it.
        return {
          done: true,
          delivered: (tx) => cardDelivered(tx, card, effect.to, sent.messageId),
        };
      }
      case 'copy': {
        // Nothing flows between a blocked pair, nor from a banned person, not even what was
        // queued before the block or the ban.
        if (chat?.status === 'blocked' || from?.banned === true) return { done: true };
        if (from === undefined) {
          return {
            done: false,
            failure: { kind: 'rejected', reason: 'sender unknown' },
            error: 'sender unknown',
          };
        }
        const rows = buttons(effect.buttons);
        const copied = await this.transport.copy({
          to: to.platformId,
          from: from.platformId,
          messageIds: effect.messageIds,
          ...(effect.replyTo === undefined ? {} : { replyTo: effect.replyTo }),
          ...(rows === undefined ? {} : { buttons: rows }),
        });
        const chatId = effect.chatId;
        if (chatId === undefined) return { done: true };
        return {
          done: true,
          delivered: async (tx) => {
            await linkCopies(
              tx,
              chatId,
              effect.from,
              effect.messageIds,
              effect.to,
              copied.messageIds,
            );
            return [];
          },
        };
      }
      case 'media':
        await this.transport.sendMedia({ to: to.platformId, files: effect.media.files });
        return { done: true };
      case 'edit':
        await this.transport.edit({
          to: to.platformId,
          messageId: effect.messageId,
          text: effect.text,
          part: effect.part,
        });
        return { done: true };
      case 'revise':
        // Without buttons in the effect the revised notice has none: Telegram drops them on edit.
        await this.transport.edit({
          to: to.platformId,
          messageId: effect.messageId,
          text: render(effect.text, effect.params),
          part: 'text',
          buttons: buttons(effect.buttons) ?? [],
        });
        return { done: true };
      default:
        return effect satisfies never;
    }
  }

  /**
   * Approves or declines a suggested post on the platform. An approval the platform took is the
   * item's publication (the platform publishes it and tells its author).
   */
  private async decideNatively(
    effect: Extract<Effect, { type: 'approveSuggestion' | 'declineSuggestion' }>,
  ): Promise<Outcome> {
    const { transport } = this;
    if (effect.type === 'declineSuggestion') {
      if (transport.declineSuggestion === undefined) return cannot('decline suggested posts');
      await transport.declineSuggestion({
        chat: effect.chat,
        messageId: effect.messageId,
        ...(effect.comment === undefined ? {} : { comment: effect.comment }),
      });
      return { done: true };
    }
    if (transport.approveSuggestion === undefined) return cannot('approve suggested posts');
    await transport.approveSuggestion({
      chat: effect.chat,
      messageId: effect.messageId,
      ...(effect.sendAt === undefined ? {} : { sendAt: effect.sendAt }),
    });
    const itemId = effect.itemId;
    return {
      done: true,
      delivered: (tx) => markPublished(this.ctx, tx, itemId, this.ctx.clock.now()),
    };
  }
}

/** The transport has no way to do it: refused for good. */
function cannot(what: string): Outcome {
  const error = `the transport cannot ${what}`;
  return { done: false, failure: { kind: 'rejected', reason: error }, error };
}

function reachable(user: User | undefined): User {
  if (user === undefined || !user.reachable) throw new KnownUnreachable('recipient is unreachable');
  return user;
}

async function linkCopies(
  tx: Repositories,
  chatId: ChatId,
  from: UserId,
  originals: readonly number[],
  to: UserId,
  copies: readonly number[],
): Promise<void> {
  const n = Math.min(originals.length, copies.length);
  for (let i = 0; i < n; i++) {
    await tx.messages.link(
      chatId,
      { userId: from, messageId: originals[i] as number },
      { userId: to, messageId: copies[i] as number },
    );
  }
}
