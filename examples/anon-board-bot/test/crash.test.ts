import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, type SimulatedUser, startEmulator } from '@anonboard/bot-api-emulator';
import { afterAll, afterEach, beforeEach, expect, it } from 'vitest';
import {
  killMains,
  killRidingMains,
  type MainProcess,
  runMain,
  runRidingMain,
} from './run-main.js';

const dir = mkdtempSync(join(tmpdir(), 'anon-board-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
});
afterEach(async () => {
  await killMains();
  await killRidingMains();
  await emu.close();
});

const textsOf = (user: SimulatedUser) => user.received.map((m) => m.text ?? '');

/** The few better-sqlite3 calls the tests read the file with. */
interface SqliteFile {
  prepare(sql: string): {
    get(...params: unknown[]): unknown;
    all(...params: unknown[]): unknown[];
  };
  close(): void;
}
// better-sqlite3 comes with @anonboard/storage-sqlite; the example does not depend on it itself.
const Sqlite = createRequire(
  new URL('../../../packages/storage-sqlite/package.json', import.meta.url),
)('better-sqlite3') as new (
  path: string,
  options: { readonly: boolean; fileMustExist: boolean },
) => SqliteFile;

/** Reads the SQLite file `path` (read-only) while nothing else writes it. */
function read<T>(path: string, fn: (db: SqliteFile) => T): T {
  const db = new Sqlite(path, { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** An outbox row as the file holds it. */
interface OutboxRow {
  readonly id: number;
  readonly type: string;
  readonly dead: number;
  readonly leaseOwner: string | null;
  readonly leasedUntil: number;
}

/** The outbox's live (not dead) entries, oldest first. */
const liveEntries = (path: string) =>
  read(
    path,
    (db) =>
      db
        .prepare(
          `SELECT id, json_extract(effect, '$.type') AS type, dead, lease_owner AS leaseOwner,
                  leased_until AS leasedUntil
           FROM outbox WHERE dead = 0 ORDER BY id`,
        )
        .all() as OutboxRow[],
  );

/** The lease owner id of the process that holds (or last held) the file. */
const holderOf = (path: string) =>
  read(`${path}-holder`, (db) => db.prepare('SELECT owner FROM holder').get()) as {
    owner: string;
  };

/**
 * The bot as `npm start` runs it (or `run`'s variant of it), on the file `path`; resolves once it
 * says it runs.
 */
async function started(
  path: string,
  run: typeof runMain = runMain,
): Promise<{ main: MainProcess; runningAt: number }> {
  const main = run({
    BOT_TOKEN: emu.token,
    TELEGRAM_API_ROOT: emu.apiRoot,
    DATABASE_PATH: path,
    LOG_LEVEL: 'info',
  });
  await emu.waitFor(() => main.stdout().includes('is running'), { timeout: 30_000 });
  return { main, runningAt: Date.now() };
}

/** The restarted process said once, at info, that it took over `deliveries` in flight. */
function expectResumed(main: MainProcess, deliveries: number): void {
  const resumed = main
    .stdout()
    .split('\n')
    .filter((line) => line.includes('the previous process died with deliveries in flight'));
  expect(resumed).toHaveLength(1);
  expect(JSON.parse(resumed[0] ?? '{}')).toMatchObject({ level: 30, deliveries });
}

/** Bob publishes an ad, Alice writes to him about it, he accepts: an open chat between them. */
async function openChat(bob: SimulatedUser, alice: SimulatedUser): Promise<void> {
  await bob.command('newad', 'Bicycle\nAlmost new');
  const link = await emu.waitFor(() =>
    bob.received.map((m) => /start=(ad_[\w-]+)/.exec(m.text ?? '')?.[1]).find(Boolean),
  );
  await alice.command('start', link);
  await emu.waitFor(() => alice.received.length > 0);
  await alice.send('Is it still for sale?');
  const invite = await emu.waitFor(() => bob.received.find((m) => m.reply_markup));
  await bob.press(invite);
  await emu.waitFor(() => alice.received.some((m) => m.text?.startsWith('✅')));
}

it('kill -9 after Telegram accepted a copy: the restart resumes in seconds, loses nothing, repeats that one copy', async () => {
  const path = join(dir, 'board.sqlite');
  const bob = emu.user({ first_name: 'Bob', language_code: 'en' });
  const alice = emu.user({ first_name: 'Alice', language_code: 'en' });
  const first = await started(path);
  await openChat(bob, alice);
  const before = textsOf(bob).length;

  // Telegram accepts the next copy to Bob (he sees it), and the answer never reaches the bot.
  emu.fail(bob, { kind: 'stall', methods: ['copyMessage'] });
  await alice.send('one');
  await emu.waitFor(() => textsOf(bob).includes('one'));
  // Two more wait in Bob's lane behind the one in flight, committed to the outbox.
  await alice.send('two');
  await alice.send('three');
  await emu.idle();
  first.main.child.kill('SIGKILL');
  expect(await first.main.exited).toBe(null);
  expect(textsOf(bob).slice(before)).toEqual(['one']);

  // The restarted process holds the file, so its dead predecessor's lease ends at once.
  const second = await started(path);
  await emu.waitFor(() => textsOf(bob).includes('three'), {
    timeout: Math.max(0, second.runningAt + 5000 - Date.now()),
  });
  await emu.idle();
  // Nothing lost, in order; the one duplicate is the copy Telegram accepted as the process died.
  expect(textsOf(bob).slice(before)).toEqual(['one', 'one', 'two', 'three']);
  expectResumed(second.main, 1);
  second.main.child.kill('SIGTERM');
  expect(await second.main.exited).toBe(0);
}, 90_000);

it('kill -9 while a sent copy waits for the next relay to record it: the restart sends it again, and the chat goes on', async () => {
  const path = join(dir, 'riding.sqlite');
  const bob = emu.user({ first_name: 'Bob', language_code: 'en' });
  const alice = emu.user({ first_name: 'Alice', language_code: 'en' });
  // The bot, with a lone delivery's record left to the next transaction for ten minutes.
  const first = await started(path, runRidingMain);
  await openChat(bob, alice);
  const before = textsOf(bob).length;

  // Telegram accepts the copy to Bob and the bot hears so; its record waits for the next relay.
  const one = await alice.send('one');
  const riding = new RegExp(`^riding (\\d+) copy ${one.message_id}$`, 'm');
  const entry = Number(await emu.waitFor(() => riding.exec(first.main.stdout())?.[1]));
  expect(textsOf(bob).slice(before)).toEqual(['one']);
  await emu.idle(); // the relay's update is handled: nothing after it recorded the delivery
  first.main.child.kill('SIGKILL');
  expect(await first.main.exited).toBe(null);

  // On the file: the copy Bob has was never recorded; its entry is still leased by the dead one.
  const { owner } = holderOf(path);
  const live = liveEntries(path);
  expect(live.map((e) => e.id)).toEqual([entry]);
  expect(live[0]).toMatchObject({ type: 'copy', dead: 0, leaseOwner: owner });
  expect(live[0]?.leasedUntil).toBeGreaterThan(Date.now());

  // The restarted process (as `npm start` runs it) ends the dead one's lease and sends it again.
  const second = await started(path);
  await emu.waitFor(() => textsOf(bob).length >= before + 2, {
    timeout: Math.max(0, second.runningAt + 5000 - Date.now()),
  });
  expectResumed(second.main, 1);

  // The chat still works; Bob has the copy twice (at least once, not more), nothing else twice.
  await alice.send('two');
  await emu.waitFor(() => textsOf(bob).includes('two'));
  await emu.idle();
  expect(textsOf(bob).slice(before)).toEqual(['one', 'one', 'two']);
  second.main.child.kill('SIGTERM');
  expect(await second.main.exited).toBe(0);
  expect(liveEntries(path)).toEqual([]);
}, 60_000);
