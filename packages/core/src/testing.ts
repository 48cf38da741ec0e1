/**
 * `@anonboard/core/testing`: fakes and records for tests of code built on core. Needs no test
 * runner; the storage contract suite, which runs on vitest, is `@anonboard/core/testing/vitest`.
 *
 * @module @anonboard/core/testing
 */
export {
  type LogLine,
  ManualClock,
  RecordingLogger,
  RecordingTransport,
  type SentMessage,
  SequentialIds,
} from './testing/fakes.js';
export { records } from './testing/records.js';
export { storageSnapshot } from './testing/snapshot.js';
export { storyPlatformIds, writeEveryTable } from './testing/story.js';
