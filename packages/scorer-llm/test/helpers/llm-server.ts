import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/** Which API a request was made to. */
export type Protocol = 'gigachat' | 'openai';

/** One request the server received. */
export interface RecordedRequest {
  readonly protocol: Protocol | 'oauth';
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** The parsed JSON body (chat endpoints). */
  readonly json: ChatBody | undefined;
}

/** The part of a chat-completions body the tests read. */
export interface ChatBody {
  readonly model: string;
  readonly messages: readonly { readonly role: string; readonly content: string }[];
  readonly [key: string]: unknown;
}

/** What to answer a chat request with. */
export type Reply =
  /** A well-formed completion whose message content is `content`. */
  | {
      readonly content: string | null;
      readonly usage?: { readonly prompt: number; readonly completion: number };
      readonly finishReason?: string;
    }
  /** A raw HTTP answer. */
  | {
      readonly status: number;
      readonly body?: unknown;
      readonly headers?: Readonly<Record<string, string>>;
    }
  /** Never answer: wait until the client goes away. */
  | { readonly hang: true };

/**
 * A local server on 127.0.0.1 that speaks both protocols the way the real services do:
 * GigaChat's `POST /api/v2/oauth` (form `scope=…`, Basic credentials → `{access_token,
 * expires_at}`) and `POST /api/v1/chat/completions` (Bearer token), and OpenAI's
 * `POST /v1/chat/completions`. `reply` decides each chat answer; counters tell what the clients
 * did (in flight at once, aborted requests, tokens issued).
 */
export interface LlmServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Chat requests (either protocol), in arrival order. */
  readonly chats: () => RecordedRequest[];
  readonly oauthCalls: () => number;
  /** Chat requests being handled now. */
  readonly inFlight: () => number;
  /** Most chat requests being handled at once. */
  readonly maxInFlight: () => number;
  /** Chat requests whose client closed the connection before the answer. */
  readonly aborted: () => number;
  /** Resolves at the next aborted chat request. */
  readonly nextAbort: () => Promise<void>;
  /** Decides the answer of chat request number `index` (0-based, per server). */
  reply: (request: RecordedRequest, index: number) => Reply | Promise<Reply>;
  /** Runs before the OAuth endpoint answers (to hold it). */
  beforeOAuth: () => Promise<void>;
  /** The authorization key the OAuth endpoint accepts. */
  readonly credentials: string;
  /** GigaChat tokens the chat endpoint accepts (OAuth adds to it). */
  readonly validTokens: Set<string>;
  /** `expires_at` of the next issued tokens, in ms. Default an hour from now. */
  expiresAt: () => number;
  close(): Promise<void>;
}

export const GOOD_ANSWER = '{"score": 0.83, "reason": "срочное собрание жильцов"}';

