import { createHash } from 'node:crypto';
import { normalizeText } from './text/normalize.js';

/**
 * The identity of a message's content for repost detection and the score cache: a hash of its
 * normalised text (case, ё/е, spacing and punctuation do not matter). Empty text has no identity.
 */
export function contentHash(text: string): string {
  const normal = normalizeText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join(' ');
  return normal === '' ? '' : createHash('sha256').update(normal).digest('base64url');
}
