// @anonboard/core/testing/vitest: the storage contract suite, written with vitest's `describe`,
// `it` and `expect` (vitest is an optional peer dependency: only this entry needs it).
export { storageContract } from './testing/storage-contract.js';
