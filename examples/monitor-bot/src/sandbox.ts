import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type Emulator,
  type SimulatedChannel,
  type SimulatedUser,
  startEmulator,
} from '@anonboard/bot-api-emulator';
import { createMonitorBot, type MonitorBot } from './bot.js';
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

const help = `Act as people in their private chats with the bot, or as a channel:
  bob: /subscribe собрание, отключение воды    send a message or a command (\\n starts a new line)
  city: СРОЧНО: собрание в 19:00              the watched channel posts (the sandbox plays the userbot)
  other: Скидки                               a channel nobody watches posts
  alice press 1                               press button 1 of alice's newest message with buttons
  dave forward city                           forward the channel's newest post to the bot
  carol photo [caption]                       send a photo (after /suggest: a post with media)
  demo · help · quit
alice is the admin: cards arrive in her chat; approved posts go to «Новости района».`;

/**
 * The offline sandbox: the same bot, on an in-memory database, long polling a local Bot API
 * emulator on 127.0.0.1, with four simulated people, the channel it publishes to, a watched
 * source channel and one nobody watches. The sandbox plays the userbot: a post in a channel is
 * ingested as the userbot would. Returns the exit code.
 *
 * ```ts
 * process.exitCode = await runSandbox(config, { demo: true });
 * ```
 */
export async function runSandbox(config: Config, options: SandboxOptions): Promise<number> {
  const print = options.print ?? ((line: string) => console.log(line));
  const emu = await startEmulator({
    token: '123456:SANDBOX',
    bot: { username: 'anonboard_monitor_sandbox_bot', first_name: 'Monitor (sandbox)' },
  });
  const people = new Map<string, SimulatedUser>([
    ['alice', emu.user({ first_name: 'Alice', username: 'alice', language_code: 'ru' })],
    ['bob', emu.user({ first_name: 'Bob', username: 'bob', language_code: 'ru' })],
    ['carol', emu.user({ first_name: 'Carol', username: 'carol', language_code: 'en' })],
    ['dave', emu.user({ first_name: 'Dave', language_code: 'ru' })],
  ]);
  const published = emu.channel({ title: 'Новости района', username: 'district_news' });
  const channels = new Map<string, SimulatedChannel>([
    ['city', emu.channel({ title: 'Городской чат', username: 'city_chat' })],
    ['other', emu.channel({ title: 'Торговый центр', username: 'mall_deals' })],
  ]);
  const admin = people.get('alice');
  const city = channels.get('city');
  if (admin === undefined || city === undefined) throw new Error('the sandbox lost its cast');
  const app = await createMonitorBot(
    {
      ...config,
      botToken: emu.token,
      apiRoot: emu.apiRoot,
      database: { kind: 'sqlite', path: ':memory:' },
      channel: '@district_news',
      adminIds: [admin.id],
      userbot: undefined,
    },
    { log: print, dispatcher: { pollIntervalMs: 20 } },
  );
  const inbox = new Inbox(people, published, print);
  const sandbox: Sandbox = { emu, app, people, channels, inbox, print };
  try {
    await app.start();
    await app.feed.addSource({
      ref: String(city.id),
      title: city.chat.title,
      link: 'https://t.me/city_chat',
    });
    print(
      `anonboard monitor sandbox: no BOT_TOKEN, so @${emu.bot.username} runs offline against a local Bot API emulator at ${emu.apiRoot} (database in memory).`,
    );
    print(
      'People: alice (ru, the admin), bob (ru), carol (en), dave (ru). Channels: city («Городской чат», watched), other («Торговый центр», not watched); posts go to «Новости района».',
    );
    print('Monitoring: the sandbox plays the userbot. Set BOT_TOKEN to run the real bot.');
    if (options.demo) {
      for (const line of demoScript) await runLine(line, sandbox);
      print(
        'Demo finished: subscription → a watched post matches → approved → published → the subscriber told; an unwatched forward; a suggestion → confirmed → rejected with a reason; /queue, /stats.',
      );
      return 0;
    }
    print(help);
    const lines = createInterface({ input: options.input ?? process.stdin, terminal: false });
    for await (const line of lines) {
      if (line.trim() === '') continue;
      if ((await runLine(line, sandbox)) === 'quit') break;
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
  readonly app: MonitorBot;
  readonly people: ReadonlyMap<string, SimulatedUser>;
  readonly channels: ReadonlyMap<string, SimulatedChannel>;
  readonly inbox: Inbox;
  readonly print: (line: string) => void;
}

async function runLine(line: string, s: Sandbox): Promise<'quit' | undefined> {
  const action = parseAction(line, [...s.people.keys()], [...s.channels.keys()]);
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
    case 'post': {
      s.print(`▶ ${line.trim()}`);
      await postAsUserbotSees(s, action.channel, action.text);
      await settle(s);
      s.inbox.flush();
      return undefined;
    }
    default: {
      const user = s.people.get(action.who);
      if (user === undefined) return undefined;
      s.print(`▶ ${line.trim()}`);
      try {
        await perform(user, action, s.channels);
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

/** A channel posts; the userbot (played here) hands the post to the feed's ingest. */
async function postAsUserbotSees(s: Sandbox, name: string, text: string): Promise<void> {
  const channel = s.channels.get(name);
  if (channel === undefined) return;
  const post = await channel.post(text);
  const username = channel.chat.username;
  const result = await s.app.feed.ingest({
    sourceRef: String(channel.id),
    messageId: post.message_id,
    text,
    date: post.date * 1000,
    ...(username === undefined ? {} : { link: `https://t.me/${username}/${post.message_id}` }),
    via: 'userbot',
    key: `sandbox:${channel.id}:${post.message_id}`,
  });
  const score =
    result.score === undefined || result.score === null
      ? ''
      : `, score ${result.score.value.toFixed(2)}: ${result.score.reason}`;
  s.print(`    🤖 userbot: «${channel.chat.title}» → ${result.outcome}${score}`);
}

/** Waits until the bot handled every update and delivered everything it had to say. */
async function settle(s: Sandbox): Promise<void> {
  const busy = () => s.emu.calls.filter((c) => c.method !== 'getUpdates').length;
  for (let round = 0; round < 100; round++) {
    const before = busy();
    await s.emu.idle({ timeout: 10_000 });
    await s.app.plugin.flushAlbums();
    await s.app.feed.dispatcher?.drain();
    await sleep(20);
    if (busy() === before) return;
  }
}
