// 1. Full stack vs the framework: updates/s of a relay load (two people per chat, many chats)
// through real grammY over HTTP against the emulator with SQLite, and in the same run on the
// same emulator a bare grammY echo bot. The emulator and the people run in their own process.
// Goal: our bot ≥ 0.8× the bare bot.
import { type ChildProcess, fork } from 'node:child_process';
import { anonboard, createTransport, startDispatcher } from '@anonboard/adapter-grammy';
import { createBoard } from '@anonboard/core';
import { Api, Bot } from 'grammy';
import { benchPolicy, loadChats, tempSqlite } from './fixtures.js';
import { report, sizes } from './report.js';

const { chats, messages } = sizes({ chats: 100, messages: 3000 });

/** Sends one command to the emulator process and waits for its answer. */
function ask<T>(child: ChildProcess, command: object): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (answer) => resolve(answer as T));
    child.send(command);
  });
}

const child = fork(new URL('./emulator-process.ts', import.meta.url).pathname, [], {
  execArgv: ['--conditions=dev-source', '--import', 'tsx'],
});
await new Promise((resolve) => child.once('message', resolve));

// loadChats gives author `10<n>` and reader `20<n>` platform ids; senders alternate sides.
const sqlite = tempSqlite();
await loadChats(sqlite.storage, chats);
const userIds = Array.from({ length: chats }, (_, n) => [
  Number(`10${n}`),
  Number(`20${n}`),
]).flat();
const senderIds = Array.from({ length: chats }, (_, n) =>
  Number(n % 2 === 0 ? `20${n}` : `10${n}`),
);
const { apiRoot, token } = await ask<{ apiRoot: string; token: string }>(child, {
  type: 'setup',
  userIds,
  senderIds,
});

// Our bot: the anonboard plugin on SQLite, unpaced (the bare bot is not paced either).
const transport = createTransport(new Api(token, { apiRoot }), { limits: false });
const board = createBoard({
  policy: benchPolicy,
  storage: sqlite.storage,
  transport,
  dispatcher: { batchSize: 64 },
});
const ours = new Bot(token, { client: { apiRoot } });
ours.use(anonboard({ board, standalone: true }));
const dispatcher = startDispatcher(board);
void ours.start();
const { rate: ourRate } = await ask<{ rate: number }>(child, {
  type: 'load',
  messages,
  method: 'copyMessage',
});
await ours.stop();
await dispatcher.stop();
await sqlite.dispose();

// The bare bot: the same load, echoed with the same Bot API call a relay makes (copyMessage),
// so both bots cost the server the same and only the bots differ.
const bare = new Bot(token, { client: { apiRoot } });
bare.on('message:text', (ctx) => ctx.copyMessage(ctx.chat.id));
void bare.start();
const { rate: bareRate } = await ask<{ rate: number }>(child, {
  type: 'load',
  messages,
  method: 'copyMessage',
});
await bare.stop();
child.send({ type: 'close' });

report({ name: 'full_stack.anonboard', value: ourRate, unit: 'updates/s' });
report({ name: 'full_stack.bare_grammy_echo', value: bareRate, unit: 'updates/s' });
report({
  name: 'full_stack.ratio',
  value: ourRate / bareRate,
  unit: 'ratio',
  compares: 'anonboard relay updates/s ÷ bare grammY echo updates/s',
  goal: '≥ 0.8',
  met: ourRate / bareRate >= 0.8,
});
