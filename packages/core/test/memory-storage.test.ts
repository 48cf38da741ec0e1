import { MemoryStorage } from '@anonboard/core';
import { storageContract } from '@anonboard/core/testing';

storageContract('MemoryStorage', () => new MemoryStorage());
