/**
 * Schema v4: outbox leases name their owner (a dispatcher of one storage instance), so a new
 * instance that knows its predecessor is dead (it holds the file now) ends that predecessor's
 * leases at once instead of waiting for them to expire, and a live one can renew its own.
 */
export const schemaV4 = /* sql */ `
ALTER TABLE outbox ADD COLUMN lease_owner TEXT;
`;
