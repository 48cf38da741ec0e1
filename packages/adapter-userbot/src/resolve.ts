import type { Feed, Source, UserId } from '@anonboard/core';
import { Api, errors, type TelegramClient, utils } from 'telegram';
import { SourceUnreadableError, type UnreadableReason, UserbotError } from './errors.js';
import { type FloodPolicy, withFloodWait } from './flood.js';
import { consoleLogger, line } from './logger.js';
import { usernameOfChat } from './map-message.js';

/**
 * A source as the account sees it, ready for `feed.addSource`.
 *
 * ```ts
 * const { ref, title, link } = await resolveSource(client, '@city_news');
 * ```
 */
export interface ResolvedSource {
  /** `-100<channel id>` (channels, supergroups) or `-<chat id>` (basic groups). */
  readonly ref: string;
  readonly title: string;
  /** `https://t.me/<username>` for public chats; null for private ones. */
  readonly link: string | null;
  readonly kind: 'channel' | 'supergroup' | 'group';
  /** True when the account is a member, so live updates arrive. */
  readonly member: boolean;
}

/**
 * Options of {@link resolveSource} and {@link watchSource}.
 *
 * ```ts
 * const options: ResolveOptions = { join: true, flood: { maxFloodWaitSeconds: 60 } };
 * ```
 */
export interface ResolveOptions {
  /** Join a public channel or group the account is not in (`channels.JoinChannel`). */
  readonly join?: boolean;
  /** FloodWait handling (budget, sleep, logger). */
  readonly flood?: Partial<FloodPolicy>;
}

/**
 * What the user typed, understood: an `@username` (also `t.me/name`, `t.me/s/name`,
 * `t.me/name/123`, `tg://resolve?domain=name`), a chat id (`-1001234`, `-1234`, bare `1234` meaning
 * channel 1234, or `t.me/c/1234/5`), or an invite link (`t.me/+hash`, `t.me/joinchat/hash`).
 *
 * ```ts
 * parseSourceInput('https://t.me/city_news/42'); // { kind: 'username', username: 'city_news' }
 * ```
 */
export type SourceInput =
  | { readonly kind: 'username'; readonly username: string }
  | { readonly kind: 'id'; readonly ref: string }
  | { readonly kind: 'invite'; readonly hash: string };

/**
 * Parses a source as people write it; undefined when it is none of the forms of
 * {@link SourceInput}.
 *
 * ```ts
 * parseSourceInput('-1001234'); // { kind: 'id', ref: '-1001234' }
 * ```
 */
