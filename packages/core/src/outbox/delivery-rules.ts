import type { Effect } from '../effects.js';
import type { UserId } from '../ids.js';
import type { Repositories } from '../ports/storage.js';
import type { User } from '../users/user.js';

/** The effects of one type (`EffectOf<'copy'>`). */
export type EffectOf<T extends Effect['type']> = Extract<Effect, { type: T }>;

/** Who a delivery involves, read with its lease: the recipient, and a copy's sender. */
export interface DeliveryParties {
  readonly to: User | undefined;
  readonly from: User | undefined;
}

/** What the platform answered a delivery with: the ids of the messages it sent (none for an edit). */
export interface Delivered {
  readonly messageIds: readonly number[];
}

/**
 * True when a delivery must not happen any more (a copy between a pair blocked since it was
 * written): it completes without being sent. Runs in the transaction that leases it.
 */
export type VoidCheck<T extends Effect['type']> = (
  tx: Repositories,
  effect: EffectOf<T>,
  parties: DeliveryParties,
) => Promise<boolean>;

/** What a delivery means to its domain; runs in the transaction that completes it and returns follow-up effects. */
export type AfterDelivery<T extends Effect['type']> = (
  tx: Repositories,
  effect: EffectOf<T>,
  sent: Delivered,
  now: number,
) => Promise<readonly Effect[]>;

/**
 * A delivery was given up on (refused for good, or failing past the last attempt); `why` is the
 * platform's reason. Runs in the transaction that dead-letters it and returns follow-up effects.
 */
export type AfterGivingUp<T extends Effect['type']> = (
  tx: Repositories,
  effect: EffectOf<T>,
  why: string,
  now: number,
) => Promise<readonly Effect[]>;

/**
 * What one domain says about deliveries: the dispatcher leases, sends, retries and settles;
 * whether a delivery still stands and what it means once made (a message link, a card's position,
 * a published item, a person gone) belongs to the domain that wrote the effect. Each domain
 * registers its own (`chatDeliveryRules`, `moderationDeliveryRules`); the facades hand the
 * dispatcher all of them.
 */
export interface DeliveryRules {
  readonly void?: { readonly [T in Effect['type']]?: VoidCheck<T> };
  readonly after?: { readonly [T in Effect['type']]?: AfterDelivery<T> };
  readonly givenUp?: { readonly [T in Effect['type']]?: AfterGivingUp<T> };
  /**
   * The platform refused a recipient for good (they blocked the bot). Runs after the round's
   * transaction, in one of its own, so what it writes is delivered like any other effect.
   */
  readonly unreachable?: (user: UserId) => Promise<void>;
}

/** Whether any domain says this delivery is void. */
export async function isVoid(
  rules: readonly DeliveryRules[],
  tx: Repositories,
  effect: Effect,
  parties: DeliveryParties,
): Promise<boolean> {
  for (const rule of rules) {
    const check = hookFor<VoidCheck<Effect['type']>>(rule.void, effect);
    if (check !== undefined && (await check(tx, effect, parties))) return true;
  }
  return false;
}

/** Runs every domain's hook for a delivery made; returns their follow-up effects, in order. */
export async function afterDelivery(
  rules: readonly DeliveryRules[],
  tx: Repositories,
  effect: Effect,
  sent: Delivered,
  now: number,
): Promise<Effect[]> {
  const effects: Effect[] = [];
  for (const rule of rules) {
    const hook = hookFor<AfterDelivery<Effect['type']>>(rule.after, effect);
    if (hook !== undefined) effects.push(...(await hook(tx, effect, sent, now)));
  }
  return effects;
}

/** Runs every domain's hook for a delivery given up on; returns their follow-up effects, in order. */
export async function afterGivingUp(
  rules: readonly DeliveryRules[],
  tx: Repositories,
  effect: Effect,
  why: string,
  now: number,
): Promise<Effect[]> {
  const effects: Effect[] = [];
  for (const rule of rules) {
    const hook = hookFor<AfterGivingUp<Effect['type']>>(rule.givenUp, effect);
    if (hook !== undefined) effects.push(...(await hook(tx, effect, why, now)));
  }
  return effects;
}

/** Tells every domain that `user` cannot be reached any more. */
export async function loseRecipient(rules: readonly DeliveryRules[], user: UserId): Promise<void> {
  for (const rule of rules) await rule.unreachable?.(user);
}

// --- Internal helpers ---

/** The hook registered for the effect's type (the maps pair each type with its hook's type). */
function hookFor<F>(hooks: object | undefined, effect: Effect): F | undefined {
  return (hooks as Partial<Record<Effect['type'], F>> | undefined)?.[effect.type];
}
