import { CallbackRegistry } from './callbacks.js';
import { DirectMessagesRegistry } from './direct-messages/registry.js';
import { dispatch } from './dispatch.js';
import type { EmulatorOptions } from './emulator.js';
import { EmulatorError } from './errors.js';
import { FaultRegistry } from './faults.js';
import { FileStore } from './files.js';
import { RateLimiter } from './limits.js';
import type { Runtime } from './runtime.js';
import { ChatStore } from './state.js';
import type { BotUser } from './telegram.js';
import { LongPoller } from './updates/polling.js';
import { UpdateQueue } from './updates/queue.js';
import { WebhookDelivery } from './updates/webhook.js';

const DEFAULT_TOKEN = '123456:TEST';

/** Wires the shared state, queues and registries of one emulator from its options. */
export function createRuntime(options: EmulatorOptions): Runtime {
  const token = options.token ?? DEFAULT_TOKEN;
  if (typeof token !== 'string' || token === '' || token.includes('/')) {
    throw new EmulatorError('token must be a non-empty string without "/"');
  }
  const now = options.now ?? Date.now;
  const clock = { now, seconds: () => Math.floor(now() / 1000) };
  const botId = options.bot?.id ?? (Number.parseInt(token.split(':')[0] ?? '', 10) || 1);
  const bot: BotUser = {
    id: botId,
    is_bot: true,
    first_name: options.bot?.first_name ?? 'Anonboard',
    username: options.bot?.username ?? 'anonboard_bot',
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  };
  const updates = new UpdateQueue();
  let mediaGroups = 0n;
  const rt: Runtime = {
    token,
    bot,
    botSender: { id: bot.id, is_bot: true, first_name: bot.first_name, username: bot.username },
    clock,
    chats: new ChatStore(),
    directMessages: new DirectMessagesRegistry(),
    updates,
    poller: new LongPoller(updates),
    webhook: new WebhookDelivery(updates, {
      retryMs: options.webhookRetryMs ?? 100,
      nowSeconds: clock.seconds,
      onReply: async (method, params) => {
        await dispatch(rt, method, params, new AbortController().signal);
      },
    }),
    files: new FileStore(),
    callbacks: new CallbackRegistry(),
    faults: new FaultRegistry(),
    limiter: options.limits === undefined ? undefined : new RateLimiter(options.limits, now),
    commands: new Map(),
    profile: new Map(),
    settings: { defaultMenuButton: { type: 'default' } },
    calls: [],
    onCall: options.onCall,
    unsupported: new Set((options.unsupportedMethods ?? []).map((m) => m.toLowerCase())),
    stats: { tooManyRequests: 0, faultsInjected: 0 },
    nextMediaGroupId: () => {
      mediaGroups += 1n;
      return (13_570_000_000_000_000n + mediaGroups).toString();
    },
    enqueue: (payload) => updates.push(payload),
  };
  return rt;
}
