/**
 * Schema v4: outbox leases name their owner (one dispatcher of one instance), so a live owner
 * renews its own leases (a heartbeat keeps short leases alive during slow deliveries) and a
 * dead one's can be released at once. Runs with `search_path` set to the storage's schema.
 */
export const schemaV4 = /* sql */ `
ALTER TABLE outbox ADD COLUMN lease_owner text;
`;
