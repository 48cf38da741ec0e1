import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, type SimulatedUser, startEmulator } from '@anonboard/bot-api-emulator';
import { afterAll, afterEach, beforeEach, expect, it } from 'vitest';
import { killMains, type MainProcess, runMain } from './run-main.js';

const dir = mkdtempSync(join(tmpdir(), 'anon-board-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
});
afterEach(async () => {
  await killMains();
  await emu.close();
});

const textsOf = (user: SimulatedUser) => user.received.map((m) => m.text ?? '');

/** The bot as `npm start` runs it, on the file `path`; resolves once it says it runs. */
async function started(path: string): Promise<{ main: MainProcess; runningAt: number }> {
  const main = runMain({
    BOT_TOKEN: emu.token,
    TELEGRAM_API_ROOT: emu.apiRoot,
    DATABASE_PATH: path,
    LOG_LEVEL: 'info',
  });
  await emu.waitFor(() => main.stdout().includes('is running'), { timeout: 30_000 });
  return { main, runningAt: Date.now() };
}

it('kill -9 after Telegram accepted a copy: the restart resumes in seconds, loses nothing, repeats that one copy', async () => {
  const path = join(dir, 'board.sqlite');
  const bob = emu.user({ first_name: 'Bob', language_code: 'en' });
  const alice = emu.user({ first_name: 'Alice', language_code: 'en' });
  const first = await started(path);

  // An open chat between Alice and Bob.
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
  const resumed = second.main
    .stdout()
    .split('\n')
    .filter((line) => line.includes('the previous process died with deliveries in flight'));
  expect(resumed).toHaveLength(1);
  expect(JSON.parse(resumed[0] ?? '{}')).toMatchObject({ level: 30, deliveries: 1 });
  second.main.child.kill('SIGTERM');
  expect(await second.main.exited).toBe(0);
}, 90_000);
