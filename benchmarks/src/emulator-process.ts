// The Bot API emulator and the simulated people, in a process of their own (as Telegram is
// another machine): the bots under test get a core to themselves. Driven over IPC by
// full-stack.ts: `setup` → { apiRoot, token }, `load` → { rate }, `close`.
import { type SimulatedUser, startEmulator } from '@anonboard/bot-api-emulator';

type Command =
  | { type: 'setup'; userIds: number[]; senderIds: number[] }
  | { type: 'load'; messages: number; method: string }
  | { type: 'close' };

const emu = await startEmulator();
let senders: SimulatedUser[] = [];
const succeeded = (method: string) =>
  emu.calls.filter((c) => c.method === method && c.status === 200).length;

process.on('message', async (command: Command) => {
  switch (command.type) {
    case 'setup': {
      const users = new Map(
        command.userIds.map((id) => [id, emu.user({ id, first_name: `u${id}` })]),
      );
      senders = command.senderIds.map((id) => users.get(id) as SimulatedUser);
      process.send?.({ apiRoot: emu.apiRoot, token: emu.token });
      return;
    }
    case 'load': {
      const before = succeeded(command.method);
      const started = performance.now();
      for (let m = 0; m < command.messages; m++)
        await (senders[m % senders.length] as SimulatedUser).send(`message ${m}`);
      await emu.waitFor(() => succeeded(command.method) - before >= command.messages, {
        timeout: 300_000,
        interval: 5,
      });
      process.send?.({ rate: command.messages / ((performance.now() - started) / 1000) });
      return;
    }
    case 'close':
      await emu.close();
      process.exit(0);
  }
});
process.send?.({ ready: true });
