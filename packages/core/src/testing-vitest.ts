/**
 * `@anonboard/core/testing/vitest`: the storage contract suite and the adversarial suite, written
 * with vitest's `describe`, `it` and `expect` (vitest is an optional peer dependency: only this
 * entry needs it).
 *
 * @module @anonboard/core/testing/vitest
 */
export { attackContract, attacks, type StorageFactory } from './testing/attacks/index.js';
export { storageContract } from './testing/storage-contract.js';
