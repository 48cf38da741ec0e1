import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Board, type BoardOptions, createBoard, MemoryStorage } from '@anonboard/core';
import { RecordingTransport } from '@anonboard/core/testing';
import { afterEach } from 'vitest';
import { createMiniApp, type MiniApp, type MiniAppOptions } from '../../src/index.js';
import { BOT_TOKEN, signInitData, type TestUser } from './init-data.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A Mini App served on 127.0.0.1 (closed after the test). */
export interface Served {
  readonly url: string;
  readonly miniApp: MiniApp;
}

/** Serves `createMiniApp(options)` on a free port of 127.0.0.1, closed after the test. */
export async function serve(options: MiniAppOptions): Promise<Served> {
  const served = await serveUntilClosed(options);
  cleanups.push(served.close);
  return served;
}

/** Serves `createMiniApp(options)` on a free port of 127.0.0.1 until `close()`. */
export async function serveUntilClosed(
  options: MiniAppOptions,
): Promise<Served & { close(): Promise<void> }> {
  const miniApp = createMiniApp(options);
  const server = createServer(miniApp.handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    miniApp,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A board in memory whose deliveries are recorded, and the Mini App over it. */
export async function startApi(
  options: Partial<MiniAppOptions> = {},
  boardOptions: Omit<BoardOptions, 'storage' | 'transport'> = {},
): Promise<{ board: Board; transport: RecordingTransport; errors: unknown[] } & Served & Api> {
  const transport = new RecordingTransport();
  const board = createBoard({ storage: new MemoryStorage(), transport, ...boardOptions });
  const errors: unknown[] = [];
  const served = await serve({
    board,
    botToken: BOT_TOKEN,
    onError: (error) => errors.push(error),
    ...options,
  });
  return { board, transport, errors, ...served, ...client(served.url) };
}

/** An API answer. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: unknown;
}

/** The ad as the API returns it (for reading answers in tests). */
export interface AdJson {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly createdAt: string;
  readonly status: 'open' | 'closed';
  readonly mine: boolean;
}

/** Reads an answer's body as `T` (the shape the test expects; assertions check it). */
export function bodyOf<T>(answer: Answer): T {
  return answer.json as T;
}

/** How a test calls the API. */
export interface Api {
  call(
    path: string,
    init?: {
      readonly as?: TestUser | string;
      readonly method?: string;
      readonly body?: unknown;
      readonly rawBody?: string;
      readonly headers?: Record<string, string>;
    },
  ): Promise<Answer>;
}

/** Calls the API at `url`; `as` is a user (signed here) or a ready initData string. */
export function client(url: string): Api {
  return {
    async call(path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      if (init.as !== undefined) {
        headers.authorization = `tma ${typeof init.as === 'string' ? init.as : signInitData(init.as)}`;
      }
      let body: string | undefined = init.rawBody;
      if (init.body !== undefined) {
        body = JSON.stringify(init.body);
        headers['content-type'] = 'application/json';
      }
      const response = await fetch(`${url}${path}`, {
        method: init.method ?? (body === undefined ? 'GET' : 'POST'),
        headers,
        ...(body === undefined ? {} : { body }),
      });
      const text = await response.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: response.status, headers: response.headers, text, json };
    },
  };
}
