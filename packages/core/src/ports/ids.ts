import { randomBytes } from 'node:crypto';

/** What an id is for; lets deterministic test generators produce readable ids. */
export type IdKind = 'user' | 'ad' | 'invite' | 'chat' | 'token' | 'source' | 'item';

/**
 * Where services get new ids. Ids are unguessable: they end up in deep links and buttons.
 *
 * ```ts
 * let n = 0;
 * const ids: Ids = { next: (kind) => `${kind}${++n}` }; // deterministic, for tests
 * ```
 */
export interface Ids {
  /** A new url-safe id (`[A-Za-z0-9_-]`, at most 32 characters). */
  next(kind: IdKind): string;
}

/** Random ids: 12 random bytes (16 characters) for records, 16 bytes (22 characters) for tokens. */
export const randomIds: Ids = {
  next: (kind) => randomBytes(kind === 'token' ? 16 : 12).toString('base64url'),
};
