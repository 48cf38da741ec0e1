import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createHttpServer } from '../src/http-server.js';
import { createMetrics } from '../src/metrics.js';

const repo = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

/** Every metric family the registry exposes, as Prometheus names its series' base. */
async function families(): Promise<Set<string>> {
  const metrics = createMetrics();
  const json = await metrics.registry.getMetricsAsJSON();
  return new Set(json.map((m) => m.name));
}

describe('the metrics', () => {
  it('turn telemetry into counters and histograms, and the backlog into gauges at each scrape', async () => {
    const metrics = createMetrics();
    metrics.telemetry({ type: 'delivery', effect: 'copy', result: 'rate_limited' });
    metrics.telemetry({ type: 'delivery', effect: 'copy', result: 'ok', latencyMs: 1500 });
    metrics.telemetry({ type: 'first_message', outcome: 'rate_limited' });
    metrics.telemetry({ type: 'score', scorer: 'offline', outcome: 'timeout', durationMs: 15_000 });
    metrics.telemetry({ type: 'decision', decision: 'approved', waitedMs: 120_000 });
    let oldest = Date.now() - 42_000;
    metrics.watch(async () => ({
      outboxPending: 3,
      outboxDead: 1,
      outboxOldestAt: oldest,
      moderationQueue: 2,
    }));
    const http = createHttpServer({
      metrics: metrics.handle,
      healthy: async () => true,
      onError: () => {},
    });
    const port = await http.listen(0, '127.0.0.1');
    const scrape = async () => {
      const answer = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(answer.headers.get('content-type')).toContain('text/plain; version=0.0.4');
      return answer.text();
    };
    const text = await scrape();
    for (const line of [
      'anonboard_deliveries_total{effect="copy",result="rate_limited"} 1',
      'anonboard_delivery_latency_seconds_bucket{le="2.5",effect="copy"} 1',
      'anonboard_delivery_latency_seconds_bucket{le="1",effect="copy"} 0',
      'anonboard_first_messages_total{outcome="rate_limited"} 1',
      'anonboard_scorer_calls_total{scorer="offline",outcome="timeout"} 1',
      'anonboard_moderation_decisions_total{decision="approved"} 1',
      'anonboard_outbox_pending 3',
      'anonboard_outbox_dead 1',
      'anonboard_moderation_queue_size 2',
    ]) {
      expect(text).toContain(line);
    }
    expect(text).toMatch(/\nanonboard_outbox_oldest_age_seconds 4[2-9](\.\d+)?\n/);
    oldest = Date.now() + 60_000; // a clock ahead of ours never makes an age below 0
    expect(await scrape()).toMatch(/\nanonboard_outbox_oldest_age_seconds 0\n/);
    await http.close();
  });

  it('are each documented in docs/operations.md, and nothing documented is missing', async () => {
    const ours = [...(await families())].filter((name) => name.startsWith('anonboard_'));
    const documented = [
      ...readFileSync(repo('docs/operations.md'), 'utf8').matchAll(/^\| `(anonboard_\w+)` \|/gm),
    ].map((m) => m[1]);
    expect(documented.sort()).toEqual(ours.sort());
  });

  it('are what the Grafana dashboard charts', async () => {
    const exposed = await families();
    const dashboard = readFileSync(repo('docs/grafana/anonboard-dashboard.json'), 'utf8');
    const used = new Set(
      [...dashboard.matchAll(/\b((?:anonboard|process|nodejs)_[a-z0-9_]+)/g)].map((m) =>
        (m[1] ?? '').replace(/_(bucket|sum|count)$/, ''),
      ),
    );
    expect(used.size).toBeGreaterThan(10);
    for (const name of used) expect(exposed).toContain(name);
  });
});
