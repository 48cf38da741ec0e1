import { MemoryStorage } from '@anonboard/core';
import { storageContract } from '@anonboard/core/testing/vitest';

storageContract('MemoryStorage', () => new MemoryStorage());
