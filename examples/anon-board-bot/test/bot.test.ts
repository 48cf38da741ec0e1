import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { startEmulator } from '@anonboard/bot-api-emulator';
import { afterAll, describe, expect, it } from 'vitest';
import { createBoardBot } from '../src/bot.js';
import { loadConfig } from '../src/config.js';
import { runSandbox } from '../src/sandbox.js';

const dir = mkdtempSync(join(tmpdir(), 'anon-board-bot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('createBoardBot', () => {
  it('builds the bot from the settings, in the configured default language', async () => {
    const emu = await startEmulator();
    const app = createBoardBot({
      ...loadConfig({ LOCALE: 'en', DATABASE_PATH: join(dir, 'a', 'board.sqlite') }),
      botToken: emu.token,
      apiRoot: emu.apiRoot,
    });
    try {
      await app.start();
      const stranger = emu.user({ first_name: 'Zed', language_code: 'de' });
      await stranger.command('help');
      const help = await emu.waitFor(() => stranger.lastReceived());
      expect(help.text).toContain('How it works');
    } finally {
      await app.stop();
      await emu.close();
    }
    await expect(app.storage.transaction(async () => 1)).rejects.toThrow();
  });
});

describe('the interactive sandbox', () => {
  it('acts as the people typed and prints what each received', async () => {
    const lines: string[] = [];
    const input = Readable.from(
      [
        'bob: /newad Лодка\\nДеревянная',
        'alice open',
        'alice: Сколько?',
        'bob press 1',
        'zed: hi',
        'bob press 9',
        'quit',
        'never read',
      ].join('\n'),
    );
    const code = await runSandbox(loadConfig({}), {
      demo: false,
      input,
      print: (l) => lines.push(l),
    });
    expect(code).toBe(0);
    const out = lines.join('\n');
    expect(out).toContain('bob ← 📢 Объявление «Лодка» опубликовано');
    expect(out).toContain('alice ← ✍️');
    expect(out).toContain('bob ← Сколько?');
    expect(out).toContain('alice ← ✅ Автор объявления «Лодка» принял');
    expect(out).toContain('! "zed" is nobody here');
    expect(out).toContain('! bob has no button 9 to press');
    expect(out).not.toContain('never read');
  });
});
