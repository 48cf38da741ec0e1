import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './errors.js';

/**
 * Headers every response carries.
 *
 * ```ts
 * res.writeHead(404, { ...baseHeaders, 'content-type': 'text/plain' });
 * ```
 */
export const baseHeaders: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * Writes a JSON response that no cache keeps.
 *
 * ```ts
 * sendJson(res, 200, { items: [] });
 * ```
 */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...baseHeaders,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/**
 * Reads a JSON body of at most `maxBytes` (413 beyond, without reading the rest); an empty body
 * reads as `{}`.
 *
 * ```ts
 * const body = await readJsonBody(req, 16_384);
 * ```
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, 'invalid_input', 'api.badJson');
  }
}

// --- Internal helpers ---

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(
    413,
    'payload_too_large',
    'api.tooLarge',
    {
      kib: Math.floor(maxBytes / 1024),
    },
    { connection: 'close' },
  );
}
