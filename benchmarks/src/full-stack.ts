// 1. Full stack vs the framework: updates/s of a relay load (two people per chat, many chats)
// through real grammY over HTTP against the emulator with SQLite, and in the same run on the
// same emulator a bare grammY echo bot. Goal: our bot ≥ 0.8× the bare bot.
import { anonboard, createTransport, startDispatcher } from '@anonboard/adapter-grammy';
import { type Emulator, type SimulatedUser, startEmulator } from '@anonboard/bot-api-emulator';
import { createBoard } from '@anonboard/core';
import { Api, Bot } from 'grammy';
import { loadChats, tempSqlite } from './fixtures.js';
import { report, sizes } from './report.js';

const { chats, messages } = sizes({ chats: 100, messages: 3000 });

/** Sends `messages` texts round-robin from `senders` and waits until `delivered()` reaches it. */
async function load(
  emu: Emulator,
  senders: SimulatedUser[],
  delivered: () => number,
): Promise<number> {
  const before = delivered();
  const started = performance.now();
  for (let m = 0; m < messages; m++)
    await (senders[m % senders.length] as SimulatedUser).send(`message ${m}`);
  await emu.waitFor(() => delivered() - before >= messages, { timeout: 300_000, interval: 5 });
  return messages / ((performance.now() - started) / 1000);
}

const emu = await startEmulator();
const people = new Map<number, SimulatedUser>();
const user = (id: number) => {
  const existing = people.get(id);
  if (existing !== undefined) return existing;
  const created = emu.user({ id, first_name: `u${id}` });
  people.set(id, created);
  return created;
};

// Our bot: the anonboard plugin on SQLite; chats loaded straight into storage.
const sqlite = tempSqlite();
const senderIds = await loadChats(sqlite.storage, chats);
const transport = createTransport(new Api(emu.token, { apiRoot: emu.apiRoot }), { limits: false });
const board = createBoard({ storage: sqlite.storage, transport, dispatcher: { batchSize: 64 } });
const ours = new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
ours.use(anonboard({ board }));
const dispatcher = startDispatcher(board);
void ours.start();
// loadChats gives author `10<n>` and reader `20<n>` platform ids; senders alternate sides.
const senders = senderIds.map((_, n) => user(Number(n % 2 === 0 ? `20${n}` : `10${n}`)));
for (let n = 0; n < chats; n++) {
  user(Number(`10${n}`));
  user(Number(`20${n}`));
}
const copies = () => emu.calls.filter((c) => c.method === 'copyMessage' && c.status === 200).length;
const ourRate = await load(emu, senders, copies);
await ours.stop();
await dispatcher.stop();
await sqlite.dispose();

// The bare bot: the same load, answered by an echo.
const bare = new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
bare.on('message:text', (ctx) => ctx.reply(ctx.message.text));
void bare.start();
const replies = () =>
  emu.calls.filter((c) => c.method === 'sendMessage' && c.status === 200).length;
const bareRate = await load(emu, senders, replies);
await bare.stop();
await emu.close();

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
