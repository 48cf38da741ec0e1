import type { CallbackRegistry } from './callbacks.js';
import type { DirectMessagesRegistry } from './direct-messages/registry.js';
import type { FaultRegistry } from './faults.js';
import type { FileStore } from './files.js';
import type { RateLimiter } from './limits.js';
import type { ChatStore } from './state.js';
import type { BotCommand, BotUser, MenuButton, Update, User } from './telegram.js';
import type { LongPoller } from './updates/polling.js';
import type { UpdatePayload, UpdateQueue } from './updates/queue.js';
import type { WebhookDelivery } from './updates/webhook.js';

/**
 * One Bot API call as the emulator answered it.
 *
 * ```ts
 * expect(emu.calls.filter((call) => call.method === 'forwardMessage')).toEqual([]);
 * ```
 */
export interface ApiCall {
  /** The method name as Telegram spells it (`sendMessage`), or as requested when unknown. */
  readonly method: string;
  /** Decoded parameters; uploads appear as `UploadedFile` objects. */
  readonly params: Readonly<Record<string, unknown>>;
  /** HTTP status answered; `0` when a `drop` fault destroyed the socket. */
  readonly status: number;
  /** Telegram's error description for failed calls. */
  readonly description?: string;
  /** The `result` of successful calls. */
  readonly result?: unknown;
}

/**
 * Counters for benchmarks and assertions.
 *
 * ```ts
 * expect(emu.stats.tooManyRequests).toBeGreaterThan(0);
 * ```
 */
export interface EmulatorStats {
  /** 429 answers given, from `limits` and from `rateLimited` faults. */
  tooManyRequests: number;
  /** Calls hit by an injected fault. */
  faultsInjected: number;
}

/** Seconds-and-milliseconds clock; injectable so tests can control dates. */
export interface Clock {
  now(): number;
  seconds(): number;
}

/** Everything method handlers and the simulated users share. */
export interface Runtime {
  readonly token: string;
  readonly bot: BotUser;
  /** The bot as it appears in `from` of its messages. */
  readonly botSender: User;
  readonly clock: Clock;
  readonly chats: ChatStore;
  /** Channels' direct messages chats and the bot's rights in those channels. */
  readonly directMessages: DirectMessagesRegistry;
  readonly updates: UpdateQueue;
  readonly poller: LongPoller;
  readonly webhook: WebhookDelivery;
  readonly files: FileStore;
  readonly callbacks: CallbackRegistry;
  readonly faults: FaultRegistry;
  readonly limiter: RateLimiter | undefined;
  /** `setMyCommands` lists by scope and language. */
  readonly commands: Map<string, BotCommand[]>;
  /** `setMyName`/`setMyDescription`/`setMyShortDescription` texts by field and language. */
  readonly profile: Map<string, string>;
  readonly settings: { defaultMenuButton: MenuButton };
  readonly calls: ApiCall[];
  /** Hears each call once it is logged in `calls` (the `onCall` option). */
  readonly onCall: ((call: ApiCall) => void) | undefined;
  /** Methods answered 404 as if missing, lower-cased (the `unsupportedMethods` option). */
  readonly unsupported: ReadonlySet<string>;
  readonly stats: EmulatorStats;
  /** A new `media_group_id`. */
  nextMediaGroupId(): string;
  /** Enqueues an update for the bot. */
  enqueue(payload: UpdatePayload): Update;
}