export function parseSourceInput(input: string): SourceInput | undefined {
  const text = input.trim();
  if (/^-\d{1,20}$/.test(text)) return { kind: 'id', ref: text };
  if (/^\d{1,20}$/.test(text)) return { kind: 'id', ref: `-100${text}` };
  const username = /^@?([A-Za-z][A-Za-z0-9_]{3,31})$/.exec(text)?.[1];
  if (username !== undefined) return { kind: 'username', username };
  const resolve = /^tg:\/\/resolve\?domain=([A-Za-z][A-Za-z0-9_]{3,31})(?:&|$)/.exec(text)?.[1];
  if (resolve !== undefined) return { kind: 'username', username: resolve };
  const path = /^(?:https?:\/\/)?(?:www\.)?(?:t\.me|telegram\.me|telegram\.dog)\/(.+)$/i.exec(
    text,
  )?.[1];
  if (path === undefined) return undefined;
  const [first, second] = path.split(/[/?#]/);
  if (first === 'c' && second !== undefined && /^\d{1,20}$/.test(second))
    return { kind: 'id', ref: `-100${second}` };
  const invite = /^(?:\+|joinchat\/)([A-Za-z0-9_-]{8,})/.exec(path)?.[1];
  if (invite !== undefined) return { kind: 'invite', hash: invite };
  const name = first === 's' ? second : first;
  if (name !== undefined && /^[A-Za-z][A-Za-z0-9_]{3,31}$/.test(name))
    return { kind: 'username', username: name };
  return undefined;
}

/**
 * Resolves `@username`, a t.me link or an id to `{ ref, title, link }` with `client.getEntity`,
 * joining a public channel when `join: true`. A source the account cannot read throws a
 * {@link SourceUnreadableError} with a clear reason (private, not found, banned, flood…).
 *
 * ```ts
 * const source = await resolveSource(client, 'https://t.me/city_news', { join: true });
 * await feed.addSource(source); // ref '-1001234567890', title 'City news', link 'https://t.me/city_news'
 * ```
 */
export async function resolveSource(
  client: TelegramClient,
  input: string,
  options: ResolveOptions = {},
): Promise<ResolvedSource> {
  const parsed = parseSourceInput(input);
  if (parsed === undefined) {
    throw new SourceUnreadableError(
      'invalid_input',
      input,
      'give an @username, a t.me link or a chat id such as -1001234567890',
    );
  }
  const query =
    parsed.kind === 'username'
      ? `@${parsed.username}`
      : parsed.kind === 'id'
        ? parsed.ref
        : `https://t.me/joinchat/${parsed.hash}`;
  const entity = await readable(input, () =>
    withFloodWait(`getEntity ${query}`, () => client.getEntity(query), options.flood),
  );
  const source = describeEntity(input, entity);
  if (source.member || options.join !== true) return source;
  if (source.link === null || !(entity instanceof Api.Channel)) {
    throw new SourceUnreadableError(
      'private',
      input,
      'it is private and the account is not a member: join it with the account (an invite link works), then add it again',
    );
  }
  await readable(input, () =>
    withFloodWait(
      `JoinChannel ${source.ref}`,
      () => client.invoke(new Api.channels.JoinChannel({ channel: utils.getInputChannel(entity) })),
      options.flood,
    ),
  );
  (options.flood?.logger ?? consoleLogger).info(line(`joined ${source.link} (${source.ref})`));
  return { ...source, member: true };
}

/**
 * Resolves a source (see {@link resolveSource}), then adds it to the feed so the watcher reads
 * it. Refuses (with `not_member`) a source the account has not joined when `join` is off, since
 * no live updates would ever arrive from it. Idempotent: core's `addSource` is, by ref.
 *
 * ```ts
 * const source = await watchSource(client, feed, '@city_news', { join: true, addedBy: admin.id });
 * await watcher.refresh(); // or wait for the next refresh
 * ```
 */
export async function watchSource(
  client: TelegramClient,
  feed: Pick<Feed, 'addSource'>,
  input: string,
  options: ResolveOptions & { readonly addedBy?: UserId | null } = {},
): Promise<Source> {
  const resolved = await resolveSource(client, input, options);
  if (!resolved.member) {
    throw new SourceUnreadableError(
      'not_member',
      input,
      'the account has not joined it, so no updates would arrive: pass join: true or join it with the account',
    );
  }
  return feed.addSource({
    ref: resolved.ref,
    title: resolved.title,
    link: resolved.link,
    addedBy: options.addedBy ?? null,
  });
}

// --- Internal helpers ---

function describeEntity(input: string, entity: unknown): ResolvedSource {
  if (entity instanceof Api.Channel) {
    const username = usernameOfChat(entity);
    return {
      ref: utils.getPeerId(entity),
      title: entity.title,
      link: username === undefined ? null : `https://t.me/${username}`,
      kind: entity.broadcast === true ? 'channel' : 'supergroup',
      member: entity.left !== true,
    };
  }
  if (entity instanceof Api.Chat) {
    if (entity.deactivated === true || entity.migratedTo !== undefined) {
      throw new SourceUnreadableError(
        'not_found',
        input,
        'this group became a supergroup: add the new one by its link or id',
      );
    }
    return {
      ref: utils.getPeerId(entity),
      title: entity.title,
      link: null,
      kind: 'group',
      member: entity.left !== true,
    };
  }
  if (entity instanceof Api.ChannelForbidden || entity instanceof Api.ChatForbidden) {
    throw new SourceUnreadableError('banned', input, 'the account was banned or removed there');
  }
  if (entity instanceof Api.User) {
    throw new SourceUnreadableError(
      'not_a_channel',
      input,
      'it is a person or a bot: only channels and groups are watched',
    );
  }
  throw new SourceUnreadableError('not_found', input, 'Telegram returned no channel or chat');
}

/** Runs a request, turning Telegram's refusals into {@link SourceUnreadableError}s. */
async function readable<T>(input: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof SourceUnreadableError) throw error;
    if (error instanceof UserbotError && error.code === 'flood_wait') {
      throw new SourceUnreadableError(
        'flood',
        input,
        'Telegram asks to wait too long (FloodWait): try again later',
        {
          cause: error,
        },
      );
    }
    const [reason, explanation] = classify(error);
    throw new SourceUnreadableError(reason, input, explanation, { cause: error });
  }
}

const rpcReasons: Readonly<Record<string, readonly [UnreadableReason, string]>> = {
  USERNAME_NOT_OCCUPIED: ['not_found', 'no channel or group has this username'],
  USERNAME_INVALID: ['not_found', 'no channel or group has this username'],
  CHANNEL_INVALID: ['not_found', 'no such channel'],
  PEER_ID_INVALID: ['not_found', 'no such chat'],
  CHAT_ID_INVALID: ['not_found', 'no such chat'],
  INVITE_HASH_INVALID: ['not_found', 'the invite link is invalid'],
  INVITE_HASH_EXPIRED: ['not_found', 'the invite link has expired'],
  CHANNEL_PRIVATE: ['private', 'it is private, or the account was removed from it'],
  CHAT_FORBIDDEN: ['private', 'the account cannot access this chat'],
  USER_BANNED_IN_CHANNEL: ['banned', 'the account is banned there'],
  CHANNEL_BANNED: ['banned', 'the channel is banned'],
  CHANNELS_TOO_MUCH: ['too_many_channels', 'the account is in too many channels to join another'],
  INVITE_REQUEST_SENT: ['join_pending', 'joining needs approval: a request was sent to its admins'],
};

function classify(error: unknown): readonly [UnreadableReason, string] {
  if (error instanceof errors.RPCError) {
    const known = rpcReasons[error.errorMessage];
    if (known !== undefined) return known;
    return ['unknown', `Telegram refused: ${error.errorMessage}`];
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/No user has ".*" as username|Cannot find any entity corresponding/.test(message))
    return ['not_found', 'no channel or group has this username'];
  if (/Could not find the input entity/.test(message)) {
    return [
      'not_found',
      'the account has never seen this chat id: add it by @username or invite link instead',
    ];
  }
  if (/not part of/.test(message))
    return ['private', 'it is private and the account is not a member: join it first'];
  return ['unknown', message.split('\n')[0] ?? message];
}
