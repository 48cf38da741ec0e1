import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Emulator, type SimulatedUser, startEmulator } from '@anonboard/bot-api-emulator';
import { type BoardBot, createBoardBot } from './bot.js';
import type { Config } from './config.js';
import { demoScript } from './demo.js';
import { parseAction, perform } from './sandbox-actions.js';
import { Inbox } from './sandbox-view.js';

/** How the sandbox runs: interactively (lines from `input`) or the scripted demo. */
export interface SandboxOptions {
  readonly demo: boolean;
  readonly input?: NodeJS.ReadableStream;
  readonly print?: (line: string) => void;
}

const help = `Act as people in their private chats with the bot:
  bob: /newad Продам гараж\\nКирпичный, 18 м²   send a message or a command (\\n starts a new line)
  alice open                                   open the newest ad link (/start ad_…)
  bob press 1                                  press button 1 of bob's newest message with buttons
  alice reply Хорошо                           reply to the newest message alice received
  alice photo [caption] · alice album · alice contact
  demo · help · quit`;

/**
 * The offline sandbox: the same bot, on an in-memory database, long polling a local Bot API
 * emulator on 127.0.0.1, with four simulated people. Returns the exit code.
 *
 * ```ts
 * process.exitCode = await runSandbox(config, { demo: true });
 * ```
 */
export async function runSandbox(config: Config, options: SandboxOptions): Promise<number> {
  const print = options.print ?? ((line: string) => console.log(line));
  const emu = await startEmulator({
    token: '123456:SANDBOX',
    bot: { username: 'anonboard_sandbox_bot', first_name: 'Anonboard (sandbox)' },
  });
  const people = new Map<string, SimulatedUser>([
    ['alice', emu.user({ first_name: 'Alice', username: 'alice', language_code: 'ru' })],
    ['bob', emu.user({ first_name: 'Bob', username: 'bob', language_code: 'ru' })],
    ['carol', emu.user({ first_name: 'Carol', username: 'carol', language_code: 'en' })],
    ['dave', emu.user({ first_name: 'Dave', language_code: 'ru' })],
  ]);
  const dave = people.get('dave')?.id ?? 0;
  // Offline and in memory: no database server, no HTTP server, no webhook. Dave moderates.
  const app = await createBoardBot(
    {
      ...config,
      adminIds: [...config.adminIds, dave],
      botToken: emu.token,
      apiRoot: emu.apiRoot,
      database: { kind: 'sqlite', path: ':memory:' },
      port: undefined,
      webAppUrl: undefined,
      webhook: undefined,
    },
    { log: print },
  );
  await app.start();
  const inbox = new Inbox(people, print);
  const run = (line: string) => runLine(line, { emu, app, people, inbox, print });

  print(
    `anonboard sandbox: no BOT_TOKEN, so @${emu.bot.username} runs offline against a local Bot API emulator at ${emu.apiRoot} (database in memory).`,
  );
  print(
    'People: alice (ru), bob (ru), carol (en), dave (ru, the admin: report cards, /stats). Set BOT_TOKEN to run the real bot.',
  );
  try {
    if (options.demo) {
      for (const line of demoScript) await run(line);
      print(
        'Demo finished: ad → first message → accept → relay → chooser → decline → /endchat → /block → /report → ban → /export → /stats.',
      );
      return 0;
    }
    print(help);
    const lines = createInterface({ input: options.input ?? process.stdin, terminal: false });
    for await (const line of lines) {
      if (line.trim() === '') continue;
      if ((await run(line)) === 'quit') break;
    }
    lines.close();
    return 0;
  } finally {
    await app.stop();
    await emu.close();
  }
}

// --- Internal helpers ---

interface Sandbox {
  readonly emu: Emulator;
  readonly app: BoardBot;
  readonly people: ReadonlyMap<string, SimulatedUser>;
  readonly inbox: Inbox;
  readonly print: (line: string) => void;
}

async function runLine(line: string, s: Sandbox): Promise<'quit' | undefined> {
  const action = parseAction(line, [...s.people.keys()]);
  switch (action.kind) {
    case 'quit':
      return 'quit';
    case 'help':
      s.print(help);
      return undefined;
    case 'demo':
      for (const step of demoScript) await runLine(step, s);
      return undefined;
    case 'error':
      s.print(`  ! ${action.message}`);
      return undefined;
    default: {
      const user = s.people.get(action.who);
      if (user === undefined) return undefined;
      s.print(`▶ ${line.trim()}`);
      try {
        await perform(user, action, s.inbox.latestAdPayload);
      } catch (error) {
        s.print(`  ! ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
      await settle(s);
      s.inbox.flush();
      return undefined;
    }
  }
}

/**
 * Waits until the bot handled every update and delivered everything it had to say: two quiet
 * rounds in a row, since the background dispatcher may hold a leased delivery (paced) that
 * `drain()` does not wait for.
 */
async function settle(s: Sandbox): Promise<void> {
  const busy = () => s.emu.calls.filter((c) => c.method !== 'getUpdates').length;
  let quiet = 0;
  for (let round = 0; round < 100 && quiet < 2; round++) {
    const before = busy();
    await s.emu.idle({ timeout: 10_000 });
    await s.app.plugin.flushAlbums();
    await s.app.board.dispatcher?.drain();
    await sleep(20);
    quiet = busy() === before ? quiet + 1 : 0;
  }
}
