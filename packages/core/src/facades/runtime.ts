import { loseUser } from '../chats/chat-service.js';
import { chatDeliveryRules } from '../chats/delivery-rules.js';
import type { UserId } from '../ids.js';
import { moderationDeliveryRules } from '../moderation/delivery-rules.js';
import { consoleLogger } from '../operations/console-logger.js';
import { Dispatcher, type DispatcherOptions } from '../outbox/dispatcher.js';
import type { AdDirectory } from '../ports/ad-directory.js';
import { type Clock, systemClock } from '../ports/clock.js';
import { type Ids, randomIds } from '../ports/ids.js';
import type { Logger } from '../ports/logger.js';
import type { Storage } from '../ports/storage.js';
import type { Telemetry } from '../ports/telemetry.js';
import type { Transport } from '../ports/transport.js';
import { type BoardContext, type BoardPolicy, defaultPolicy } from '../shell/context.js';
import { createTexts, type Texts } from '../texts/texts.js';

/** What both the board and the feed are built from; only `storage` is required. */
export interface RuntimeOptions {
  readonly storage: Storage;
  /** When given, `dispatcher` delivers the outbox through it. */
  readonly transport?: Transport;
  readonly clock?: Clock;
  readonly ids?: Ids;
  readonly texts?: Texts;
  /** Any limits to change; `rateLimits` may name only the actions it changes. */
  readonly policy?: PolicyOverrides;
  readonly dispatcher?: DispatcherOptions;
  /**
   * Where failures an operator must act on are reported (429 waits, blocked recipients, entries
   * that keep failing, a failing scorer): the board or feed and everything built on it (the
   * outbox, the grammY plugins, the Mini App). Default: `console`, warnings and errors only.
   */
  readonly logger?: Logger;
  /** Hears what happens, for metrics (updates, relays, deliveries, scores, decisions). */
  readonly telemetry?: Telemetry;
  /** The admins' IANA time zone (`Europe/Moscow`): times on cards are shown in it. Default `UTC`. */
  readonly timeZone?: string;
}

/** Changes to the default {@link BoardPolicy}. */
export type PolicyOverrides = Partial<Omit<BoardPolicy, 'rateLimits'>> & {
  readonly rateLimits?: Partial<BoardPolicy['rateLimits']>;
};

/** The shared shell: the context every service runs in, and the outbox's dispatcher. */
export function createRuntime(options: RuntimeOptions & { adDirectory?: AdDirectory }): {
  ctx: BoardContext;
  dispatcher: Dispatcher | undefined;
  markUnreachable: (user: UserId) => Promise<void>;
} {
  let dispatcher: Dispatcher | undefined;
  const ctx: BoardContext = {
    storage: options.storage,
    clock: options.clock ?? systemClock,
    ids: options.ids ?? randomIds,
    texts: options.texts ?? createTexts(),
    policy: {
      ...defaultPolicy,
      ...options.policy,
      rateLimits: { ...defaultPolicy.rateLimits, ...options.policy?.rateLimits },
    },
    directory: options.adDirectory,
    timeZone: options.timeZone ?? 'UTC',
    onEffects: () => dispatcher?.kick(),
    handOff: async (tx, now, count) => dispatcher?.takeWithin(tx, now, count),
    recordDeliveries: (tx) => dispatcher?.recordWithin(tx),
    logger: options.logger ?? consoleLogger('warn'),
    telemetry: options.telemetry ?? (() => {}),
  };
  const markUnreachable = (user: UserId) => loseUser(ctx, user);
  if (options.transport !== undefined) {
    // Each domain says what its deliveries mean; the dispatcher only leases, sends, retries, settles.
    const rules = [chatDeliveryRules(ctx), moderationDeliveryRules(ctx)];
    dispatcher = new Dispatcher(ctx, options.transport, rules, options.dispatcher);
  }
  return { ctx, dispatcher, markUnreachable };
}
