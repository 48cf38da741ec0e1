import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@anonboard/bot-api-emulator';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type MainProcess, runMain } from './run-main.js';

const dir = mkdtempSync(join(tmpdir(), 'anon-board-bot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let emu: Emulator;
const running: MainProcess[] = [];
beforeEach(async () => {
  emu = await startEmulator();
});
afterEach(async () => {
  for (const main of running.splice(0)) {
    if (main.child.exitCode === null) {
      main.child.kill('SIGKILL');
      await main.exited;
    }
  }
  await emu.close();
});

function start(databasePath: string): MainProcess {
  const main = runMain({
    BOT_TOKEN: emu.token,
    TELEGRAM_API_ROOT: emu.apiRoot,
    DATABASE_PATH: databasePath,
  });
  running.push(main);
  return main;
}

const textOf = (m: { text?: string }) => m.text ?? '';

describe('npm start with BOT_TOKEN', () => {
  it('serves the bot, stops cleanly on SIGTERM, and continues from the database after a restart', async () => {
    const path = join(dir, 'nested', 'folder', 'board.sqlite');
    const bob = emu.user({ first_name: 'Bob', language_code: 'en' });
    const alice = emu.user({ first_name: 'Alice', language_code: 'ru' });

    const first = start(path);
    await emu.waitFor(() => first.stdout().includes('is running'), { timeout: 15_000 });
    const commands = await fetch(`${emu.apiRoot}/bot${emu.token}/getMyCommands`).then((r) =>
      r.json(),
    );
    expect(JSON.stringify(commands)).toContain('newad');

    await bob.command('newad', 'Bicycle\nAlmost new');
    const published = await emu.waitFor(() =>
      bob.received.find((m) => textOf(m).includes('?start=')),
    );
    const payload = /start=(ad_[\w-]+)/.exec(textOf(published))?.[1] ?? '';
    await alice.command('start', payload);
    await emu.waitFor(() => alice.received.some((m) => textOf(m).startsWith('✍️')));

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.stdout()).toContain('stopped');
    expect(first.stderr()).toBe('');

    // Restarted: Alice's opened ad is remembered, so her message becomes the invite.
    const second = start(path);
    await emu.waitFor(() => second.stdout().includes('is running'), { timeout: 15_000 });
    await alice.send('Сколько скоростей?');
    await emu.waitFor(() => bob.received.some((m) => textOf(m) === 'Сколько скоростей?'));
    await emu.waitFor(() =>
      bob.received.some((m) => (m.reply_markup?.inline_keyboard.length ?? 0) > 0),
    );
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  });

  it('stops with one clear line and exit code 1 on a bad setting', async () => {
    const main = runMain({ BOT_TOKEN: emu.token, LOCALE: 'fr' });
    expect(await main.exited).toBe(1);
    expect(main.stderr().trim()).toBe('[anonboard] invalid configuration: LOCALE must be ru or en');
    expect(main.stdout()).toBe('');
  });
});
