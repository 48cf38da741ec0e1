import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny HTTP proxy on 127.0.0.1 standing in for a load balancer (round-robin over `targets`)
 * or for a network that stops answering (`hold`).
 */
export interface TestProxy {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Base URLs to forward to, taken in turn; a request with none gets 502. */
  targets: string[];
  /**
   * `forward` (default) answers with the target's answer; `ack-early` answers 200 at once and
   * forwards in the background, so consecutive requests run at the same time; `hold` never
   * answers (requests hang until `close`), like a peer that died mid-call.
   */
  mode: 'forward' | 'ack-early' | 'hold';
  /** How many requests each target got, by base URL. */
  readonly forwarded: ReadonlyMap<string, number>;
  /** Requests waiting in `hold` mode. */
  readonly held: number;
  /** Resolves when the background forwards of `ack-early` mode have finished. */
  settled(): Promise<void>;
  /** Closes the proxy, cutting held requests. */
  close(): Promise<void>;
}

/**
 * Starts a proxy on 127.0.0.1.
 *
 * ```ts
 * const lb = await startProxy([`http://127.0.0.1:${a}`, `http://127.0.0.1:${b}`]);
 * await bot.api.setWebhook(`${lb.url}/telegram`, { secret_token });
 * ```
 */
export async function startProxy(targets: string[] = []): Promise<TestProxy> {
  const forwarded = new Map<string, number>();
  const background = new Set<Promise<unknown>>();
  let next = 0;
  let held = 0;
  const proxy: TestProxy = {
    url: '',
    targets,
    mode: 'forward',
    forwarded,
    get held() {
      return held;
    },
    async settled() {
      while (background.size > 0) await Promise.allSettled([...background]);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    if (proxy.mode === 'hold') {
      held++;
      res.once('close', () => held--);
      return;
    }
    const target = proxy.targets[next++ % Math.max(1, proxy.targets.length)];
    if (target === undefined) return void res.writeHead(502).end();
    forwarded.set(target, (forwarded.get(target) ?? 0) + 1);
    const forward = fetch(`${target}${req.url ?? '/'}`, {
      method: req.method ?? 'GET',
      headers: forwardedHeaders(req),
      ...(body.length > 0 ? { body } : {}),
    });
    if (proxy.mode === 'ack-early') {
      res.writeHead(200).end();
      const done = forward.then((r) => r.arrayBuffer()).catch(() => undefined);
      background.add(done);
      void done.finally(() => background.delete(done));
      return;
    }
    try {
      const answer = await forward;
      const content = Buffer.from(await answer.arrayBuffer());
      res.writeHead(answer.status, {
        'content-type': answer.headers.get('content-type') ?? 'text/plain',
      });
      res.end(content);
    } catch {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    }
  };
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(proxy, { url: `http://127.0.0.1:${port}` });
}

// --- Internal helpers ---

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/** The request's headers minus the hop-by-hop ones fetch sets itself. */
function forwardedHeaders(req: IncomingMessage): Record<string, string> {
  const skip = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (skip.has(name) || value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
