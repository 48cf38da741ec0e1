import { MemoryStorage } from '@anonboard/core';
import { attacks } from '@anonboard/core/testing/vitest';

// Issue #21: a relay asks its take ahead on a storage that gives takes back (memory, PostgreSQL)
// and only once it counts on one that does not (SQLite). The same attack runs on SQLite and
// PostgreSQL through their contract tests.
attacks.relayLimitCountsRelays('MemoryStorage', () => new MemoryStorage());
