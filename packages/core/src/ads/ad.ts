import type { AdId, UserId } from '../ids.js';

/** An ad on the board. */
export type Ad = {
  readonly id: AdId;
  readonly authorId: UserId;
  /** Short title shown in lists, invites and chat labels. */
  readonly title: string;
  readonly text: string;
  readonly createdAt: number;
} & ({ readonly status: 'open' } | { readonly status: 'closed'; readonly closedAt: number });

/** Events of the ad machine. */
export type AdEvent =
  | { readonly type: 'close'; readonly by: UserId; readonly at: number }
  /** Taken down by moderators (its author was banned, or forgotten). */
  | { readonly type: 'takeDown'; readonly at: number };