/** Plain HTTP by default; with `tls`, HTTPS with that key and certificate. */
export async function startLlmServer(
  options: { tls?: { key: string; cert: string } } = {},
): Promise<LlmServer> {
  const requests: RecordedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let aborted = 0;
  let chatIndex = 0;
  let issued = 0;
  let abortWaiters: (() => void)[] = [];
  const sockets = new Set<import('node:net').Socket>();

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { message: String(error) });
    });
  };
  const server =
    options.tls === undefined ? createServer(listener) : createHttpsServer(options.tls, listener);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const api: LlmServer = {
    url: '',
    requests,
    chats: () => requests.filter((r) => r.protocol !== 'oauth'),
    oauthCalls: () => requests.filter((r) => r.protocol === 'oauth').length,
    inFlight: () => inFlight,
    maxInFlight: () => maxInFlight,
    aborted: () => aborted,
    nextAbort: () => new Promise((resolve) => abortWaiters.push(resolve)),
    reply: () => ({ content: GOOD_ANSWER }),
    beforeOAuth: async () => {},
    credentials: Buffer.from('client-id:client-secret').toString('base64'),
    validTokens: new Set(['static-token']),
    expiresAt: () => Date.now() + 3_600_000,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (req.method !== 'POST') return send(res, 405, { message: 'method not allowed' });
    if (path === '/api/v2/oauth') {
      requests.push({ protocol: 'oauth', path, headers: req.headers, body, json: undefined });
      await api.beforeOAuth();
      const scope = new URLSearchParams(body).get('scope');
      const basic = /^Basic [A-Za-z0-9+/=]+$/.test(req.headers.authorization ?? '');
      const form = req.headers['content-type']?.startsWith('application/x-www-form-urlencoded');
      if (!basic || !form || !req.headers.rquid) return send(res, 400, { message: 'bad request' });
      if (req.headers.authorization !== `Basic ${api.credentials}`) {
        return send(res, 401, { code: 6, message: "credentials doesn't match db data" });
      }
      if (scope !== 'GIGACHAT_API_PERS' && scope !== 'GIGACHAT_API_CORP') {
        return send(res, 400, {
          code: 7,
          message: 'scope from db not fully includes consumed scope',
        });
      }
      issued += 1;
      const token = `tok-${issued}`;
      api.validTokens.add(token);
      return send(res, 200, { access_token: token, expires_at: api.expiresAt() });
    }
    const protocol: Protocol | undefined =
      path === '/api/v1/chat/completions'
        ? 'gigachat'
        : path === '/v1/chat/completions'
          ? 'openai'
          : undefined;
    if (protocol === undefined) return send(res, 404, { message: `no route ${path}` });
    const json = JSON.parse(body) as ChatBody;
    const request: RecordedRequest = { protocol, path, headers: req.headers, body, json };
    requests.push(request);
    const index = chatIndex++;
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => {
      inFlight -= 1;
      if (!res.writableFinished) {
        aborted += 1;
        const waiters = abortWaiters;
        abortWaiters = [];
        for (const wake of waiters) wake();
      }
    });
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (protocol === 'gigachat' && (bearer === undefined || !api.validTokens.has(bearer))) {
      return send(res, 401, { status: 401, message: 'Token has expired' });
    }
    const reply = await api.reply(request, index);
    if ('hang' in reply) return;
    if ('status' in reply) return send(res, reply.status, reply.body ?? {}, reply.headers);
    return send(res, 200, completion(protocol, json.model, reply));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const scheme = options.tls === undefined ? 'http' : 'https';
  return Object.assign(api, { url: `${scheme}://127.0.0.1:${port}` });
}

/** Resolves after `ms` (to make requests overlap; nothing asserts on time). */
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `condition` holds, or after `maxMs` anyway (the test's assertions decide). */
export async function until(condition: () => boolean, maxMs = 2000): Promise<void> {
  for (let waited = 0; !condition() && waited < maxMs; waited += 5) await pause(5);
}

// --- Internal helpers ---

function completion(
  protocol: Protocol,
  model: string,
  reply: Extract<Reply, { content: string | null }>,
) {
  const prompt = reply.usage?.prompt ?? 120;
  const answer = reply.usage?.completion ?? 20;
  if (protocol === 'gigachat') {
    return {
      choices: [
        {
          message: { role: 'assistant', content: reply.content ?? '' },
          index: 0,
          finish_reason: reply.finishReason ?? 'stop',
        },
      ],
      created: 1_763_700_000,
      model: `${model}:1.0.26.20`,
      object: 'chat.completion',
      usage: {
        prompt_tokens: prompt,
        completion_tokens: answer,
        precached_prompt_tokens: 0,
        total_tokens: prompt + answer,
      },
    };
  }
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_763_700_000,
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: reply.content, refusal: null },
        logprobs: null,
        finish_reason: reply.finishReason ?? 'stop',
      },
    ],
    usage: { prompt_tokens: prompt, completion_tokens: answer, total_tokens: prompt + answer },
  };
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/plain' : 'application/json',
    ...headers,
  });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
