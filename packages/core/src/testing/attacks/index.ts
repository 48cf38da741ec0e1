import { describe } from 'vitest';

import { badBytes } from './bad-bytes.js';
import { forgettingIsNoWayOut } from './forgetting-is-no-way-out.js';
import { forgettingLeavesNoText } from './forgetting-leaves-no-text.js';
import { noBlockOracle } from './no-block-oracle.js';
import { profileLinks } from './profile-links.js';
import { relayLimitCountsRelays } from './relay-limit-counts-relays.js';
import { repliesToEndedChats } from './replies-to-ended-chats.js';
import type { StorageFactory } from './scene.js';

/**
 * The adversarial suite, one entry per promise the board makes: each plays the abuser against a
 * board on the given storage. `attackContract` runs them all; a storage runs it in one line.
 *
 * ```ts
 * import { attackContract } from '@anonboard/core/testing/vitest';
 * attackContract('SqliteStorage', () => openSqliteStorage({ path: tempPath() }));
 * ```
 */
export const attacks = {
  noBlockOracle,
  repliesToEndedChats,
  badBytes,
  forgettingIsNoWayOut,
  forgettingLeavesNoText,
  profileLinks,
  relayLimitCountsRelays,
} as const satisfies Record<string, (name: string, factory: StorageFactory) => void>;

/** Runs every attack of {@link attacks} on `factory`'s storage (a fresh one per test). */
export function attackContract(name: string, factory: StorageFactory): void {
  describe(`${name} keeps the board's promises under attack`, () => {
    for (const attack of Object.values(attacks)) attack(name, factory);
  });
}

export type { StorageFactory } from './scene.js';
