import { MemoryStorage } from '@anonboard/core';
import { attacks } from '@anonboard/core/testing/vitest';

// Issue #14, item 2. The same attack runs on SQLite and PostgreSQL through their contract tests.
attacks.noBlockOracle('MemoryStorage', () => new MemoryStorage());
