import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_HTTP_LIMITS, type HttpLimits } from './http-limits.js';

/**
 * What a bot's HTTP server serves; each part but the health check is optional.
 *
 * ```ts
 * const routes: HttpRoutes = { miniApp: miniApp.handler, healthy: async () => true, onError: console.error };
 * ```
 */
export interface HttpRoutes {
  /** `GET /metrics`: the metrics in Prometheus's text format. */
  readonly metrics?: (req: IncomingMessage, res: ServerResponse) => void;
  /** Telegram's updates: POSTs to `path` (grammY's `webhookCallback(bot, 'http', …)`). */
  readonly webhook?: {
    readonly path: string;
    readonly handle: (req: IncomingMessage, res: ServerResponse) => Promise<unknown>;
  };
  /** Everything else: a Mini App's page and API. */
  readonly miniApp?: (req: IncomingMessage, res: ServerResponse) => void;
  /** `GET /healthz`: 200 when it resolves true, 503 otherwise. */
  readonly healthy: () => Promise<boolean>;
  /** Where failures of the webhook handler go (Telegram gets a 500 and delivers the update again). */
  readonly onError: (error: unknown) => void;
}

/**
 * The node:http server of a bot, started and stopped with it.
 *
 * ```ts
 * const port = await http.listen(8080, undefined);
 * await http.close();
 * ```
 */
export interface HttpServer {
  readonly server: Server;
  /** Starts listening; resolves with the port actually bound (for port 0). */
  listen(port: number, host: string | undefined): Promise<number>;
  /**
   * Stops accepting connections and waits for the requests in flight (a webhook update being
   * handled is answered); after `graceMs` the remaining connections are cut.
   */
  close(graceMs?: number): Promise<void>;
}

/**
 * One node:http server for the webhook, the Mini App, a health check and the metrics, routed by
 * path, with `limits` on how long a client may take and how many may connect at once
 * ({@link DEFAULT_HTTP_LIMITS} by default; the examples read them from `HTTP_*` settings).
 *
 * ```ts
 * const http = createHttpServer({ miniApp: miniApp.handler, healthy: async () => true, onError: console.error });
 * await http.listen(8080, undefined);
 * ```
 */
export function createHttpServer(
  routes: HttpRoutes,
  limits: HttpLimits = DEFAULT_HTTP_LIMITS,
): HttpServer {
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new Error('[anonboard] the headers timeout must not be longer than the request timeout');
  }
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // Node looks for overdue clients every 30 s by default: a 10 s limit would hold for 40 s.
      connectionsCheckingInterval: Math.max(10, Math.min(1000, limits.headersTimeoutMs / 4)),
    },
    (req, res) => route(routes, req, res),
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  // One more is accepted and closed at once (Node emits 'drop'), so the process keeps its sockets.
  server.maxConnections = limits.maxConnections;
  let closing: Promise<void> | undefined;
  return {
    server,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      });
    },
    close(graceMs = 10_000) {
      closing ??= new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        const cut = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => {
          clearTimeout(cut);
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

// --- Internal helpers ---

function route(routes: HttpRoutes, req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const webhook = routes.webhook;
  if (webhook !== undefined && path === webhook.path) {
    if (req.method !== 'POST') {
      answer(res, 405, 'method not allowed', { allow: 'POST' });
      return;
    }
    // A wrong or missing secret is answered 401 by grammY before the body is read.
    webhook.handle(req, res).catch((error: unknown) => {
      routes.onError(error);
      if (!res.headersSent) answer(res, 500, 'internal error');
      else res.end();
    });
    return;
  }
  if (path === '/metrics' && routes.metrics !== undefined) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      answer(res, 405, 'method not allowed', { allow: 'GET, HEAD' });
      return;
    }
    routes.metrics(req, res);
    return;
  }
  if (path === '/healthz') {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      answer(res, 405, 'method not allowed', { allow: 'GET, HEAD' });
      return;
    }
    routes.healthy().then(
      (ok) => answer(res, ok ? 200 : 503, ok ? 'ok' : 'unavailable'),
      () => answer(res, 503, 'unavailable'),
    );
    return;
  }
  if (routes.miniApp === undefined) answer(res, 404, 'not found');
  else routes.miniApp(req, res);
}

function answer(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}
