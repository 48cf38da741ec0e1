import { MemoryStorage } from '@anonboard/core';
import { attacks } from '@anonboard/core/testing/vitest';

// Issue #14, item 5. The same attack runs on SQLite and PostgreSQL through their contract tests.
attacks.forgettingLeavesNoText('MemoryStorage', () => new MemoryStorage());
