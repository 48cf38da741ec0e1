import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFeed, type Feed, MemoryStorage, type User } from '@anonboard/core';
import { ManualClock, RecordingTransport } from '@anonboard/core/testing';
import { afterEach } from 'vitest';
import {
  BOT_TOKEN,
  signInitData,
  type TestUser,
} from '../../../mini-app/test/support/init-data.js';
import { type AdminApp, type AdminAppOptions, createAdminApp } from '../../src/index.js';

export { BOT_TOKEN, signInitData, type TestUser };

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Two admins and a reader, by their Telegram identities. */
export const anna: TestUser = {
  id: 741_852_001,
  first_name: 'Annalisa',
  username: 'anna_secret',
  language_code: 'ru',
};
export const boris: TestUser = {
  id: 741_852_002,
  first_name: 'Borislavo',
  username: 'boris_secret',
  language_code: 'en',
};
export const reader: TestUser = {
  id: 741_852_003,
  first_name: 'Readerino',
  username: 'reader_secret',
  language_code: 'ru',
};

/** A feed with two admins, a channel, a watched source, a subscriber; the admin app over it. */
export interface FeedApp {
  readonly feed: Feed;
  readonly storage: MemoryStorage;
  readonly transport: RecordingTransport;
  readonly clock: ManualClock;
  readonly url: string;
  readonly app: AdminApp;
  readonly admins: { readonly anna: User; readonly boris: User };
  readonly errors: unknown[];
  /** A watched channel posts `text`; returns the queued item's id (or undefined when dropped). */
  post(text: string, messageId?: number): Promise<string | undefined>;
  /** Calls the API as `user` (signed here), a ready initData string, or nobody. */
  call(path: string, init?: CallInit): Promise<Answer>;
}

export interface CallInit {
  readonly as?: TestUser | string;
  readonly method?: string;
  readonly body?: unknown;
  readonly rawBody?: string;
}

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly json: unknown;
}

/** Reads an answer's body as `T` (the shape the test expects; assertions check it). */
export function bodyOf<T>(answer: Answer): T {
  return answer.json as T;
}

let nextMessageId = 1;

/** Builds the feed and serves the admin app on 127.0.0.1 (closed after the test). */
export async function startFeedApp(options: Partial<AdminAppOptions> = {}): Promise<FeedApp> {
  const storage = new MemoryStorage();
  const transport = new RecordingTransport();
  const clock = new ManualClock(Date.parse('2026-12-04T09:00:00Z'));
  const feed = createFeed({
    storage,
    transport,
    clock,
    dispatcher: { logger: { warn: () => {} } },
  });
  const annaUser = await feed.identify({ platformId: String(anna.id) });
  const borisUser = await feed.identify({ platformId: String(boris.id) });
  const readerUser = await feed.identify({ platformId: String(reader.id) });
  await feed.configure({ channel: '@city_news', admins: [annaUser.id, borisUser.id] });
  await feed.addSource({ ref: '-1001', title: 'Городской чат', link: 'https://t.me/city_chat' });
  await feed.subscribe({ user: readerUser.id, keywords: ['собрание', 'вода'] });

  const errors: unknown[] = [];
  const app = createAdminApp({
    feed,
    botToken: BOT_TOKEN,
    telegramWebAppScript: false,
    onError: (error) => errors.push(error),
    now: () => clock.now(),
    ...options,
  });
  const server = createServer(app.handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return {
    feed,
    storage,
    transport,
    clock,
    url,
    app,
    errors,
    admins: { anna: annaUser, boris: borisUser },
    async post(text, messageId = nextMessageId++) {
      const result = await feed.ingest({
        sourceRef: '-1001',
        messageId,
        text,
        date: clock.now(),
        link: `https://t.me/city_chat/${messageId}`,
        via: 'userbot',
      });
      await feed.dispatcher?.drain();
      return result.itemId;
    },
    async call(path, init = {}) {
      const headers: Record<string, string> = {};
      if (init.as !== undefined) {
        const initData =
          typeof init.as === 'string'
            ? init.as
            : signInitData(init.as, { authDate: new Date(clock.now()) });
        headers.authorization = `tma ${initData}`;
      }
      let body = init.rawBody;
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
      return { status: response.status, headers: response.headers, json };
    },
  };
}
