import { createHash } from 'node:crypto';
import { tokenize } from './text/normalize.js';

/**
 * The identity of a message's content for repost detection and the score cache: a hash of its
 * words as the matcher reads them (case, ё/е, spacing, punctuation and look-alike letters do not
 * matter). Empty text has no identity.
 *
 * ```ts
 * contentHash('СРОЧНО: собрание!') === contentHash('срочно собрание'); // true
 * ```
 */
export function contentHash(text: string): string {
  const normal = tokenize(text).join(' ');
  return normal === '' ? '' : createHash('sha256').update(normal).digest('base64url');
}
