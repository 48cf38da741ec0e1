import { isAnonboardError } from '@anonboard/core';
import type { Composer, Context } from 'grammy';
import type { Message } from 'grammy/types';
import { updateKey } from '../../handlers/turn.js';
import { mediaKindOf } from '../../telegram-message.js';
import type { ResolvedFeedOptions } from '../options.js';

/**
 * Posts of a watched source channel where the bot is an administrator (Telegram sends it
 * `channel_post` and `edited_channel_post`): a post is ingested as the userbot's would be, an
 * edit runs the matcher and the scorer again (core's `ingestEdit`). Parts of an album without a
 * caption are skipped: the captioned part carries the text. Posts of other channels go to
 * `next()`.
 */
export function handleSourcePosts<C extends Context>(
  composer: Composer<C>,
  o: ResolvedFeedOptions,
): void {
  composer.on(['channel_post', 'edited_channel_post'], async (ctx, next) => {
    const post = ctx.channelPost ?? ctx.editedChannelPost;
    const sourceRef = String(ctx.chat.id);
    if (post === undefined || !(await isWatchedSource(o, sourceRef))) return next();
    const text = post.text ?? post.caption ?? '';
    const key = updateKey(ctx);
    try {
      if (ctx.editedChannelPost !== undefined) {
        // An edit that removed the caption keeps the item's text.
        if (text === '') return;
        await o.feed.ingestEdit({ sourceRef, messageId: post.message_id, text, key });
        return;
      }
      if (post.media_group_id !== undefined && text === '') return;
      await o.feed.ingest({ ...sourceMessage(post, sourceRef, text), via: 'channel', key });
    } catch (error) {
      // Telegram delivered the update twice: the first delivery did the work.
      if (isAnonboardError(error, 'duplicate_update')) return;
      throw error;
    }
  });
}

// --- Internal helpers ---

async function isWatchedSource(o: ResolvedFeedOptions, ref: string): Promise<boolean> {
  return (await o.feed.listSources()).some((source) => source.ref === ref);
}

/** A channel post in core's words: its id, text, media kind, date and public link. */
function sourceMessage(post: Message, sourceRef: string, text: string) {
  const media = mediaKindOf(post);
  const username = post.chat.username;
  return {
    sourceRef,
    messageId: post.message_id,
    text,
    ...(media === undefined ? {} : { media }),
    date: post.date * 1000,
    ...(username === undefined ? {} : { link: `https://t.me/${username}/${post.message_id}` }),
  };
}
