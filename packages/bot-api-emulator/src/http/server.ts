import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApiResponse, dispatch, errorBody } from '../dispatch.js';
import { ApiError } from '../errors.js';
import type { Runtime } from '../runtime.js';
import { readParams } from './body.js';

const API_PATH = /^\/bot([^/]+)\/([^/]*)$/;
const FILE_PATH = /^\/file\/bot([^/]+)\/(.+)$/;

/** The running HTTP server. */
export interface HttpServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Serves the Bot API on 127.0.0.1 (`/bot<token>/<method>` and `/file/bot<token>/<path>`). */
export async function listen(rt: Runtime, port: number): Promise<HttpServer> {
  const server = createServer((req, res) => {
    handle(rt, req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        const message = error instanceof Error ? error.message : String(error);
        reply(res, 500, errorBody(new ApiError(500, `Internal Server Error (${message})`)));
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => closeServer(server),
  };
}

// --- Internal helpers ---

async function handle(rt: Runtime, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const file = FILE_PATH.exec(url.pathname);
  if (file !== null) return serveFile(rt, file[1] ?? '', file[2] ?? '', res);
  const match = API_PATH.exec(url.pathname);
  const token = match?.[1];
  const method = decodeURIComponent(match?.[2] ?? '');
  // Telegram checks the token first: a wrong token is 401 even for a method that does not exist.
  if (token !== undefined && token !== rt.token) {
    req.resume();
    rt.calls.push({ method, params: {}, status: 401, description: 'Unauthorized' });
    return reply(res, 401, errorBody(new ApiError(401, 'Unauthorized')));
  }
  if (match === null || method === '') {
    req.resume();
    return reply(res, 404, errorBody(new ApiError(404, 'Not Found')));
  }
  let params: Record<string, unknown>;
  try {
    params = await readParams(req, url.searchParams);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    rt.calls.push({ method, params: {}, status: error.status, description: error.description });
    return reply(res, error.status, errorBody(error));
  }
  // Long polling stops waiting when the client goes away (grammY aborts it on bot.stop()).
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  const outcome = await dispatch(rt, method, params, controller.signal);
  if (outcome.kind === 'drop') {
    req.socket.destroy();
    return;
  }
  if (outcome.holdMs !== undefined) await hold(outcome.holdMs, controller.signal);
  reply(res, outcome.status, outcome.body);
}

/** Waits `ms` (forever when infinite), or until the client goes away. */
function hold(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = Number.isFinite(ms) ? setTimeout(resolve, ms) : undefined;
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

function serveFile(rt: Runtime, token: string, path: string, res: ServerResponse): void {
  if (token !== rt.token) {
    reply(res, 401, errorBody(new ApiError(401, 'Unauthorized')));
    return;
  }
  const file = rt.files.byPath(decodeURIComponent(path));
  if (file === undefined) {
    reply(res, 404, errorBody(new ApiError(404, 'Not Found')));
    return;
  }
  // Files the emulator generated have no bytes; serve deterministic filler of the right size.
  const bytes = file.bytes ?? new Uint8Array(file.file_size).fill(0x2a);
  res.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-length': String(bytes.length),
  });
  res.end(bytes);
}

function reply(res: ServerResponse, status: number, body: ApiResponse): void {
  if (res.destroyed || res.writableEnded) return;
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(json)),
  });
  res.end(json);
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
