import { type IngestResult, type MediaFile, renderFitting, type TextKey } from '@anonboard/core';
import type { Composer, Context } from 'grammy';
import type { Message, MessageOrigin } from 'grammy/types';
import type { AlbumBuffer } from '../../album-buffer.js';
import {
  beginTurn,
  explainRefusals,
  identityOf,
  localeOf,
  type Turn,
  turnOf,
} from '../../handlers/turn.js';
import { MAX_MESSAGE_LENGTH, mediaFileOf, mediaKindOf } from '../../telegram-message.js';
import type { ResolvedFeedOptions } from '../options.js';
import { answersSuggestPrompt, type SuggestPrompts } from '../suggest-prompts.js';

/**
 * Plain messages in a private chat, in this order: an admin's text while they hold a rejection
 * is its reason; a forward from a channel is ingested (`via: 'forward'`); the answer to
 * `/suggest` (the next message, or a reply to the question) is the suggested post, media and
 * albums with their caption included; anything else gets a hint when `standalone`. Embedded,
 * forwards from channels the feed does not watch and from people, and every other message, go
 * to the next middleware. Commands the plugin does not own pass on.
 */
export function handleFeedMessages<C extends Context>(
  composer: Composer<C>,
  o: ResolvedFeedOptions,
  prompts: SuggestPrompts,
  albums: AlbumBuffer,
): void {
  const { feed } = o;
  // Albums being suggested: their later parts (and files) belong to the suggestion too.
  const suggestedAlbums = new Map<string, { caption: string; files: Map<number, MediaFile> }>();
  // Albums forwarded from a channel: each part's file and its id in the channel.
  const forwardedAlbums = new Map<
    string,
    { files: Map<number, MediaFile>; originIds: Map<number, number> }
  >();

  composer.on('message', async (ctx, next) => {
    const message = ctx.message;
    const captionCommand = captionCommandOf(message);
    if (isCommand(message) && captionCommand !== o.commands.suggest) return next();
    const album =
      message.media_group_id === undefined
        ? undefined
        : `${message.chat.id}:${message.media_group_id}`;
    let passOn = false;
    await explainRefusals(
      o.feed,
      localeOf(ctx, o),
      (text) => ctx.reply(text),
      async () => {
        const text = message.text ?? message.caption;
        const from = message.from.id;

        const pending = album === undefined ? undefined : suggestedAlbums.get(album);
        if (album !== undefined && pending !== undefined) {
          pending.caption ||= stripCommand(message.caption ?? '', captionCommand);
          const file = mediaFileOf(message);
          if (file !== undefined) pending.files.set(message.message_id, file);
          albums.add(album, message.message_id, undefined, async () => undefined);
          return;
        }
        const reason = message.forward_origin === undefined ? message.text : undefined;
        // Looks only: a person who is no admin is not stored for writing a text.
        const admin = reason === undefined ? undefined : await feed.findAdmin(identityOf(ctx, o));
        if (reason !== undefined && admin !== undefined) {
          const turn = turnOf(ctx, o, admin);
          // Its own key: when the text is not a reason, the same update may still be a suggestion.
          const rejected = await feed.rejectWithReason({
            admin: admin.id,
            text: reason,
            key: `${turn.key}:reason`,
          });
          if (rejected !== undefined) {
            // The reason may be as long as a message: the echo shows as much of it as fits.
            const echo = renderFitting(o.texts, {
              key: 'feed.reasonSaved',
              params: { reason: reason.trim() },
              locale: turn.locale,
              field: 'reason',
              limit: MAX_MESSAGE_LENGTH,
            });
            await ctx.reply(echo.text);
            return;
          }
        }
        const origin = message.forward_origin;
        if (origin !== undefined) {
          if (!o.standalone && !(await isWatched(o, origin))) {
            passOn = true;
            return;
          }
          const turn = await beginTurn(ctx, o);
          if (album !== undefined && origin.type === 'channel') {
            // One item for the whole album, once its last part has arrived.
            const known = forwardedAlbums.get(album);
            const parts = known ?? { files: new Map(), originIds: new Map() };
            forwardedAlbums.set(album, parts);
            const file = mediaFileOf(message);
            if (file !== undefined) parts.files.set(message.message_id, file);
            parts.originIds.set(message.message_id, origin.message_id);
            albums.add(
              album,
              message.message_id,
              undefined,
              async ({ messageIds, captions }) => {
                forwardedAlbums.delete(album);
                const [first] = messageIds;
                const originId = first === undefined ? undefined : parts.originIds.get(first);
                if (originId === undefined) return;
                await explainRefusals(
                  o.feed,
                  turn.locale,
                  (text) => ctx.reply(text),
                  () =>
                    ingestForward(ctx, o, turn, message, origin, {
                      messageId: originId,
                      text: captions.find((c) => c !== '') ?? '',
                      files: messageIds.flatMap((id) => {
                        const part = parts.files.get(id);
                        return part === undefined ? [] : [part];
                      }),
                      key: `tg:${ctx.me.id}:album:${album}:${first}`,
                    }),
                );
              },
              message.caption ?? '',
            );
            return;
          }
          await ingestForward(ctx, o, turn, message, origin);
          return;
        }
        const suggesting =
          captionCommand === o.commands.suggest ||
          prompts.isWaiting(from) ||
          answersSuggestPrompt(message, ctx.me.id, o.texts);
        if (!suggesting) {
          if (!o.standalone) passOn = true;
          else {
            const hint = { command: o.commands.suggest ?? 'suggest' };
            await ctx.reply(o.texts.render('feed.hint', hint, localeOf(ctx, o)));
          }
          return;
        }
        const turn = await beginTurn(ctx, o);
        const kind = suggestableKind(message);
        if (kind === 'unsupported') {
          await ctx.reply(turn.say('suggest.unsupported'));
          return;
        }
        const caption = stripCommand(text ?? '', captionCommand);
        const file = mediaFileOf(message);
        if (album !== undefined) {
          prompts.clear(from);
          const files = new Map(file === undefined ? [] : [[message.message_id, file]]);
          suggestedAlbums.set(album, { caption, files });
          albums.add(album, message.message_id, undefined, async ({ messageIds }) => {
            const pending = suggestedAlbums.get(album) ?? { caption, files };
            suggestedAlbums.delete(album);
            const inOrder = messageIds.flatMap((id) => {
              const part = pending.files.get(id);
              return part === undefined ? [] : [part];
            });
            await suggestAlbum(ctx, o, turn, pending.caption, inOrder, messageIds, album);
          });
          return;
        }
        // Media without a caption is a post too: the admins see the media itself.
        await feed.suggest({
          user: turn.user.id,
          text: caption,
          ...(file === undefined ? {} : { media: { files: [file] } }),
          key: turn.key,
        });
        prompts.clear(from);
      },
    );
    if (passOn) await next();
  });
}

