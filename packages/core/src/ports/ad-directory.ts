import type { AdId, UserId } from '../ids.js';

/** What the board needs to know about an ad to route a first message to its author. */
export interface AdListing {
  readonly id: AdId;
  readonly authorId: UserId;
  readonly title: string;
  readonly status: 'open' | 'closed';
}

/**
 * Where ads live. The built-in directory reads the board's own ad table; an embedding app whose
 * ads live on its own site resolves `adId → author` itself.
 *
 * ```ts
 * const directory: AdDirectory = {
 *   find: async (id) => mySite.ads.get(id), // { id, authorId, title, status }
 * };
 * ```
 */
export interface AdDirectory {
  /** The ad, or undefined when there is none with this id. */
  find(id: AdId): Promise<AdListing | undefined>;
}
