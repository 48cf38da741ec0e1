import { publishDue } from './direct-messages/decisions.js';
import { EmulatorError } from './errors.js';
import type { Fault } from './faults.js';
import { listen } from './http/server.js';
import type { RateLimits } from './limits.js';
import type { ApiCall, EmulatorStats } from './runtime.js';
import { createRuntime } from './setup.js';
import {
  type ChannelInit,
  createSimulatedChannel,
  type SimulatedChannel,
} from './simulation/channels.js';
import { createSimulatedUser, type SimulatedUser, type UserInit } from './simulation/users.js';
import type { ChatStore } from './state.js';
import type { BotUser, ChannelChat, PrivateChat, Update, User } from './telegram.js';
import { idle, type WaitOptions, waitFor } from './waiting.js';

/**
 * How to start the emulator. Everything is optional.
 *
 * ```ts
 * const emu = await startEmulator({ bot: { username: 'board_bot' }, limits: { perChatPerSecond: 1 } });
 * ```
 */
export interface EmulatorOptions {
  /** The bot token; default `'123456:TEST'`. The bot id defaults to the number before `:`. */
  readonly token?: string;
  readonly bot?: {
    readonly id?: number;
    readonly username?: string;
    readonly first_name?: string;
  };
  /** Port on 127.0.0.1; default 0 (any free port). */
  readonly port?: number;
  /** Flood limits; off by default. */
  readonly limits?: RateLimits;
  /** Pause before redelivering an update the webhook refused; default 100 ms. */
  readonly webhookRetryMs?: number;
  /** Clock in milliseconds for message dates and flood windows; default `Date.now`. */
  readonly now?: () => number;
  /**
   * Hears every call as it is answered (after it is added to `calls`): benchmarks time
   * deliveries with it instead of polling `calls`.
   */
  readonly onCall?: (call: ApiCall) => void;
  /**
   * Methods this server lacks: they answer 404 "Not Found", as on a Bot API server without them
   * (another emulator, an older self-hosted server). Tests show what a bot can do without them.
   */
  readonly unsupportedMethods?: readonly string[];
}

/**
 * Anything that names a chat: an id, `@username`, or a simulated user or channel.
 *
 * ```ts
 * emu.fail('@news', { kind: 'serverError' }); // same as emu.fail(news, …) or emu.fail(news.id, …)
 * ```
 */
export type ChatRef = number | string | { readonly id: number };

/**
 * A running emulator: a Telegram Bot API server plus the handles tests use to act as users.
 *
 * ```ts
 * const emu = await startEmulator();
 * const bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
 * ```
 */
export interface Emulator {
  /** `http://127.0.0.1:PORT`, for grammY's `client.apiRoot`. */
  readonly apiRoot: string;
  readonly port: number;
  readonly token: string;
  /** What `getMe` returns. */
  readonly bot: BotUser;
  /** A user with a private chat with the bot; the same id gives the same user. */
  user(init: UserInit): SimulatedUser;
  /** A channel where the bot is an administrator; the same id gives the same channel. */
  channel(init: ChannelInit): SimulatedChannel;
  /** Every API call so far, in order. */
  readonly calls: readonly ApiCall[];
  /** Every update created so far, in order (delivered or not). */
  readonly updates: readonly Update[];
  readonly stats: Readonly<EmulatorStats>;
  /** Makes the next matching calls that target `chat` fail; `'*'` matches any chat. */
  fail(chat: ChatRef | '*', fault: Fault): void;
  /** The user blocks the bot: calls into their chat answer 403 until `unblockBot`. */
  blockBot(user: number | SimulatedUser): void;
  unblockBot(user: number | SimulatedUser): void;
  /**
   * Polls `condition` until it returns a truthy value (which is returned) or stops throwing;
   * rejects with an `EmulatorError` after the timeout.
   */
  waitFor<T>(condition: () => T | Promise<T>, options?: WaitOptions): Promise<NonNullable<T>>;
  /**
   * Resolves once every update has been acknowledged: a later `getUpdates` offset passed it or
   * the webhook answered 2xx. With grammY's `bot.start()` that means the handlers finished.
   */
  idle(options?: Pick<WaitOptions, 'timeout'>): Promise<void>;
  /** Stops the server; waiting long polls end with no updates. */
  close(): Promise<void>;
}

