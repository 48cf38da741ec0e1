import type { PlatformIdentity, UserId } from '@anonboard/core';
import type { Composer, Context } from 'grammy';
import type { Message } from 'grammy/types';
import type { AlbumBuffer, AlbumDelivery } from '../album-buffer.js';
import type { ResolvedOptions } from '../options.js';
import { albumSummary, mediaKindOf, summaryOf } from '../telegram-message.js';
import { beginTurn, explainRefusals, identityOf, localeOf, type Turn, updateKey } from './turn.js';
import { handleWebAppData } from './web-app-data.js';

/**
 * Plain messages in a private chat: the first one after opening an ad becomes the invite, the
 * rest are relayed by copy (albums once, after all their parts arrived), each with its summary
 * for core (history, reports, the first message's rules). Contacts and locations
 * are refused unless allowed. Commands the plugin does not own pass on to the host bot, and so
 * (unless `standalone`) do messages of people with no opened ad and no active chat.
 */
export function handleMessages<C extends Context>(
  composer: Composer<C>,
  o: ResolvedOptions,
  albums: AlbumBuffer,
): void {
  const { board } = o;
  composer.on('message', async (ctx, next) => {
    const message = ctx.message;
    if (message.web_app_data !== undefined) {
      return handleWebAppData(ctx, o, message.web_app_data, next);
    }
    const kind = kindOf(message);
    if (kind === undefined) return next();
    let passOn = false;
    await explainRefusals(
      board,
      localeOf(ctx, o),
      (text) => ctx.reply(text),
      async () => {
        const identity = identityOf(ctx, o);
        if (!o.standalone) {
          // Embedded: only people inside a board flow are the board's; looking stores nobody.
          const found = await board.findUser(identity);
          if (found?.engaged !== true) {
            passOn = true;
            return;
          }
        }
        // The common case, a single message to relay or to send as the invite: the person is
        // identified inside receive's own transaction (one round trip per message).
        if (kind === 'relay' && message.media_group_id === undefined) {
          await receiveOne(o, identity, updateKey(ctx), message);
          return;
        }
        const turn = await beginTurn(ctx, o);
        const refusal = refusalOf(kind, o);
        if (refusal !== undefined) await ctx.reply(turn.say(refusal));
        else if (message.media_group_id === undefined)
          await receiveOne(o, turn.user.id, turn.key, message);
        else collectAlbumPart(ctx, o, turn, albums, message, message.media_group_id);
      },
    );
    if (passOn) await next();
  });
}

// --- Internal helpers ---

/**
 * Whether a message is for the board: anything the Bot API lets a bot copy (text, the media of
 * `mediaKinds`); contacts and locations (venues too) are told apart to be refused unless allowed.
 */
function kindOf(message: Message): 'relay' | 'contact' | 'location' | undefined {
  if (isCommand(message)) return undefined;
  const media = mediaKindOf(message);
  if (media === 'contact' || media === 'location') return media;
  return message.text !== undefined || media !== undefined ? 'relay' : undefined;
}

function refusalOf(
  kind: 'relay' | 'contact' | 'location',
  o: ResolvedOptions,
): 'relay.contactRefused' | 'relay.locationRefused' | undefined {
  if (kind === 'contact' && !o.allowContacts) return 'relay.contactRefused';
  if (kind === 'location' && !o.allowLocations) return 'relay.locationRefused';
  return undefined;
}

/** A single message: the invite, or a relay (a reply goes to the replied message's chat). */
async function receiveOne(
  o: ResolvedOptions,
  user: UserId | PlatformIdentity,
  key: string,
  message: Message,
): Promise<void> {
  const replyTo = message.reply_to_message?.message_id;
  await o.board.receive({
    user,
    messageIds: [message.message_id],
    ...(replyTo === undefined ? {} : { replyTo }),
    summary: summaryOf(message, o.texts),
    key,
  });
}

/** A part of an album: the album is received once, after its last part arrived. */
function collectAlbumPart(
  ctx: Context,
  o: ResolvedOptions,
  turn: Turn,
  albums: AlbumBuffer,
  message: Message,
  groupId: string,
): void {
  const replyTo = message.reply_to_message?.message_id;
  const caption = message.caption === undefined ? undefined : summaryOf(message, o.texts);
  const deliver: AlbumDelivery = (album) =>
    explainRefusals(
      o.board,
      turn.locale,
      (text) => ctx.reply(text),
      async () => {
        await o.board.receive({
          user: turn.user.id,
          messageIds: album.messageIds,
          ...(album.replyTo === undefined ? {} : { replyTo: album.replyTo }),
          summary: albumSummary(album.captions, o.texts),
          // The album and its first part: replaying it changes nothing, and parts that reached
          // two bot instances are relayed by each rather than dropped.
          key: `tg:${ctx.me.id}:album:${groupId}:${album.messageIds[0]}`,
        });
      },
    );
  albums.add(`${message.chat.id}:${groupId}`, message.message_id, replyTo, deliver, caption);
}

/** A command nobody in the plugin claimed: it belongs to the host bot, never to a chat. */
function isCommand(message: Message): boolean {
  return (message.entities ?? []).some((e) => e.type === 'bot_command' && e.offset === 0);
}
