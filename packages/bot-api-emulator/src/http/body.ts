import type { IncomingMessage } from 'node:http';
import { ApiError, badRequest } from '../errors.js';
import { parseMultipart, type UploadedFile } from './multipart.js';

const MAX_BODY_BYTES = 60 * 1024 * 1024;

/**
 * Reads a Bot API request's parameters from the query string and a JSON, urlencoded or
 * multipart body. Form values that hold JSON objects or arrays are decoded, and
 * `attach://name` references are replaced with the uploaded file they name.
 */
export async function readParams(
  req: IncomingMessage,
  query: URLSearchParams,
): Promise<Record<string, unknown>> {
  const params: Record<string, unknown> = {};
  for (const [key, value] of query) params[key] = decodeFormValue(value);
  const body = await readBody(req);
  if (body.length === 0) return params;
  const contentType = req.headers['content-type'] ?? '';
  if (contentType.startsWith('application/json')) {
    Object.assign(params, parseJsonObject(body.toString('utf8')));
  } else if (contentType.startsWith('multipart/form-data')) {
    const { fields, files } = parseMultipart(body, contentType);
    for (const [key, value] of fields) params[key] = decodeFormValue(value);
    attachFiles(params, files);
  } else {
    for (const [key, value] of new URLSearchParams(body.toString('utf8'))) {
      params[key] = decodeFormValue(value);
    }
  }
  return params;
}

// --- Internal helpers ---

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, 'Request Entity Too Large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function parseJsonObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest("can't parse JSON request body");
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('request body must be a JSON object');
  }
  return { ...value };
}

function decodeFormValue(value: string): unknown {
  const first = value.trimStart()[0];
  if (first !== '{' && first !== '[') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Replaces `attach://name` references (top level or in an `InputMedia` array) with files. */
function attachFiles(params: Record<string, unknown>, files: Map<string, UploadedFile>): void {
  const used = new Set<string>();
  const resolve = (value: unknown): unknown => {
    if (typeof value !== 'string' || !value.startsWith('attach://')) return value;
    const name = value.slice('attach://'.length);
    const file = files.get(name);
    if (file === undefined) return value;
    used.add(name);
    return file;
  };
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) {
      params[key] = value.map((item: unknown) =>
        typeof item === 'object' && item !== null && 'media' in item
          ? { ...item, media: resolve(item.media) }
          : item,
      );
    } else {
      params[key] = resolve(value);
    }
  }
  for (const [name, file] of files) if (!used.has(name)) params[name] = file;
}
