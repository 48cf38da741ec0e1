import type { AdId, Locale, UserId } from '../ids.js';

/** A person known to the board. `platformId` is the only place a platform id is kept. */
export interface User {
  readonly id: UserId;
  /** Platform address (Telegram: the user id as a string). Never shown to anyone else. */
  readonly platformId: string;
  readonly locale: Locale;
  /** False once the platform refused delivery for good (e.g. the bot was blocked). */
  readonly reachable: boolean;
  /** Banned from the board by a moderator: can no longer write, invite or publish. */
  readonly banned: boolean;
  /** The ad this person opened to write to; their next message becomes the invite. */
  readonly draftAdId: AdId | null;
  readonly createdAt: number;
}

/** What a forgotten person's platform id is replaced with, followed by their internal id. */
export const FORGOTTEN = 'forgotten:';

/** True for a person who ran `/forgetme`: only an internal placeholder is left of them. */
export function isForgotten(user: User): boolean {
  return user.platformId.startsWith(FORGOTTEN);
}
