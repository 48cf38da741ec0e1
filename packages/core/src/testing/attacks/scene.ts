import { afterEach } from 'vitest';
import type { Chat } from '../../chats/chat.js';
import type { Board } from '../../facades/board.js';
import { createBoard } from '../../facades/board.js';
import type { Feed } from '../../facades/feed.js';
import type { PolicyOverrides } from '../../facades/runtime.js';
import type { AdId } from '../../ids.js';
import { silentLogger } from '../../operations/console-logger.js';
import type { Dispatcher } from '../../outbox/dispatcher.js';
import type { Storage } from '../../ports/storage.js';
import type { User } from '../../users/user.js';
import { ManualClock, RecordingTransport, type SentMessage, SequentialIds } from '../fakes.js';
import { storageSnapshot } from '../snapshot.js';

/** A storage factory, as the contract suites take it. */
export type StorageFactory = () => Storage | Promise<Storage>;

/**
 * One attack's stage: a board on a fresh storage (closed after the test), a manual clock,
 * a recording transport, and helpers to put people into chats.
 */
export interface Scene {
  readonly board: Board;
  readonly storage: Storage;
  readonly clock: ManualClock;
  readonly transport: RecordingTransport;
  readonly dispatcher: Dispatcher;
  /** People by name: each a distinct platform identity. */
  person(name: string): Promise<User>;
  /** An ad by `author`. */
  ad(author: User, title: string): Promise<AdId>;
  /** `reader` writes to `author`'s new ad `title`; the author accepts; the chat is open. */
  chat(author: User, reader: User, title: string): Promise<Chat>;
  /** Everything delivered to a person so far. */
  seenBy(user: User): SentMessage[];
  /** The texts delivered to a person so far. */
  textsTo(user: User): string[];
  /** Delivers the outbox. */
  drain(): Promise<void>;
}

/** The platform id of a person of a scene: one fixed number per name. */
export function platformIdOf(name: string): string {
  let n = 0;
  for (const ch of name) n = (n * 31 + (ch.codePointAt(0) ?? 0)) % 1_000_000;
  return String(4_000_000_000 + n);
}

/**
 * A scene per test on `factory`'s storage. Call it at the top of a `describe`: it returns the
 * function the tests call to set their stage.
 */
export function scenes(
  factory: StorageFactory,
): (options?: { policy?: PolicyOverrides; storage?: Storage }) => Promise<Scene> {
  const opened: Storage[] = [];
  afterEach(async () => {
    for (const storage of opened.splice(0)) await storage.close();
  });
  return async (options = {}) => {
    const storage = options.storage ?? (await factory());
    if (options.storage === undefined) opened.push(storage);
    return stage(storage, options.policy);
  };
}

/** A scene on `storage` (not closed for you). */
export function stage(storage: Storage, policy?: PolicyOverrides): Scene {
  const clock = new ManualClock();
  const transport = new RecordingTransport();
  const board = createBoard({
    storage,
    transport,
    clock,
    ids: new SequentialIds(),
    logger: silentLogger,
    ...(policy === undefined ? {} : { policy }),
  });
  const dispatcher = board.dispatcher as Dispatcher;
  const drain = async () => {
    await dispatcher.drain();
  };
  const scene: Scene = {
    board,
    storage,
    clock,
    transport,
    dispatcher,
    person: (name) => board.identify({ platformId: platformIdOf(name), locale: 'en' }),
    ad: async (author, title) => (await board.publishAd({ author: author.id, title })).id,
    chat: async (author, reader, title) => {
      const adId = await scene.ad(author, title);
      const invite = await board.sendInvite({
        sender: reader.id,
        adId,
        content: { kind: 'text', text: `About ${title}` },
      });
      const chat = await board.acceptInvite({ user: author.id, inviteId: invite.id });
      await drain();
      return chat;
    },
    seenBy: (user) => transport.to(user.platformId),
    textsTo: (user) =>
      transport.to(user.platformId).flatMap((m) => (m.kind === 'text' ? [m.text] : [])),
    drain,
  };
  return scene;
}

/**
 * What the board (and a feed on the same storage) keeps, for comparing before and after an
 * attack that must change nothing: {@link storageSnapshot} of the people, the board's (and the
 * feed's) statistics, and how many deliveries were made.
 */
export async function snapshotOf(
  s: Scene,
  people: readonly User[],
  feed?: Feed,
): Promise<Record<string, unknown>> {
  return {
    ...(await storageSnapshot(
      s.storage,
      people.map((p) => p.platformId),
    )),
    stats: await s.board.stats(0),
    sent: s.transport.sent.length,
    ...(feed === undefined ? {} : { feedStats: await feed.stats(0) }),
  };
}
