// A never-connected GramJS client, real TL objects, and a fake of the one seam where the network
// would be (`client.invoke`). Updates go through GramJS's own dispatch (`_handleUpdate`), so the
// NewMessage / EditedMessage / Raw event builders really run.
import { Api, helpers, Logger, TelegramClient } from 'telegram';
import { _handleUpdate } from 'telegram/client/updates.js';
import { LogLevel } from 'telegram/extensions/Logger.js';
import { StringSession } from 'telegram/sessions/index.js';

/** A client that is never connected (connectionRetries 0, and nobody calls connect). */
export function offlineClient(): TelegramClient {
  return new TelegramClient(new StringSession(''), 1, 'x', {
    connectionRetries: 0,
    baseLogger: new Logger(LogLevel.NONE),
  });
}

export const big = helpers.returnBigInt;

export function channel(
  id: number,
  options: { title?: string; username?: string; left?: boolean; megagroup?: boolean } = {},
): Api.Channel {
  return new Api.Channel({
    id: big(id),
    accessHash: big(id * 7),
    title: options.title ?? `Channel ${id}`,
    ...(options.username === undefined ? {} : { username: options.username }),
    ...(options.left === undefined ? {} : { left: options.left }),
    broadcast: options.megagroup !== true,
    megagroup: options.megagroup === true,
    photo: new Api.ChatPhotoEmpty(),
    date: 1_700_000_000,
  });
}

export function user(id: number): Api.User {
  return new Api.User({ id: big(id), accessHash: big(id * 3), firstName: 'Ivan' });
}

/** A message posted in a channel. */
export function post(
  chat: Api.Channel,
  id: number,
  text: string,
  extra: { media?: Api.TypeMessageMedia; editDate?: number; groupedId?: number } = {},
): Api.Message {
  return new Api.Message({
    id,
    peerId: new Api.PeerChannel({ channelId: chat.id }),
    date: 1_700_000_000 + id,
    message: text,
    post: true,
    ...(extra.media === undefined ? {} : { media: extra.media }),
    ...(extra.editDate === undefined ? {} : { editDate: extra.editDate }),
    ...(extra.groupedId === undefined ? {} : { groupedId: big(extra.groupedId) }),
  });
}

/** A private message from a person (must never reach ingest). */
export function privateMessage(from: Api.User, id: number, text: string): Api.Message {
  return new Api.Message({
    id,
    peerId: new Api.PeerUser({ userId: from.id }),
    date: 1_700_000_000,
    message: text,
  });
}

/** `updateNewChannelMessage` as Telegram sends it: in an `Updates` with the channel entity. */
export function newChannelMessage(chat: Api.Channel, message: Api.Message): Api.Updates {
  return wrap(new Api.UpdateNewChannelMessage({ message, pts: message.id, ptsCount: 1 }), [chat]);
}

export function editChannelMessage(chat: Api.Channel, message: Api.Message): Api.Updates {
  return wrap(new Api.UpdateEditChannelMessage({ message, pts: message.id, ptsCount: 1 }), [chat]);
}

export function newPrivateMessage(from: Api.User, message: Api.Message): Api.Updates {
  return new Api.Updates({
    updates: [new Api.UpdateNewMessage({ message, pts: 1, ptsCount: 1 })],
    users: [from],
    chats: [],
    date: 0,
    seq: 0,
  });
}

function wrap(update: Api.TypeUpdate, chats: Api.TypeChat[]): Api.Updates {
  return new Api.Updates({ updates: [update], users: [], chats, date: 0, seq: 0 });
}

/**
 * Hands an update (or a connection state: -1 disconnected, 0 broken, 1 connected) to GramJS's
 * dispatch, as its network layer does, and lets the dispatch run. Dispatch on a never-connected
 * client is promise-only (no timers, no I/O), so one macrotask turn completes it.
 */
export async function deliver(
  client: TelegramClient,
  update: Api.TypeUpdates | Api.TypeUpdate | number,
): Promise<void> {
  // GramJS types the parameter as one update, but its network layer passes `Updates` containers too.
  _handleUpdate(client, update as Api.TypeUpdate | number);
  await new Promise((resolve) => setImmediate(resolve));
}

/** Turns `FLOOD_WAIT_3`, `CHANNEL_PRIVATE`… into the error GramJS would throw for it. */
export { RPCMessageToError as rpcError } from 'telegram/errors/index.js';

export type Answer = (request: Api.AnyRequest) => unknown;

/**
 * Stands in for Telegram behind `client.invoke`: each request is recorded and answered by the
 * handler (a thrown error is Telegram refusing). Unhandled requests fail like a dead network.
 */
export function fakeTelegram(client: TelegramClient, answer: Answer) {
  const requests: Api.AnyRequest[] = [];
  Object.defineProperty(client, 'invoke', {
    configurable: true,
    value: async (request: Api.AnyRequest) => {
      requests.push(request);
      const result = answer(request);
      if (result === undefined) throw new Error(`offline: ${request.className} is not faked`);
      return result;
    },
  });
  return {
    requests,
    of: <T extends Api.AnyRequest>(type: abstract new (...args: never[]) => T): T[] =>
      requests.filter((r): r is T => r instanceof type),
  };
}

/** Telegram's answer to `messages.GetHistory` over the given messages (newest first, limited). */
export function history(
  request: Api.messages.GetHistory,
  chat: Api.Channel,
  messages: readonly Api.Message[],
): Api.messages.ChannelMessages {
  const page = [...messages]
    .filter((m) => request.offsetId === 0 || m.id < request.offsetId)
    .sort((a, b) => b.id - a.id)
    .slice(0, request.limit);
  return new Api.messages.ChannelMessages({
    pts: 1,
    count: messages.length,
    messages: page,
    topics: [],
    chats: [chat],
    users: [],
  });
}
