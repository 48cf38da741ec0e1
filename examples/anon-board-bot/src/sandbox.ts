import {
  Inbox,
  playSandbox,
  printLogger,
  type SandboxOptions,
  startSandboxEmulator,
} from '@examples/shared';
import { createBoardBot } from './bot.js';
import type { Config } from './config.js';
import { demoScript } from './demo.js';
import { parseAction, perform } from './sandbox-actions.js';

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
  const { emu, people } = await startSandboxEmulator({
    username: 'anonboard_sandbox_bot',
    first_name: 'Anonboard (sandbox)',
  });
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
    { logger: printLogger(print) },
  );
  /** The `/start` payload of the newest ad link anyone received: what `open` opens. */
  let latestAdPayload: string | undefined;
  const inbox = new Inbox(people, [], {
    print,
    style: { lineBreak: ' ⏎ ', markReplies: true },
    showEdits: false,
    onNew: (message) => {
      latestAdPayload = /\?start=([\w-]+)/.exec(message.text ?? '')?.[1] ?? latestAdPayload;
    },
  });
  return playSandbox(
    {
      emu,
      bot: {
        async start() {
          await app.start();
          print(
            `anonboard sandbox: no BOT_TOKEN, so @${emu.bot.username} runs offline against a local Bot API emulator at ${emu.apiRoot} (database in memory).`,
          );
          print(
            'People: alice (ru), bob (ru), carol (en), dave (ru, the admin: report cards, /stats). Set BOT_TOKEN to run the real bot.',
          );
        },
        async flush() {
          await app.plugin.flushAlbums();
          await app.board.dispatcher?.drain();
        },
        stop: () => app.stop(),
      },
      inbox,
      print,
      help,
      demo: demoScript,
      demoSummary:
        'Demo finished: ad → first message → accept → relay → chooser → decline → /endchat → /block → /report → ban → /export → /stats.',
      parse: (line) => parseAction(line, [...people.keys()]),
      async perform(action) {
        const user = people.get(action.who);
        if (user !== undefined) await perform(user, action, latestAdPayload);
      },
    },
    options,
  );
}