/**
 * Starts a local Telegram Bot API server on 127.0.0.1.
 *
 * ```ts
 * const emu = await startEmulator();
 * const bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
 * bot.command('start', (ctx) => ctx.reply('Welcome!'));
 * void bot.start();
 * const alice = emu.user({ first_name: 'Alice' });
 * await alice.command('start');
 * await emu.waitFor(() => alice.lastReceived()?.text === 'Welcome!');
 * await bot.stop();
 * await emu.close();
 * ```
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const rt = createRuntime(options);
  const server = await listen(rt, validPort(options.port ?? 0));
  const users = new Map<number, SimulatedUser>();
  const channels = new Map<number, SimulatedChannel>();
  let nextUserId = 1_000_001;
  let nextChannelId = -1_001_000_000_001;
  let closed: Promise<void> | undefined;
  // Approved suggested posts go out when their send date comes (on the emulator's clock).
  const publisher = setInterval(() => {
    for (const dm of rt.directMessages.all()) publishDue(rt, dm);
  }, PUBLISH_CHECK_MS);
  publisher.unref();

  const setBlocked = (ref: number | SimulatedUser, blocked: boolean): void => {
    const id = typeof ref === 'number' ? ref : ref.id;
    const record = rt.chats.get(id);
    if (record?.user === undefined || record.chat.type !== 'private') {
      throw new EmulatorError(`blockBot(): ${id} is not a user created with emu.user()`);
    }
    if (record.blocked === blocked) return;
    record.blocked = blocked;
    const member = { status: 'member' as const, user: rt.botSender };
    const kicked = { status: 'kicked' as const, user: rt.botSender, until_date: 0 };
    rt.enqueue({
      my_chat_member: {
        chat: record.chat,
        from: record.user,
        date: rt.clock.seconds(),
        old_chat_member: blocked ? member : kicked,
        new_chat_member: blocked ? kicked : member,
      },
    });
  };

  return {
    apiRoot: `http://127.0.0.1:${server.port}`,
    port: server.port,
    token: rt.token,
    bot: rt.bot,

    user(init) {
      if (typeof init.first_name !== 'string' || init.first_name === '') {
        throw new EmulatorError('user(): first_name is required');
      }
      if (init.id !== undefined && (!Number.isInteger(init.id) || init.id <= 0)) {
        throw new EmulatorError(`user(): id must be a positive integer, got ${init.id}`);
      }
      const id = init.id ?? nextFreeId(() => nextUserId++, rt.chats);
      const existing = users.get(id);
      if (existing !== undefined) return existing;
      const user: User = {
        id,
        is_bot: false,
        first_name: init.first_name,
        ...(init.last_name !== undefined && { last_name: init.last_name }),
        ...(init.username !== undefined && { username: init.username }),
        ...(init.language_code !== undefined && { language_code: init.language_code }),
        ...(init.is_premium === true && { is_premium: true }),
      };
      const chat: PrivateChat = {
        id,
        type: 'private',
        first_name: user.first_name,
        ...(user.last_name !== undefined && { last_name: user.last_name }),
        ...(user.username !== undefined && { username: user.username }),
      };
      const simulated = createSimulatedUser(rt, rt.chats.add(chat, user), user, chat);
      users.set(id, simulated);
      return simulated;
    },

    channel(init) {
      if (typeof init.title !== 'string' || init.title === '') {
        throw new EmulatorError('channel(): title is required');
      }
      if (init.id !== undefined && (!Number.isInteger(init.id) || init.id >= 0)) {
        throw new EmulatorError(
          `channel(): id must be a negative integer like -100…, got ${init.id}`,
        );
      }
      const id = init.id ?? nextFreeId(() => nextChannelId--, rt.chats);
      const existing = channels.get(id);
      if (existing !== undefined) return existing;
      const chat: ChannelChat = {
        id,
        type: 'channel',
        title: init.title,
        ...(init.username !== undefined && { username: init.username.replace(/^@/, '') }),
      };
      const simulated = createSimulatedChannel(rt, rt.chats.add(chat), chat, () =>
        nextFreeId(() => nextChannelId--, rt.chats),
      );
      channels.set(id, simulated);
      return simulated;
    },

    calls: rt.calls,
    updates: rt.updates.all,
    stats: rt.stats,

    fail(chat, fault) {
      if (chat === '*') return rt.faults.add('*', fault);
      const id =
        typeof chat === 'object' ? chat.id : (rt.chats.resolve(chat)?.chat.id ?? Number(chat));
      if (!Number.isInteger(id)) throw new EmulatorError(`fail(): unknown chat ${String(chat)}`);
      rt.faults.add(id, fault);
    },

    blockBot: (user) => setBlocked(user, true),
    unblockBot: (user) => setBlocked(user, false),

    waitFor: (condition, waitOptions = {}) => waitFor(rt, condition, waitOptions),

    idle: (idleOptions = {}) => idle(rt, idleOptions.timeout ?? 5000),

    close() {
      closed ??= (async () => {
        clearInterval(publisher);
        rt.webhook.close();
        rt.poller.terminate();
        await server.close();
      })();
      return closed;
    },
  };
}

// --- Internal helpers ---

const PUBLISH_CHECK_MS = 100;

function validPort(port: number): number {
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new EmulatorError(`port must be an integer from 0 to 65535, got ${port}`);
  }
  return port;
}

function nextFreeId(next: () => number, chats: ChatStore): number {
  let id = next();
  while (chats.get(id) !== undefined) id = next();
  return id;
}
