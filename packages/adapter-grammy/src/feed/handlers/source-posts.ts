import { isAnonboardError, type MediaFile } from '@anonboard/core';
import type { Composer, Context } from 'grammy';
import type { Message } from 'grammy/types';
import type { AlbumBuffer } from '../../album-buffer.js';
import { updateKey } from '../../handlers/turn.js';
import { mediaFileOf, mediaKindOf } from '../../telegram-message.js';
import type { ResolvedFeedOptions } from '../options.js';

/**
 * Posts of a watched source channel where the bot is an administrator (Telegram sends it
 * `channel_post` and `edited_channel_post`): a post is ingested as the userbot's would be, with
 * its media by `file_id` (an album is collected and ingested once, as one item with every file,
 * under its first part's id); an edit runs the matcher and the scorer again (core's
 * `ingestEdit`). Posts of other channels go to `next()`.
 */
export function handleSourcePosts<C extends Context>(
  composer: Composer<C>,
  o: ResolvedFeedOptions,
  albums: AlbumBuffer,
): void {
  // Files of albums being collected, by album and part.
  const albumFiles = new Map<string, Map<number, MediaFile>>();
  composer.on(['channel_post', 'edited_channel_post'], async (ctx, next) => {
    const post = ctx.channelPost ?? ctx.editedChannelPost;
    const sourceRef = String(ctx.chat.id);
    if (post === undefined || !(await isWatchedSource(o, sourceRef))) return next();
    const text = post.text ?? post.caption ?? '';
    const key = updateKey(ctx);
    if (ctx.editedChannelPost !== undefined) {
      // An edit that removed the caption keeps the item's text.
      if (text === '') return;
      const edited = mediaFileOf(post);
      await quietly(
        o.feed.ingestEdit({
          sourceRef,
          messageId: post.message_id,
          text,
          ...(edited === undefined ? {} : { files: [edited] }),
          key,
        }),
      );
      return;
    }
    const file = mediaFileOf(post);
    if (post.media_group_id === undefined) {
      await quietly(
        o.feed.ingest({
          ...sourceMessage(post, sourceRef, text),
          ...(file === undefined ? {} : { files: [file] }),
          via: 'channel',
          key,
        }),
      );
      return;
    }
    const album = `${sourceRef}:${post.media_group_id}`;
    const files = albumFiles.get(album) ?? new Map<number, MediaFile>();
    albumFiles.set(album, files);
    if (file !== undefined) files.set(post.message_id, file);
    const first = post;
    albums.add(
      album,
      post.message_id,
      undefined,
      async ({ messageIds, captions }) => {
        albumFiles.delete(album);
        const [firstId] = messageIds;
        if (firstId === undefined) return;
        const inOrder = messageIds.flatMap((id) => {
          const part = files.get(id);
          return part === undefined ? [] : [part];
        });
        await quietly(
          o.feed.ingest({
            ...sourceMessage(first, sourceRef, captions.find((c) => c !== '') ?? ''),
            messageId: firstId,
            ...(username(first) === undefined
              ? {}
              : { link: `https://t.me/${username(first)}/${firstId}` }),
            files: inOrder,
            via: 'channel',
            // The album's first part: replaying the album changes nothing.
            key: `tg:${ctx.me.id}:album:${album}:${firstId}`,
          }),
        );
      },
      text,
    );
  });
}

// --- Internal helpers ---

async function isWatchedSource(o: ResolvedFeedOptions, ref: string): Promise<boolean> {
  return (await o.feed.listSources()).some((source) => source.ref === ref);
}

/** Telegram delivered the update twice: the first delivery did the work. */
async function quietly(work: Promise<unknown>): Promise<void> {
  try {
    await work;
  } catch (error) {
    if (isAnonboardError(error, 'duplicate_update')) return;
    throw error;
  }
}

function username(post: Message): string | undefined {
  return post.chat.username;
}

/** A channel post in core's words: its id, text, media kind, date and public link. */
function sourceMessage(post: Message, sourceRef: string, text: string) {
  const media = mediaKindOf(post);
  const name = username(post);
  return {
    sourceRef,
    messageId: post.message_id,
    text,
    ...(media === undefined ? {} : { media }),
    date: post.date * 1000,
    ...(name === undefined ? {} : { link: `https://t.me/${name}/${post.message_id}` }),
  };
}
