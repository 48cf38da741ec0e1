import { randomBytes } from 'node:crypto';
import { type Effect, laneOf } from '../effects.js';
import type { UserId } from '../ids.js';
import { errorSummary, withFields } from '../operations/console-logger.js';
import type { Logger } from '../ports/logger.js';
import type { OutboxEntry, Repositories } from '../ports/storage.js';
import type { DeliveryResult } from '../ports/telemetry.js';
import { type Transport, TransportError, type TransportFailure } from '../ports/transport.js';
import { type BoardContext, type HandOff, observe } from '../shell/context.js';
import type { User } from '../users/user.js';
import { type BackoffPolicy, backoffDelay, defaultBackoff } from './backoff.js';
import {
  afterDelivery,
  afterGivingUp,
  type Delivered,
  type DeliveryParties,
  type DeliveryRules,
  isVoid,
  loseRecipient,
} from './delivery-rules.js';
import { DeliveryRefused, send } from './send.js';

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
  readonly parties: DeliveryParties;
  /** A domain's rule voided it since it was written: it completes without being sent. */
  readonly voided: boolean;
}

type Outcome =
  /** `sent`: what the platform answered; the domains' after-delivery hooks read it. */
  | { done: true; sent?: Delivered }
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

/** The recipient was already marked unreachable: the entry fails without asking the platform. */
const knownUnreachable: Outcome = {
  done: false,
  failure: { kind: 'unreachable' },
  error: 'recipient is unreachable',
  alreadyKnown: true,
};

const failed = (error: unknown): Outcome => {
  if (error instanceof DeliveryRefused) {
    return {
      done: false,
      failure: { kind: 'rejected', reason: error.message },
      error: error.message,
    };
  }
  if (error instanceof TransportError)
    return { done: false, failure: error.failure, error: error.message };
  return { done: false, failure: { kind: 'transient' }, error: String(error) };
};

/**
 * Delivers the outbox through a {@link Transport}: at least once, in order per recipient,
 * retrying rate limits after the time the platform asks and transient errors with backoff,
 * dead-lettering permanent refusals. What a delivery means is not its business: the domains'
 * {@link DeliveryRules} say which deliveries became void, what follows one made or given up on,
 * and what becomes of a person the platform refuses for good (their chats end).
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
    private readonly rules: readonly DeliveryRules[],
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
   * next entry of their lanes) sees them. Undefined (no promise) when none wait.
   */
  recordWithin(tx: Repositories): Promise<HandOff | undefined> | undefined {
    if (this.riders.length === 0) return undefined;
    return this.record(tx, this.riders.splice(0));
  }

  // --- Internal helpers ---

  private async record(tx: Repositories, riders: readonly Rider[]): Promise<HandOff> {
    const lost = new Set<UserId>(); // riders only carry deliveries made: none is lost
    let added = 0;
    for (const rider of riders) {
      clearTimeout(rider.timer);
      for (const [i, prepared] of rider.items.entries()) {
        added += await this.settle(
          tx,
          prepared.entry,
          rider.outcomes[i] as Outcome,
          rider.at,
          lost,
        );
      }
    }
    // Methods, not arrow properties: under tsx (the example bot) each named arrow created per
    // call costs an Object.defineProperty for its name.
    const dispatcher = this;
    return {
      committed() {
        for (const rider of riders) rider.settle(true);
        if (added > 0) dispatcher.kick();
      },
      // The record was undone with the transaction: each records itself.
      rolledBack() {
        for (const rider of riders) rider.settle(false);
      },
    };
  }

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
    // Only a lone delivery rides (a trickle): with others in flight, the flow is steady and this
    // round's own transaction settles a batch and leases the next.
    const quiet = kicks === batch.kicks && outcomes.every((o) => o.done);
    const alone = this.handedOff.size <= 1 && this.riders.length === 0;
    if (mayRide && quiet && alone && this.running && this.rideWaitMs > 0) {
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
    for (const user of lost) await loseRecipient(this.rules, user);
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
        settle(carried) {
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

  /**
   * Leases up to `limit` entries, reads the people their deliveries need and asks the domains
   * whether each still stands, all in the leasing transaction.
   */
  private async lease(tx: Repositories, now: number, limit: number): Promise<Prepared[]> {
    const entries = await tx.outbox.claim(now, limit, this.leaseMs, this.owner);
    // Each person is read once, and the entries' reads are asked all at once: on a storage with
    // round trips the whole batch's people share one, then its void checks another.
    const users = new Map<UserId, Promise<User | undefined>>();
    return Promise.all(
      entries.map(async (entry): Promise<Prepared> => {
        const e = entry.effect;
        const [to, from] = await Promise.all([
          readOnce(tx, users, 'to' in e ? e.to : undefined),
          readOnce(tx, users, e.type === 'copy' ? e.from : undefined),
        ]);
        const parties: DeliveryParties = { to, from };
        return { entry, parties, voided: await isVoid(this.rules, tx, e, parties) };
      }),
    );
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
      if (outcome.sent === undefined) return 0;
      return follow(tx, await afterDelivery(this.rules, tx, entry.effect, outcome.sent, now), now);
    }
    const { failure, error } = outcome;
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
          return this.giveUp(tx, entry, failure, now);
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
        return this.giveUp(tx, entry, failure, now);
      case 'unreachable': {
        await tx.outbox.fail(entry.id, error);
        this.tell({ effect, result: 'unreachable' });
        const to = 'to' in entry.effect ? entry.effect.to : undefined;
        if (to === undefined) return this.giveUp(tx, entry, failure, now);
        if (outcome.alreadyKnown === true) return 0;
        this.logger.info('a recipient blocked the bot or is gone: their chats end', fields);
        lost.add(to);
        return 0;
      }
      default:
        return failure satisfies never;
    }
  }

  /**
   * Dead: the domain that wrote the entry may act on that (a native decision's item waits again);
   * returns how many follow-up effects it added.
   */
  private async giveUp(
    tx: Repositories,
    entry: OutboxEntry,
    failure: TransportFailure,
    now: number,
  ): Promise<number> {
    const why = failure.kind === 'rejected' ? failure.reason : failure.kind;
    return follow(tx, await afterGivingUp(this.rules, tx, entry.effect, why, now), now);
  }

  private tell(event: { effect: Effect['type']; result: DeliveryResult; latencyMs?: number }) {
    observe(this.ctx.telemetry, { type: 'delivery', ...event });
  }

  /** Performs one delivery through the transport; no storage access. */
  private async attempt({ entry, parties, voided }: Prepared): Promise<Outcome> {
    const effect = entry.effect;
    // A recipient already known to be gone comes first: such an entry fails, void or not.
    if ('to' in effect && parties.to?.reachable !== true) return knownUnreachable;
    if (voided) return { done: true };
    return { done: true, sent: await send(this.ctx, this.transport, effect, parties) };
  }
}

/** Reads a person once per lease: the batch's entries share each read (`users`, by id). */
function readOnce(
  tx: Repositories,
  users: Map<UserId, Promise<User | undefined>>,
  id: UserId | undefined,
): Promise<User | undefined> {
  if (id === undefined) return Promise.resolve(undefined);
  const asked = users.get(id);
  if (asked !== undefined) return asked;
  const read = tx.users.get(id);
  users.set(id, read);
  return read;
}

/** Writes the follow-up effects of a settled entry; returns how many. */
async function follow(tx: Repositories, effects: readonly Effect[], now: number): Promise<number> {
  if (effects.length > 0)
    await tx.outbox.add(
      effects.map((e) => ({ lane: laneOf(e), effect: e })),
      now,
    );
  return effects.length;
}
