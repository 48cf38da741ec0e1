/** One SQL statement of a repository: its text and the name it is prepared under. */
export interface Sql {
  readonly name: string;
  readonly text: string;
}

/**
 * Names each statement of a repository `anonboard_<group>_<key>_<hash of the text>`:
 * node-postgres prepares a named statement once per connection and reuses its parse, and the
 * hash keeps two versions of this package sharing a host's pool from claiming one name for two
 * texts. Unqualified table names resolve through the transaction's `search_path` (the
 * storage's schema); the server re-plans a statement prepared under another schema.
 */
export function defineSql<K extends string>(
  group: string,
  texts: Record<K, string>,
): { readonly [P in K]: Sql } {
  const out = {} as Record<K, Sql>;
  for (const key of Object.keys(texts) as K[]) {
    const text = texts[key];
    out[key] = { name: `anonboard_${group}_${key}_${fnv1a(text)}`, text };
  }
  return out;
}

// --- Internal helpers ---

/** 32-bit FNV-1a of the UTF-16 code units, in base 36 (a short, stable tag; not for security). */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}
