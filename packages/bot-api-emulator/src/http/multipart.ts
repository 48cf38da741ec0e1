// A tolerant multipart/form-data parser. Node's built-in `Request#formData()` rejects the
// compact headers grammY writes (`content-disposition:form-data;name="x";filename=a.jpg`),
// while Telegram accepts them, so the emulator parses parts itself.

/**
 * A file uploaded in a multipart request.
 *
 * ```ts
 * const upload = emu.calls.at(-1)?.params.photo as UploadedFile;
 * upload.filename; // 'photo.jpg'
 * ```
 */
export interface UploadedFile {
  readonly kind: 'upload';
  readonly filename: string;
  readonly mimeType: string;
  readonly size: number;
  readonly bytes: Uint8Array;
}

export interface MultipartBody {
  fields: Map<string, string>;
  files: Map<string, UploadedFile>;
}

export function parseMultipart(body: Buffer, contentType: string): MultipartBody {
  const result: MultipartBody = { fields: new Map(), files: new Map() };
  const boundary = headerParams(contentType).get('boundary');
  if (boundary === undefined) return result;
  const delimiter = Buffer.from(`--${boundary}`);
  let cursor = body.indexOf(delimiter);
  while (cursor !== -1) {
    const partStart = cursor + delimiter.length;
    if (body.subarray(partStart, partStart + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, partStart);
    if (next === -1) break;
    // The part sits between the CRLF after the delimiter and the CRLF before the next one.
    const part = body.subarray(skipLineBreak(body, partStart), trimLineBreak(body, next));
    readPart(part, result);
    cursor = next;
  }
  return result;
}

// --- Internal helpers ---

function readPart(part: Buffer, into: MultipartBody): void {
  const headerEnd = part.indexOf('\r\n\r\n');
  if (headerEnd === -1) return;
  const headers = new Map<string, string>();
  for (const line of part.subarray(0, headerEnd).toString('utf8').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headerParams(headers.get('content-disposition') ?? '');
  const name = disposition.get('name');
  if (name === undefined) return;
  const content = part.subarray(headerEnd + 4);
  const filename = disposition.get('filename');
  if (filename === undefined) {
    into.fields.set(name, content.toString('utf8'));
    return;
  }
  into.files.set(name, {
    kind: 'upload',
    filename,
    mimeType: headers.get('content-type') ?? 'application/octet-stream',
    size: content.length,
    bytes: new Uint8Array(content),
  });
}

/** Parses `value; key=v; key2="v 2"` into its parameters (keys lower-cased). */
function headerParams(header: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const match of header.matchAll(/;\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g)) {
    const key = match[1];
    if (key === undefined) continue;
    params.set(key.toLowerCase(), (match[2] ?? match[3] ?? '').trim());
  }
  return params;
}

function skipLineBreak(body: Buffer, at: number): number {
  return body[at] === 0x0d && body[at + 1] === 0x0a ? at + 2 : at;
}

function trimLineBreak(body: Buffer, end: number): number {
  return body[end - 2] === 0x0d && body[end - 1] === 0x0a ? end - 2 : end;
}
