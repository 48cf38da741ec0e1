import type { TextKey } from '@anonboard/core';
import type { Api } from 'grammy';

/**
 * What follows `/addsource`, understood: a chat id (`-1001234…`, `t.me/c/1234/5`) or a public
 * username (`@name`, `t.me/name`, `t.me/s/name`, `t.me/name/123`), then an optional title.
 *
 * ```ts
 * parseSourceArgument('-1001234567890 Городские новости');
 * // { kind: 'id', ref: '-1001234567890', title: 'Городские новости' }
 * ```
 */
export type SourceArgument =
  | { readonly kind: 'id'; readonly ref: string; readonly title: string | undefined }
  | { readonly kind: 'username'; readonly username: string; readonly title: string | undefined };

/**
 * Parses the argument of `/addsource`; undefined when it names no chat.
 *
 * ```ts
 * parseSourceArgument('https://t.me/city_news/42'); // { kind: 'username', username: 'city_news', title: undefined }
 * ```
 */
export function parseSourceArgument(text: string): SourceArgument | undefined {
  const [first = '', ...rest] = text.trim().split(/\s+/);
  const title = rest.join(' ').trim() || undefined;
  if (/^-\d{1,20}$/.test(first)) return { kind: 'id', ref: first, title };
  const username = /^@([A-Za-z][A-Za-z0-9_]{3,31})$/.exec(first)?.[1];
  if (username !== undefined) return { kind: 'username', username, title };
  const path = /^(?:https?:\/\/)?(?:www\.)?(?:t\.me|telegram\.me)\/(.+)$/i.exec(first)?.[1];
  if (path === undefined) return undefined;
  const [head, second] = path.split(/[/?#]/);
  if (head === 'c' && second !== undefined && /^\d{1,20}$/.test(second))
    return { kind: 'id', ref: `-100${second}`, title };
  const name = head === 's' ? second : head;
  return name !== undefined && /^[A-Za-z][A-Za-z0-9_]{3,31}$/.test(name)
    ? { kind: 'username', username: name, title }
    : undefined;
}

/** A source found through the Bot API, ready for `feed.addSource`. */
export interface BotApiSource {
  readonly ref: string;
  readonly title: string;
  readonly link: string | null;
}

/**
 * Asks the Bot API about a chat (`getChat`): public channels and groups are visible by
 * `@username`, others only when the bot is in them. Undefined when the Bot API does not know it;
 * `'not_a_channel'` for people and bots.
 *
 * ```ts
 * await lookUpChat(bot.api, '@city_news'); // { ref: '-1001234567890', title: 'City news', link: 'https://t.me/city_news' }
 * ```
 */
export async function lookUpChat(
  api: Api,
  chat: string,
): Promise<BotApiSource | 'not_a_channel' | undefined> {
  let found: Awaited<ReturnType<Api['getChat']>>;
  try {
    found = await api.getChat(chat);
  } catch {
    return undefined;
  }
  if (found.type === 'private') return 'not_a_channel';
  return {
    ref: String(found.id),
    title: found.title ?? chat,
    link: found.username === undefined ? null : `https://t.me/${found.username}`,
  };
}

/**
 * The reply for a source the resolver refused: by the `reason` of the userbot's
 * `SourceUnreadableError` when it has one.
 *
 * ```ts
 * refusalKey({ reason: 'private' }); // 'feed.addsource.private'
 * ```
 */
export function refusalKey(error: unknown): TextKey {
  const reason =
    typeof error === 'object' && error !== null && 'reason' in error ? error.reason : undefined;
  switch (reason) {
    case 'invalid_input':
      return 'feed.addsource.usage';
    case 'not_found':
      return 'feed.addsource.notFound';
    case 'private':
    case 'not_member':
    case 'join_pending':
      return 'feed.addsource.private';
    case 'not_a_channel':
      return 'feed.addsource.notChannel';
    case 'flood':
      return 'feed.addsource.tryLater';
    case 'banned':
    case 'too_many_channels':
    case 'unknown':
      return 'feed.addsource.unavailable';
    default:
      return 'feed.addsource.tryLater';
  }
}
