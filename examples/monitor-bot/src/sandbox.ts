import type { SimulatedChannel } from '@anonboard/bot-api-emulator';
import {
  Inbox,
  playSandbox,
  printLogger,
  type SandboxOptions,
  startSandboxEmulator,
} from '@examples/shared';
import { createMonitorBot, type MonitorBot } from './bot.js';
import type { Config } from './config.js';
import { demoScript } from './demo.js';
import { parseAction, perform } from './sandbox-actions.js';

const help = `Act as people in their private chats with the bot, or as a channel:
  bob: /subscribe собрание, отключение воды    send a message or a command (\\n starts a new line)
  city: СРОЧНО: собрание в 19:00              the watched channel posts (the sandbox plays the userbot)
  other: Скидки                               a channel nobody watches posts
  alice press 1                               press button 1 of alice's newest message with buttons
  dave forward city                           forward the channel's newest post to the bot
  carol photo [caption]                       send a photo (after /suggest: a post with media)
  demo · help · quit
alice is the admin: cards arrive in her chat; approved posts go to «Новости района».`;

/** Continuation lines of a long message start under its first line. */
const INDENT = '        ';

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
  const { emu, people } = await startSandboxEmulator({
    username: 'anonboard_monitor_sandbox_bot',
    first_name: 'Monitor (sandbox)',
  });
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
      port: undefined,
    },
    { logger: printLogger(print), dispatcher: { pollIntervalMs: 20 } },
  );
  const inbox = new Inbox(people, [published], {
    print,
    // A card's lines stay lines, indented under its first; a decision edits the card.
    style: { lineBreak: `\n${INDENT}`, markReplies: false },
    showEdits: true,
  });
  return playSandbox(
    {
      emu,
      bot: {
        async start() {
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
        },
        async flush() {
          await app.plugin.flushAlbums();
          await app.feed.dispatcher?.drain();
        },
        stop: () => app.stop(),
      },
      inbox,
      print,
      help,
      demo: demoScript,
      demoSummary:
        'Demo finished: subscription → a watched post matches → approved → published → the subscriber told; an unwatched forward; a suggestion → confirmed → rejected with a reason; /queue, /stats.',
      parse: (line) => parseAction(line, [...people.keys()], [...channels.keys()]),
      async perform(action) {
        if (action.kind === 'post') {
          await postAsUserbotSees(app, channels.get(action.channel), action.text, print);
          return;
        }
        const user = people.get(action.who);
        if (user !== undefined) await perform(user, action, channels);
      },
    },
    options,
  );
}

// --- Internal helpers ---

/** A channel posts; the userbot (played here) hands the post to the feed's ingest. */
async function postAsUserbotSees(
  app: MonitorBot,
  channel: SimulatedChannel | undefined,
  text: string,
  print: (line: string) => void,
): Promise<void> {
  if (channel === undefined) return;
  const post = await channel.post(text);
  const username = channel.chat.username;
  const result = await app.feed.ingest({
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
  print(`    🤖 userbot: «${channel.chat.title}» → ${result.outcome}${score}`);
}
