// A small board bot built only from the installed tarballs, run against the emulator (also from
// its tarball): Bob publishes an ad, Alice opens it and writes, Bob accepts, Alice's next message
// is copied to Bob. Prints what each side saw, as JSON.
import { anonboard, createTransport, startDispatcher } from '@anonboard/adapter-grammy';
import { startEmulator } from '@anonboard/bot-api-emulator';
import { createBoard, MemoryStorage, silentLogger } from '@anonboard/core';
import { Api, Bot } from 'grammy';

const emu = await startEmulator();
const api = () => new Api(emu.token, { apiRoot: emu.apiRoot });
const board = createBoard({
  storage: new MemoryStorage(),
  transport: createTransport(api()),
  dispatcher: { pollIntervalMs: 20 },
  logger: silentLogger,
});
const bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
bot.use(anonboard({ board, standalone: true }));
const dispatcher = startDispatcher(board);
await new Promise((resolve, reject) => {
  bot.start({ timeout: 1, onStart: resolve }).catch(reject);
});

const textOf = (m) => m.text ?? m.caption ?? '';
const waitForText = (user, fragment) =>
  emu.waitFor(() => user.received.find((m) => textOf(m).includes(fragment)), {
    timeout: 20_000,
    message: `${user.user.first_name} to receive “${fragment}”`,
  });

try {
  const bob = emu.user({ id: 1001, first_name: 'Bob', language_code: 'en' });
  const alice = emu.user({ id: 1002, first_name: 'Alice', language_code: 'en' });
  await bob.command('newad', 'Skis\n180 cm');
  const link = await waitForText(bob, '?start=ad_');
  const payload = /start=(ad_[\w-]+)/.exec(textOf(link))?.[1];
  await alice.command('start', payload);
  await alice.send('Still for sale?');
  const invite = await emu.waitFor(
    () => bob.received.find((m) => m.reply_markup?.inline_keyboard?.length),
    { timeout: 20_000, message: 'Bob to get the invite' },
  );
  await bob.press(invite);
  await emu.waitFor(() => alice.received.length >= 3, { timeout: 20_000, message: 'the chat' });
  await alice.send('Tomorrow at six?');
  await waitForText(bob, 'Tomorrow at six?');
  console.log(
    JSON.stringify({
      invite: textOf(invite),
      bob: bob.received.map(textOf),
      alice: alice.received.map(textOf),
    }),
  );
} finally {
  await bot.stop();
  await dispatcher.stop();
  await emu.close();
}
