import { isRecord } from '../params.js';
import type { Update } from '../telegram.js';
import type { UpdateQueue } from './queue.js';

/** A webhook set with `setWebhook`. */
export interface WebhookConfig {
  readonly url: string;
  readonly secretToken: string | undefined;
  readonly maxConnections: number;
  readonly ipAddress: string | undefined;
}

export interface WebhookOptions {
  /** Pause after a failed delivery before trying the same update again. */
  readonly retryMs: number;
  readonly nowSeconds: () => number;
  /** Executes a method returned in a webhook response body (a "webhook reply"). */
  readonly onReply: (method: string, params: Record<string, unknown>) => Promise<void>;
}

/**
 * Delivers pending updates to the webhook one at a time, in order, retrying the head of the
 * queue until the bot answers 2xx.
 */
export class WebhookDelivery {
  config: WebhookConfig | undefined;
  lastError: { date: number; message: string } | undefined;
  private running = false;
  private controller = new AbortController();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly queue: UpdateQueue,
    private readonly options: WebhookOptions,
  ) {
    this.unsubscribe = queue.subscribe(() => this.kick());
  }

  set(config: WebhookConfig): void {
    this.remove();
    this.config = config;
    this.lastError = undefined;
    this.kick();
  }

  remove(): void {
    this.config = undefined;
    this.controller.abort();
    this.controller = new AbortController();
  }

  /** Whether an update is out for delivery right now. */
  get busy(): boolean {
    return this.running;
  }

  close(): void {
    this.unsubscribe();
    this.remove();
  }

  // --- Internal helpers ---

  private kick(): void {
    if (this.running || this.config === undefined || this.queue.size === 0) return;
    void this.loop();
  }

  private async loop(): Promise<void> {
    this.running = true;
    try {
      for (;;) {
        const config = this.config;
        const update = this.queue.peek(1)[0];
        if (config === undefined || update === undefined) break;
        const signal = this.controller.signal;
        if (await this.deliver(config, update, signal)) this.queue.acknowledge(update.update_id);
        else await sleep(this.options.retryMs, signal);
      }
    } finally {
      this.running = false;
    }
    // An update may have arrived while the last delivery was finishing.
    this.kick();
  }

  private async deliver(
    config: WebhookConfig,
    update: Update,
    signal: AbortSignal,
  ): Promise<boolean> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (config.secretToken !== undefined) {
      headers['x-telegram-bot-api-secret-token'] = config.secretToken;
    }
    try {
      const response = await fetch(config.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(update),
        signal,
      });
      const body = await response.text();
      if (!response.ok) {
        this.fail(`Wrong response from the webhook: ${response.status} ${response.statusText}`);
        return false;
      }
      await this.replyFrom(body);
      return true;
    } catch (error) {
      if (signal.aborted) return false;
      this.fail(describeNetworkError(error));
      return false;
    }
  }

  private async replyFrom(body: string): Promise<void> {
    if (!body.trimStart().startsWith('{')) return;
    let reply: unknown;
    try {
      reply = JSON.parse(body);
    } catch {
      return;
    }
    if (!isRecord(reply) || typeof reply.method !== 'string') return;
    const { method, ...params } = reply;
    await this.options.onReply(method, params);
  }

  private fail(message: string): void {
    this.lastError = { date: this.options.nowSeconds(), message };
  }
}

function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  const code = isRecord(cause) && typeof cause.code === 'string' ? cause.code : undefined;
  if (code === 'ECONNREFUSED') return 'Connection refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'Connection reset by peer';
  return error instanceof Error ? error.message : String(error);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
