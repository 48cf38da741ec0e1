// Every entry loads through `require` (their CommonJS builds); prints what each exports.
const entries = {
  '@anonboard/adapter-grammy': 'anonboard',
  '@anonboard/adapter-userbot': 'runCli',
  '@anonboard/admin-app': 'createAdminApp',
  '@anonboard/bot-api-emulator': 'startEmulator',
  '@anonboard/core': 'createBoard',
  '@anonboard/core/sql': 'sqlRows',
  '@anonboard/core/testing': 'RecordingTransport',
  '@anonboard/mini-app': 'createMiniApp',
  '@anonboard/mini-app/web': 'verifyInitData',
  '@anonboard/scorer-llm': 'createOpenAiScorer',
  '@anonboard/storage-postgres': 'openPostgresStorage',
  '@anonboard/storage-sqlite': 'openSqliteStorage',
};
const loaded = {};
for (const [entry, name] of Object.entries(entries)) {
  loaded[entry] = typeof require(entry)[name];
}
console.log(JSON.stringify(loaded));
