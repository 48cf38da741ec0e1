// 5. Dispatcher vs Telegram's limits: with the emulator enforcing 30 msg/s overall and 1/s per
// chat, how close the outbox gets to 30/s, and how many 429s it collects — paced by the
// transport (the default) and unpaced, for comparison.
import { createTransport, type SendLimits } from '@anonboard/adapter-grammy';
import { startEmulator } from '@anonboard/bot-api-emulator';
import { createBoard, MemoryStorage, silentLogger } from '@anonboard/core';
import { Api } from 'grammy';
import { benchPolicy, loadChats } from './fixtures.js';
import { report, sizes } from './report.js';

const { chats, messages } = sizes({ chats: 60, messages: 300 });

async function run(name: string, limits: SendLimits | false) {
  const emu = await startEmulator({ limits: { perSecond: 30, perChatPerSecond: 1 } });
  const storage = new MemoryStorage();
  const senders = await loadChats(storage, chats);
  // Each sender writes one real message (a relay copies a message that exists), sent before
  // the limits count: the load is the outbox's, not the people's.
  const sent = new Map<string, number>();
  for (let n = 0; n < chats; n++) {
    const author = emu.user({ id: Number(`10${n}`), first_name: `a${n}` });
    const reader = emu.user({ id: Number(`20${n}`), first_name: `r${n}` });
    const sender = n % 2 === 0 ? reader : author;
    sent.set(senders[n] as string, (await sender.send(`hello ${n}`)).message_id);
  }
  const transport = createTransport(new Api(emu.token, { apiRoot: emu.apiRoot }), { limits });
  const board = createBoard({
    policy: benchPolicy,
    storage,
    transport,
    logger: silentLogger,
    dispatcher: { pollIntervalMs: 50 },
  });
  for (let m = 0; m < messages; m++) {
    const user = senders[m % senders.length] as string;
    await board.receive({ user: user as never, messageIds: [sent.get(user) as number] });
  }
  const delivered = () =>
    emu.calls.filter((c) => c.method === 'copyMessage' && c.status === 200).length;
  const started = performance.now();
  board.dispatcher?.start();
  await emu.waitFor(() => delivered() >= messages, { timeout: 600_000, interval: 20 });
  const seconds = (performance.now() - started) / 1000;
  await board.dispatcher?.stop();
  const tooMany = emu.stats.tooManyRequests;
  await emu.close();
  report({ name: `dispatcher.${name}.rate`, value: messages / seconds, unit: 'messages/s' });
  report({ name: `dispatcher.${name}.429s`, value: tooMany, unit: 'responses' });
  return { rate: messages / seconds, tooMany };
}

const paced = await run('paced', { perSecond: 30, perChatPerSecond: 1 });
await run('unpaced', false);
report({
  name: 'dispatcher.paced_share_of_limit',
  value: paced.rate / 30,
  unit: 'ratio',
  compares: 'paced outbox rate ÷ 30 msg/s, with zero 429s',
  goal: 'close to 1, 0 × 429',
  met: paced.tooMany === 0 && paced.rate / 30 >= 0.9,
});
