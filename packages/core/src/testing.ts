// @anonboard/core/testing: the storage contract suite and fakes for tests of code built on core.
export {
  type LogLine,
  ManualClock,
  RecordingLogger,
  RecordingTransport,
  type SentMessage,
  SequentialIds,
} from './testing/fakes.js';
export { records } from './testing/records.js';
export { storageContract } from './testing/storage-contract.js';
export { storyPlatformIds, writeEveryTable } from './testing/story.js';