// --- Internal helpers ---

/** Whether a forward comes from a channel the feed watches (its Bot API id is a source's ref). */
async function isWatched(o: ResolvedFeedOptions, origin: MessageOrigin): Promise<boolean> {
  if (origin.type !== 'channel') return false;
  const ref = String(origin.chat.id);
  return (await o.feed.listSources()).some((source) => source.ref === ref);
}

/** Media a channel post can carry with a caption. */
const captionable = ['photo', 'video', 'animation', 'document', 'audio', 'voice'] as const;

function suggestableKind(message: Message): 'text' | 'media' | 'unsupported' {
  if (message.text !== undefined) return 'text';
  return captionable.some((field) => message[field] !== undefined) ? 'media' : 'unsupported';
}

/** A command nobody in the plugin claimed: it belongs to the host bot. */
function isCommand(message: Message): boolean {
  const entities = message.entities ?? message.caption_entities ?? [];
  return entities.some((e) => e.type === 'bot_command' && e.offset === 0);
}

/** `/suggest` at the start of a caption (grammY's `command()` does not look at captions). */
function captionCommandOf(message: Message): string | undefined {
  const caption = message.caption;
  const entity = message.caption_entities?.find((e) => e.type === 'bot_command' && e.offset === 0);
  if (caption === undefined || entity === undefined) return undefined;
  return caption.slice(1, entity.length).split('@')[0];
}

function stripCommand(text: string, command: string | undefined): string {
  return command === undefined ? text : text.replace(/^\/\S+\s*/, '');
}

/** A complete album answering `/suggest`: one suggestion with every part as its media. */
async function suggestAlbum(
  ctx: Context,
  o: ResolvedFeedOptions,
  turn: Turn,
  caption: string,
  files: readonly MediaFile[],
  messageIds: readonly number[],
  album: string,
): Promise<void> {
  await explainRefusals(
    o.feed,
    turn.locale,
    (text) => ctx.reply(text),
    async () => {
      await o.feed.suggest({
        user: turn.user.id,
        text: caption,
        media: { files },
        // The album and its first part: replaying it changes nothing.
        key: `tg:${ctx.me.id}:album:${album}:${messageIds[0]}`,
      });
    },
  );
}

/**
 * A forwarded message: from a channel it is ingested like the userbot's (its source is the
 * channel, its id the channel's message id), with the person who forwarded it as its author
 * (told when it reaches the admins, and when it is published or rejected); forwards from
 * people are not sources. A forwarded album comes as `album`: one item with every part's file,
 * under its first part's id in the channel.
 */
async function ingestForward(
  ctx: Context,
  o: ResolvedFeedOptions,
  turn: Turn,
  message: Message,
  origin: MessageOrigin,
  album?: { messageId: number; text: string; files: readonly MediaFile[]; key: string },
): Promise<void> {
  if (origin.type !== 'channel') {
    await ctx.reply(turn.say('feed.forward.notSource'));
    return;
  }
  const text = album?.text ?? message.text ?? message.caption ?? '';
  const messageId = album?.messageId ?? origin.message_id;
  const media = mediaKindOf(message);
  const file = mediaFileOf(message);
  const files = album?.files ?? (file === undefined ? [] : [file]);
  const username = origin.chat.username;
  const result = await o.feed.ingest({
    sourceRef: String(origin.chat.id),
    messageId,
    text,
    ...(media === undefined ? {} : { media }),
    ...(files.length === 0 ? {} : { files }),
    date: origin.date * 1000,
    ...(username === undefined ? {} : { link: `https://t.me/${username}/${messageId}` }),
    via: 'forward',
    forwardedBy: turn.user.id,
    key: album?.key ?? turn.key,
  });
  // A queued forward is told "sent to moderation" once an admin's card of it is delivered.
  const reply = forwardReply(result);
  if (reply !== undefined)
    await ctx.reply(turn.say(reply, forwardParams(result, origin.chat.title)));
}

function forwardReply(result: IngestResult): TextKey | undefined {
  switch (result.outcome) {
    case 'unwatched':
      return 'feed.forward.unwatched';
    case 'duplicate':
    case 'repost':
      return 'feed.forward.duplicate';
    case 'dropped_keywords':
      return 'feed.forward.noMatch';
    case 'dropped_score':
      return 'feed.forward.lowScore';
    case 'queued':
    case 'manual_review':
      return undefined;
    default:
      return result.outcome satisfies never;
  }
}

function forwardParams(result: IngestResult, source: string): Record<string, string> {
  return { source, score: result.score?.value.toFixed(2) ?? '—' };
}
