// 7. Several instances on one PostgreSQL database:
//   a) wake-up: how soon an idle instance delivers an outbox entry another instance wrote. Its
//      dispatcher polls hourly, so only LISTEN/NOTIFY can wake it. Goal: p99 ≤ 50 ms.
//   b) relays/s of one instance (a process with its own pool and running dispatcher) vs two on
//      the same database, each relaying for its own half of the chats with updates in flight,
//      an instant transport (no Telegram limits). Goal: two ≥ 1.8× one.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createBoard, type Effect, type UserId } from '@anonboard/core';
import { openPostgresStorage } from '@anonboard/storage-postgres';
import { benchPolicy, CountingTransport, loadChats, relayLoad } from './fixtures.js';
import { masked, serverUrl, tempPostgres } from './postgres.js';
import { percentile, report, sizes } from './report.js';

const { wakes, chats, messages, inFlight } = sizes({
  wakes: 200,
  chats: 200,
  messages: 3000,
  inFlight: 16,
});
const child = process.argv.indexOf('--child');

if (child >= 0) {
  await relayInstance(process.argv[child + 1] ?? '', Number(process.argv[child + 2]));
} else {
  const database = await tempPostgres();
  if (database === undefined) {
    console.log(
      `[anonboard] [bench] scale-out skipped: no PostgreSQL server at ${masked(serverUrl)} (set TEST_DATABASE_URL)`,
    );
  } else {
    try {
      await wakeUps(database.url);
      const one = await relaysOf(database.url, [0]);
      const two = await relaysOf(database.url, [chats, 2 * chats]);
      report({ name: 'scale_out.one_instance', value: one, unit: 'relays/s' });
      report({ name: 'scale_out.two_instances', value: two, unit: 'relays/s' });
      report({
        name: 'scale_out.ratio',
        value: two / one,
        unit: 'ratio',
        compares: 'relays/s of two instances on one PostgreSQL database ÷ of one',
        goal: '≥ 1.8',
        met: two / one >= 1.8,
      });
    } finally {
      await database.dispose();
    }
  }
}

/** Time from one instance's commit to the other's delivery, `wakes` times, spaced out. */
async function wakeUps(url: string): Promise<void> {
  const [writer, idle] = await Promise.all([
    openPostgresStorage({ connectionString: url, max: 2 }),
    openPostgresStorage({ connectionString: url, max: 2 }),
  ]);
  const delivered: ((at: number) => void)[] = [];
  const transport = new (class extends CountingTransport {
    override async sendText(m: Parameters<CountingTransport['sendText']>[0]) {
      delivered.shift()?.(performance.now());
      return super.sendText(m);
    }
  })();
  const board = createBoard({
    storage: idle,
    transport,
    dispatcher: { pollIntervalMs: 3_600_000 },
  });
  board.dispatcher?.start();
  // Until its LISTEN is in place a write may go unheard: let the first one be heard before timing.
  const notice: Effect = { type: 'notify', to: 'u1' as UserId, text: 'relay.noChat' };
  const write = () =>
    writer.transaction((tx) => tx.outbox.add([{ lane: 'user:u1', effect: notice }], Date.now()));
  // The recipient must exist: a notice to nobody is dropped, not sent.
  await writer.transaction((tx) =>
    tx.users.ensure({ id: 'u1' as UserId, platformId: '1', locale: 'ru', at: 0 }),
  );
  const heard = () => new Promise<number>((resolve) => delivered.push(resolve));
  const first = heard();
  for (let tries = 0; ; tries++) {
    await write();
    if (await Promise.race([first.then(() => true), sleep(200).then(() => false)])) break;
    if (tries > 50) throw new Error('[anonboard] [bench] the idle instance never woke up');
  }
  await sleep(500); // the writes that went unheard are delivered with the first
  delivered.length = 0;
  const latencies: number[] = [];
  for (let i = 0; i < wakes; i++) {
    const delivery = heard();
    await write();
    const committed = performance.now();
    latencies.push((await delivery) - committed);
    await sleep(20); // past the writer's NOTIFY gap (10 ms): each write a wake-up of its own
  }
  latencies.sort((x, y) => x - y);
  report({ name: 'scale_out.wake.p50', value: percentile(latencies, 50), unit: 'ms' });
  report({
    name: 'scale_out.wake.p99',
    value: percentile(latencies, 99),
    unit: 'ms',
    goal: '≤ 50',
    met: percentile(latencies, 99) <= 50,
  });
  await board.dispatcher?.stop();
  await Promise.all([writer.close(), idle.close()]);
}

/** Relays/s of instances started together, one process each, relaying for chats from `offsets`. */
async function relaysOf(url: string, offsets: readonly number[]): Promise<number> {
  const children = offsets.map((offset) =>
    spawn(
      process.execPath,
      [
        '--conditions=dev-source',
        '--import',
        'tsx',
        new URL(import.meta.url).pathname,
        '--child',
        url,
        String(offset),
        '--chats',
        String(chats),
        '--messages',
        String(messages),
        '--inFlight',
        String(inFlight),
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    ),
  );
  const exited = children.map((c) => once(c, 'exit'));
  const lines = children.map((c) => createInterface({ input: c.stdout })[Symbol.asyncIterator]());
  const next = async (i: number) => String((await lines[i]?.next())?.value ?? '');
  // Each loads its chats, says "ready", and starts on "go": the loads are not timed.
  for (let i = 0; i < children.length; i++) {
    if ((await next(i)) !== 'ready') throw new Error('[anonboard] [bench] an instance failed');
  }
  const started = performance.now();
  for (const c of children) c.stdin.write('go\n');
  let relays = 0;
  for (let i = 0; i < children.length; i++) relays += Number(await next(i));
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(exited);
  return relays / seconds;
}

/** One instance: its own pool and running dispatcher, relaying for chats offset…offset+chats. */
async function relayInstance(url: string, offset: number): Promise<void> {
  const storage = await openPostgresStorage({ connectionString: url, max: inFlight });
  const senders = await loadChats(storage, chats, offset);
  const board = createBoard({ policy: benchPolicy, storage, transport: new CountingTransport() });
  await relayLoad(board, senders, 200, { inFlight }); // warm-up
  board.dispatcher?.start();
  console.log('ready');
  const input = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  await input.next();
  await relayLoad(board, senders, messages, { inFlight, drainEvery: Number.MAX_SAFE_INTEGER });
  await board.dispatcher?.stop();
  console.log(messages);
  await storage.close();
  process.exit(0);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
