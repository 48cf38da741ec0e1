import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DEFAULT_HTTP_LIMITS,
  type HttpLimits,
  httpLimitProblems,
  httpLimitSettings,
  httpLimitsFrom,
} from '../src/http-limits.js';
import { createHttpServer, type HttpServer } from '../src/http-server.js';

// Issue #14, item 8: the bots' HTTP server (Mini App, admin app, webhook, metrics) has limits of
// its own: a client that never finishes its headers is cut off, and past the connection cap an
// extra connection is refused. Small limits here, so the test is quick; it asserts what happens
// to the sockets, never how long it took.

const servers: HttpServer[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const http of servers.splice(0)) await http.close(0);
});

async function serve(limits: Partial<HttpLimits>): Promise<number> {
  const http = createHttpServer(
    { healthy: async () => true, onError: () => {} },
    { ...DEFAULT_HTTP_LIMITS, ...limits },
  );
  servers.push(http);
  return http.listen(0, '127.0.0.1');
}

/** A raw TCP client, and what it has read so far and whether the server closed it. */
async function open(port: number) {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  const seen = { data: '', closed: false };
  socket.on('data', (chunk) => {
    seen.data += chunk.toString();
  });
  const closed = new Promise<void>((resolve) =>
    socket.once('close', () => {
      seen.closed = true;
      resolve();
    }),
  );
  socket.on('error', () => {});
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, seen, closed };
}

/** A request for `/healthz` on a fresh connection: its status, or 'refused' if cut off. */
async function healthz(port: number): Promise<string> {
  const client = await open(port);
  client.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  await client.closed;
  return /^HTTP\/1\.1 (\d+)/.exec(client.seen.data)?.[1] ?? 'refused';
}

describe('the bots’ HTTP server under a slow or greedy client', () => {
  it('cuts off a client that trickles its headers and never finishes them (slowloris)', async () => {
    const port = await serve({ headersTimeoutMs: 200, requestTimeoutMs: 400 });
    const slow = await open(port);
    slow.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    // One more header line at a time, forever: each would reset a per-socket idle timer.
    const trickle = setInterval(() => {
      if (!slow.socket.destroyed) slow.socket.write(`X-Slow-${Date.now()}: 1\r\n`);
    }, 50);
    try {
      await slow.closed;
    } finally {
      clearInterval(trickle);
    }
    expect(slow.seen.closed).toBe(true);
    expect(slow.seen.data).toMatch(/^HTTP\/1\.1 408/);
    // Others are served meanwhile and after.
    expect(await healthz(port)).toBe('200');
  });

  it('refuses a connection past the cap, and serves again once one is gone', async () => {
    const port = await serve({ maxConnections: 2 });
    const first = await open(port);
    const second = await open(port);
    const third = await open(port);
    await third.closed;
    expect(third.seen).toEqual({ data: '', closed: true });
    expect(first.seen.closed).toBe(false);
    expect(second.seen.closed).toBe(false);

    first.socket.destroy();
    await first.closed;
    // The server hears of the closed socket a moment later; until then a client may be refused.
    let status = await healthz(port);
    while (status === 'refused') status = await healthz(port);
    expect(status).toBe('200');
  });

  it('reads its limits from the environment, defaults for the rest; headers may not outlast a request', () => {
    const schema = z.object(httpLimitSettings);
    expect(httpLimitsFrom(schema.parse({}))).toEqual(DEFAULT_HTTP_LIMITS);
    expect(
      httpLimitsFrom(
        schema.parse({
          HTTP_HEADERS_TIMEOUT: '5s',
          HTTP_REQUEST_TIMEOUT: '1m',
          HTTP_KEEP_ALIVE_TIMEOUT: '500ms',
          HTTP_MAX_CONNECTIONS: '64',
        }),
      ),
    ).toEqual({
      headersTimeoutMs: 5000,
      requestTimeoutMs: 60_000,
      keepAliveTimeoutMs: 500,
      maxConnections: 64,
    });
    expect(schema.safeParse({ HTTP_MAX_CONNECTIONS: '0' }).success).toBe(false);
    expect(httpLimitProblems({ HTTP_HEADERS_TIMEOUT: '1m' })).toEqual([
      'HTTP_HEADERS_TIMEOUT must not be longer than HTTP_REQUEST_TIMEOUT',
    ]);
    expect(() =>
      createHttpServer(
        { healthy: async () => true, onError: () => {} },
        { ...DEFAULT_HTTP_LIMITS, headersTimeoutMs: 2000, requestTimeoutMs: 1000 },
      ),
    ).toThrow(/headers timeout/);
  });
});
