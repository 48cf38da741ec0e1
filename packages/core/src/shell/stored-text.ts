import { AnonboardError } from '../errors.js';

/** The character no storage can be trusted with: PostgreSQL refuses a NUL in text outright. */
const NUL = '\u0000';

/**
 * Where in `value` (an argument of a facade method) a string holds a character that cannot be
 * stored, as a dotted path (`content.text`); undefined when there is none. Plain objects and
 * arrays are walked; anything else (a Date, a Buffer) is not a text.
 */
export function unstorableTextIn(value: unknown, path = 'text', depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes(NUL) ? path : undefined;
  if (depth > 6 || value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = unstorableTextIn(item, `${path}[${i}]`, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = unstorableTextIn(item, depth === 0 ? key : `${path}.${key}`, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Wraps every async method of a facade (`Board`, `Feed`) so that an argument holding a NUL is
 * refused with `text_invalid` before anything reads or writes: one check at the door, so every
 * storage answers the same (PostgreSQL would fail deep inside, SQLite and memory would keep it).
 * `sync` names the methods that are not async (they take no texts from the outside).
 *
 * ```ts
 * return refuseUnstorableText({ publishAd: (input) => publishAd(ctx, input), explain }, ['explain']);
 * ```
 */
export function refuseUnstorableText<T extends object>(facade: T, sync: readonly (keyof T)[]): T {
  const guarded: Record<string, unknown> = { ...(facade as Record<string, unknown>) };
  for (const [name, member] of Object.entries(facade)) {
    if (typeof member !== 'function' || sync.includes(name as keyof T)) continue;
    const method = member as (...args: unknown[]) => Promise<unknown>;
    guarded[name] = (...args: unknown[]) => {
      for (const arg of args) {
        // The walk that names the field only when there is one (nearly never: every update).
        const field = holdsNul(arg, 0) ? unstorableTextIn(arg) : undefined;
        if (field !== undefined) {
          return Promise.reject(
            new AnonboardError('text_invalid', `${field} contains a NUL character`, { field }),
          );
        }
      }
      return method(...args);
    };
  }
  return guarded as T;
}

/** Whether {@link unstorableTextIn} would find something, without building any path. */
function holdsNul(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return value.includes(NUL);
  if (depth > 6 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (const item of value) if (holdsNul(item, depth + 1)) return true;
    return false;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key in value) {
    if (holdsNul((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}
