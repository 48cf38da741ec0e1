// Telegram for the CPU comparison, in a process of its own: one emulator per bot, the same simulated
// people on each, and a trickle that sends every message to both bots at the same moment. It times
// each relay from the person's send to the bot's successful `copyMessage` of that message.
// Driven over IPC by cpu-per-relay.ts: `setup` → { bots }, `trickle` → { results }, `close`.
import {
  type ApiCall,
  type Emulator,
  type SimulatedUser,
  startEmulator,
} from '@anonboard/bot-api-emulator';

type Command =
  | { type: 'setup'; bots: number; userIds: number[]; senderIds: number[] }
  | { type: 'trickle'; messages: number; perSecond: number }
  | { type: 'close' };

/** One bot's emulator, the people on it and the relays it saw completed. */
interface Lane {
  readonly emu: Emulator;
  readonly senders: readonly SimulatedUser[];
  /** Send time by `chat:message`, until its copy is seen. */
  readonly pending: Map<string, number>;
  readonly latencies: number[];
  /** Bot API calls by method since the last trickle began. */
  readonly calls: Map<string, number>;
}

const lanes: Lane[] = [];

/** Times a relay: the bot's successful copy of a message the trickle sent. */
function recordCopy(pending: Map<string, number>, latencies: number[], call: ApiCall): void {
  if (call.method !== 'copyMessage' || call.status !== 200) return;
  const key = `${call.params.from_chat_id}:${call.params.message_id}`;
  const sent = pending.get(key);
  if (sent === undefined) return;
  pending.delete(key);
  latencies.push(performance.now() - sent);
}

async function setup(bots: number, userIds: number[], senderIds: number[]) {
  for (let b = 0; b < bots; b++) {
    const pending = new Map<string, number>();
    const latencies: number[] = [];
    const calls = new Map<string, number>();
    const emu = await startEmulator({
      token: `${700_000 + b}:CPU`,
      onCall: (call) => {
        calls.set(call.method, (calls.get(call.method) ?? 0) + 1);
        recordCopy(pending, latencies, call);
      },
    });
    const users = new Map(userIds.map((id) => [id, emu.user({ id, first_name: `u${id}` })]));
    const senders = senderIds.map((id) => users.get(id) as SimulatedUser);
    lanes.push({ emu, senders, pending, latencies, calls });
  }
  return lanes.map((lane) => ({ apiRoot: lane.emu.apiRoot, token: lane.emu.token }));
}

/** Sends `messages` at `perSecond` to every bot at once; resolves when each bot relayed them all. */
async function trickle(messages: number, perSecond: number) {
  for (const lane of lanes) lane.calls.clear();
  const started = performance.now();
  for (let m = 0; m < messages; m++) {
    const due = started + (m * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await Promise.all(
      lanes.map(async (lane) => {
        const sender = lane.senders[m % lane.senders.length] as SimulatedUser;
        const at = performance.now();
        const sent = await sender.send(`message ${m}`);
        lane.pending.set(`${sent.chat.id}:${sent.message_id}`, at);
      }),
    );
  }
  for (const lane of lanes) {
    await lane.emu.waitFor(() => lane.latencies.length >= messages, {
      timeout: 120_000,
      interval: 20,
      message: `a bot relayed ${lane.latencies.length} of ${messages}`,
    });
  }
  return lanes.map((lane) => ({
    relayed: lane.latencies.length,
    latencies: lane.latencies.splice(0),
    calls: Object.fromEntries(lane.calls),
    seconds: (performance.now() - started) / 1000,
  }));
}

process.on('message', async (command: Command) => {
  switch (command.type) {
    case 'setup':
      process.send?.({ bots: await setup(command.bots, command.userIds, command.senderIds) });
      return;
    case 'trickle':
      process.send?.({ results: await trickle(command.messages, command.perSecond) });
      return;
    case 'close':
      for (const lane of lanes) await lane.emu.close();
      process.exit(0);
  }
});
process.send?.({ ready: true });
