import type { PolicyOverrides } from '@anonboard/core';

const plenty = { max: 1_000_000, windowMs: 60_000 };

/**
 * Rate limits out of the way: these tests race two processes over many invites and relay
 * hundreds of messages a second, far beyond what the board allows one person.
 */
export const unlimited: PolicyOverrides = {
  invitesPerDay: 1_000_000,
  invitesPerRecipientPerDay: 1_000_000,
  sameTextInvitesPerDay: 1_000_000,
  rateLimits: { relay: plenty, invite: plenty, ad: plenty, report: plenty },
};
