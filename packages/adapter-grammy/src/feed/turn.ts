import type { AnonboardError, Locale, UserId } from '@anonboard/core';
import type { ResolvedFeedOptions } from './options.js';

/**
 * The feed's own words for a refused press: `invalid_state` means the decision was already taken
 * (by another admin, or by a double press), unless an admin approves while no channel is
 * configured to publish to. Undefined for other refusals (the feed explains them).
 */
export async function lateOrMisplaced(
  o: ResolvedFeedOptions,
  error: AnonboardError,
  locale: Locale,
  presser: UserId | undefined,
): Promise<string | undefined> {
  if (error.code !== 'invalid_state') return undefined;
  const { channel, admins } = await o.feed.settings();
  const unpublishable = channel === null && presser !== undefined && admins.includes(presser);
  return o.texts.render(unpublishable ? 'feed.noChannel' : 'feed.alreadyHandled', {}, locale);
}
