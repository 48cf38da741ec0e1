import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Backlog, Telemetry, TelemetryEvent } from '@anonboard/core';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The bot's Prometheus metrics (prom-client): the library's telemetry events become counters and
 * histograms, what waits (the outbox, the moderation queue) becomes gauges read at each scrape,
 * plus Node's own process metrics. No label names a person. docs/operations.md lists each one.
 *
 * ```ts
 * const metrics = createMetrics();
 * const board = createBoard({ storage, transport, telemetry: metrics.telemetry });
 * metrics.watch(() => board.backlog());
 * http.createServer((req, res) => metrics.handle(req, res));
 * ```
 */
export interface Metrics {
  readonly registry: Registry;
  /** Give it to `createBoard` / `createFeed` (and `observeUpdates`). */
  readonly telemetry: Telemetry;
  /** Reads the backlog at each scrape (the board's or the feed's `backlog()`). */
  watch(backlog: () => Promise<Backlog>): void;
  /** Answers `GET /metrics` in Prometheus's text format. */
  handle(req: IncomingMessage, res: ServerResponse): void;
}

/** prom-client's default gauges whose names end in `_total`, which only counters may. */
const misnamedDefaults = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

/** Seconds buckets from a twentieth of a second to ten minutes (updates, deliveries, scorers). */
const FAST_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 600];
/** Seconds buckets from a minute to a week (moderation decisions). */
const SLOW_BUCKETS = [60, 300, 900, 3600, 4 * 3600, 12 * 3600, 86_400, 3 * 86_400, 7 * 86_400];

/**
 * Creates the metrics on a registry of their own (two bots in one process do not collide).
 *
 * ```ts
 * const metrics = createMetrics();
 * ```
 */
export function createMetrics(): Metrics {
  const registry = new Registry();
  // The event-loop lag is sampled every 100 ms, not prom-client's 10: a timer firing 100 times a
  // second woke an otherwise idle bot more often than its updates did (issue 21).
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 100 });
  // Gauges named like counters break Prometheus's naming rules (promtool rejects them).
  for (const name of misnamedDefaults) registry.removeSingleMetric(name);
  const registers = [registry];
  const updates = new Counter({
    name: 'anonboard_updates_total',
    help: 'Telegram updates handled, by kind (message, callback_query, …) and outcome (ok, error).',
    labelNames: ['kind', 'outcome'] as const,
    registers,
  });
  const updateSeconds = new Histogram({
    name: 'anonboard_update_duration_seconds',
    help: 'Time to handle one update, by kind.',
    labelNames: ['kind'] as const,
    buckets: FAST_BUCKETS,
    registers,
  });
  const relays = new Counter({
    name: 'anonboard_relays_total',
    help: 'Messages relayed into anonymous chats (queued for delivery).',
    registers,
  });
  const firstMessages = new Counter({
    name: 'anonboard_first_messages_total',
    help: 'First messages to an ad author, by outcome: sent, or the refusal code.',
    labelNames: ['outcome'] as const,
    registers,
  });
  const deliveries = new Counter({
    name: 'anonboard_deliveries_total',
    help: 'Outbox delivery attempts, by effect and result (ok, rate_limited = 429, unreachable = 403, transient = 5xx or network, dead = given up).',
    labelNames: ['effect', 'result'] as const,
    registers,
  });
  const deliverySeconds = new Histogram({
    name: 'anonboard_delivery_latency_seconds',
    help: 'Time from an outbox entry written to it delivered, by effect.',
    labelNames: ['effect'] as const,
    buckets: FAST_BUCKETS,
    registers,
  });
  const scores = new Counter({
    name: 'anonboard_scorer_calls_total',
    help: 'Scorer calls, by scorer and outcome (ok, error, timeout, invalid).',
    labelNames: ['scorer', 'outcome'] as const,
    registers,
  });
  const scoreSeconds = new Histogram({
    name: 'anonboard_scorer_duration_seconds',
    help: 'Time one scorer call took, by scorer.',
    labelNames: ['scorer'] as const,
    buckets: FAST_BUCKETS,
    registers,
  });
  const decisions = new Counter({
    name: 'anonboard_moderation_decisions_total',
    help: 'Moderation items decided, by decision (approved, rejected, expired, resolved).',
    labelNames: ['decision'] as const,
    registers,
  });
  const decisionSeconds = new Histogram({
    name: 'anonboard_moderation_decision_seconds',
    help: 'Time from an item queued to it decided, by decision.',
    labelNames: ['decision'] as const,
    buckets: SLOW_BUCKETS,
    registers,
  });
  const outboxPending = new Gauge({
    name: 'anonboard_outbox_pending',
    help: 'Outbox entries still to deliver.',
    registers,
  });
  const outboxDead = new Gauge({
    name: 'anonboard_outbox_dead',
    help: 'Outbox entries given up on, kept for inspection.',
    registers,
  });
  const outboxOldest = new Gauge({
    name: 'anonboard_outbox_oldest_age_seconds',
    help: 'Age of the oldest outbox entry still to deliver (0 when none waits).',
    registers,
  });
  const queue = new Gauge({
    name: 'anonboard_moderation_queue_size',
    help: 'Moderation items waiting for a decision.',
    registers,
  });

  const backlogs: (() => Promise<Backlog>)[] = [];
  const refresh = async () => {
    let pending = 0;
    let dead = 0;
    let oldest: number | null = null;
    let waiting: number | undefined;
    for (const backlog of await Promise.all(backlogs.map((read) => read()))) {
      pending += backlog.outboxPending;
      dead += backlog.outboxDead;
      const at = backlog.outboxOldestAt;
      if (at !== null && (oldest === null || at < oldest)) oldest = at;
      if (backlog.moderationQueue !== undefined) waiting = (waiting ?? 0) + backlog.moderationQueue;
    }
    outboxPending.set(pending);
    outboxDead.set(dead);
    outboxOldest.set(oldest === null ? 0 : Math.max(0, (Date.now() - oldest) / 1000));
    if (waiting !== undefined) queue.set(waiting);
  };

  const telemetry = (event: TelemetryEvent): void => {
    switch (event.type) {
      case 'update':
        updates.inc({ kind: event.kind, outcome: event.outcome });
        updateSeconds.observe({ kind: event.kind }, event.durationMs / 1000);
        return;
      case 'relay':
        relays.inc();
        return;
      case 'first_message':
        firstMessages.inc({ outcome: event.outcome });
        return;
      case 'delivery':
        deliveries.inc({ effect: event.effect, result: event.result });
        if (event.latencyMs !== undefined)
          deliverySeconds.observe({ effect: event.effect }, event.latencyMs / 1000);
        return;
      case 'score':
        scores.inc({ scorer: event.scorer, outcome: event.outcome });
        scoreSeconds.observe({ scorer: event.scorer }, event.durationMs / 1000);
        return;
      case 'decision':
        decisions.inc({ decision: event.decision });
        decisionSeconds.observe({ decision: event.decision }, event.waitedMs / 1000);
        return;
      default:
        event satisfies never;
    }
  };

  return {
    registry,
    telemetry,
    watch(backlog) {
      backlogs.push(backlog);
    },
    handle(_req, res) {
      // A backlog that cannot be read (the database is down) leaves its gauges as they were.
      refresh()
        .catch(() => undefined)
        .then(() => registry.metrics())
        .then(
          (text) => {
            res.writeHead(200, {
              'content-type': registry.contentType,
              'cache-control': 'no-store',
            });
            res.end(text);
          },
          () => {
            res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
            res.end('metrics unavailable');
          },
        );
    },
  };
}
