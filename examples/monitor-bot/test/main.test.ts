import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@anonboard/bot-api-emulator';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { killMains, runMain } from './support/run-main.js';

const dir = mkdtempSync(join(tmpdir(), 'monitor-bot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
});
afterEach(async () => {
  await killMains();
  await emu.close();
});

const textOf = (m: { text?: string }) => m.text ?? '';
const hasButtons = (m: { reply_markup?: { inline_keyboard: unknown[] } }) =>
  (m.reply_markup?.inline_keyboard.length ?? 0) > 0;

describe('pnpm start with BOT_TOKEN', () => {
  it('moderates into the channel, says monitoring is off, and stops cleanly on SIGTERM', async () => {
    const channel = emu.channel({ title: 'Новости района', username: 'district_news' });
    const admin = emu.user({ first_name: 'Admin', language_code: 'ru' });
    const author = emu.user({
      first_name: 'Author',
      username: 'author_secret',
      language_code: 'en',
    });
    const main = runMain({
      BOT_TOKEN: emu.token,
      TELEGRAM_API_ROOT: emu.apiRoot,
      DATABASE_PATH: join(dir, 'nested', 'monitor.sqlite'),
      CHANNEL_ID: '@district_news',
      ADMIN_IDS: String(admin.id),
    });
    // A cold start transpiles the sources (tsx): slow on a busy machine.
    await emu.waitFor(() => main.stdout().includes('is running'), { timeout: 40_000 });
    expect(main.stdout()).toContain(
      '[anonboard] [userbot] monitoring is off: set TG_API_ID, TG_API_HASH, TG_SESSION',
    );
    expect(main.stdout()).toContain('monitoring off); publishing to @district_news');

    await author.command('suggest', 'Street market on Sunday');
    const preview = await emu.waitFor(() => author.received.find(hasButtons));
    await author.press(preview);
    const card = await emu.waitFor(() => admin.received.find(hasButtons));
    expect(textOf(card)).toContain('Street market on Sunday');
    await admin.press(card);
    await emu.waitFor(() => channel.lastPost()?.text === 'Street market on Sunday');
    await emu.waitFor(() => author.received.some((m) => textOf(m).includes('was published')));

    main.child.kill('SIGTERM');
    expect(await main.exited).toBe(0);
    expect(main.stdout()).toContain('stopped; the state is in');
    expect(main.stderr()).toBe('');
  }, 90_000);

  it('stops with one clear line per bad setting and exit code 1', async () => {
    const main = runMain({ BOT_TOKEN: emu.token, LOCALE: 'fr', CHANNEL_ID: '@news' });
    expect(await main.exited).toBe(1);
    expect(main.stderr().trim().split('\n')).toEqual([
      '[anonboard] invalid configuration: LOCALE must be ru or en',
      '[anonboard] invalid configuration: ADMIN_IDS is required: the Telegram user ids of the moderators',
    ]);
    expect(main.stdout()).toBe('');
  });
});
