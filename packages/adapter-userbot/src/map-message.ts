import type { SourceMessage } from '@anonboard/core';
import { Api, utils } from 'telegram';

/**
 * The source reference of a chat, as core's `Source.ref` holds it: the Bot-API-style id string,
 * `-100<channel id>` for channels and supergroups, `-<chat id>` for basic groups. People's
 * chats (positive ids) have none: the userbot never reads them.
 *
 * ```ts
 * sourceRefOf(new Api.PeerChannel({ channelId: bigInt(1234) })); // '-1001234'
 * ```
 */
export function sourceRefOf(peer: Api.TypePeer): string | undefined {
  if (peer instanceof Api.PeerChannel || peer instanceof Api.PeerChat) return utils.getPeerId(peer);
  return undefined;
}

/**
 * The kind of a message's media in core's words (`photo`, `video`, `animation`, `voice`,
 * `audio`, `video_note`, `sticker`, `document`, `poll`, `location`, `venue`, `contact`, `dice`,
 * `game`, `invoice`, `story`, `giveaway`, `paid_media`); undefined for plain text, including a
 * text with a link preview.
 *
 * ```ts
 * mediaKindOf(new Api.MessageMediaPhoto({})); // 'photo'
 * ```
 */
export function mediaKindOf(media: Api.TypeMessageMedia | undefined): string | undefined {
  if (media === undefined) return undefined;
  if (media instanceof Api.MessageMediaPhoto) return 'photo';
  if (media instanceof Api.MessageMediaDocument) return documentKindOf(media.document);
  if (media instanceof Api.MessageMediaPoll) return 'poll';
  if (media instanceof Api.MessageMediaGeo || media instanceof Api.MessageMediaGeoLive)
    return 'location';
  if (media instanceof Api.MessageMediaVenue) return 'venue';
  if (media instanceof Api.MessageMediaContact) return 'contact';
  if (media instanceof Api.MessageMediaDice) return 'dice';
  if (media instanceof Api.MessageMediaGame) return 'game';
  if (media instanceof Api.MessageMediaInvoice) return 'invoice';
  if (media instanceof Api.MessageMediaStory) return 'story';
  if (media instanceof Api.MessageMediaGiveaway || media instanceof Api.MessageMediaGiveawayResults)
    return 'giveaway';
  if (media instanceof Api.MessageMediaPaidMedia) return 'paid_media';
  // MessageMediaEmpty, MessageMediaWebPage (a link preview of a text) and future kinds.
  if (media instanceof Api.MessageMediaEmpty || media instanceof Api.MessageMediaWebPage)
    return undefined;
  return 'unsupported';
}

/**
 * The public link of a message in a channel or group with a username.
 *
 * ```ts
 * messageLink('city_news', 42); // 'https://t.me/city_news/42'
 * ```
 */
export function messageLink(username: string, messageId: number): string {
  return `https://t.me/${username}/${messageId}`;
}

/**
 * The username in a public `https://t.me/<username>` link (a {@link Source.link}), if it is one.
 *
 * ```ts
 * usernameOfLink('https://t.me/city_news'); // 'city_news'
 * ```
 */
export function usernameOfLink(link: string | null | undefined): string | undefined {
  const match = /^https:\/\/t\.me\/([A-Za-z][A-Za-z0-9_]{3,31})\/?$/.exec(link ?? '');
  return match?.[1];
}

/**
 * Maps a GramJS message to core's platform-neutral {@link SourceMessage}: source ref, message
 * id, text or caption, media kind, date in ms, and a public link when the chat has a username
 * (from the message's chat, else from `fallbackUsername`). Undefined for people's chats.
 *
 * ```ts
 * const message = toSourceMessage(event.message, usernameOfLink(source.link));
 * if (message) await feed.ingest({ ...message, via: 'userbot' });
 * ```
 */
export function toSourceMessage(
  message: Api.Message,
  fallbackUsername?: string,
): SourceMessage | undefined {
  const sourceRef = sourceRefOf(message.peerId);
  if (sourceRef === undefined) return undefined;
  const media = mediaKindOf(message.media);
  const username = usernameOfChat(message.chat) ?? fallbackUsername;
  return {
    sourceRef,
    messageId: message.id,
    text: message.message ?? '',
    date: message.date * 1000,
    ...(media === undefined ? {} : { media }),
    ...(username === undefined ? {} : { link: messageLink(username, message.id) }),
  };
}

/**
 * The public username of a channel or group entity (its main one, or the first active
 * collectible one); undefined for private chats.
 *
 * ```ts
 * usernameOfChat(channel); // 'city_news'
 * ```
 */
export function usernameOfChat(chat: unknown): string | undefined {
  if (!(chat instanceof Api.Channel)) return undefined;
  if (chat.username !== undefined && chat.username !== '') return chat.username;
  return chat.usernames?.find((u) => u.active === true)?.username;
}

// --- Internal helpers ---

function documentKindOf(document: Api.TypeDocument | undefined): string {
  if (!(document instanceof Api.Document)) return 'document';
  let kind = 'document';
  for (const attribute of document.attributes) {
    if (attribute instanceof Api.DocumentAttributeSticker) return 'sticker';
    if (attribute instanceof Api.DocumentAttributeAnimated) return 'animation';
    if (attribute instanceof Api.DocumentAttributeVideo)
      kind = attribute.roundMessage === true ? 'video_note' : 'video';
    else if (attribute instanceof Api.DocumentAttributeAudio)
      kind = attribute.voice === true ? 'voice' : 'audio';
  }
  return kind;
}
