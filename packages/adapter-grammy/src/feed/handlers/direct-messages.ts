import { type DirectOffer, errorSummary, type Feed, isAnonboardError } from '@anonboard/core';
import type { Api, Composer, Context } from 'grammy';
import type { Message } from 'grammy/types';
import { updateKey } from '../../handlers/turn.js';
import { mediaFileOf, mediaKindOf } from '../../telegram-message.js';
import type { ResolvedFeedOptions } from '../options.js';

/**
 * The configured channel's own direct messages (Bot API 9.2), the feed's fourth input: a
 * suggested post there becomes a moderation item (a plain message too, when the feed takes them),
 * an edit of a pending one revises it, and Telegram's service messages about decisions made in its
 * own UI (`suggested_post_approved` / `_declined`) settle the item. Nothing of the author (id,
 * name, username, topic) goes into the feed: Telegram tells them itself. The bot never writes in
 * that chat. Messages of other chats, and of other channels' direct messages, go to `next()`.
 */
export function handleDirectMessages<C extends Context>(
  composer: Composer<C>,
  o: ResolvedFeedOptions,
): void {
  const channels = new DirectChats(o);
  composer.on(['message', 'edited_message'], async (ctx, next) => {
    const chat = ctx.chat;
    const message = ctx.msg;
    if (chat?.type !== 'supergroup' || chat.is_direct_messages !== true || message === undefined) {
      return next();
    }
    const channel = await channels.channelOf(ctx.api, chat.id);
    if (channel === undefined) return next();
    try {
      await take(o.feed, message, {
        chatRef: String(chat.id),
        channelTitle: channel.title,
        key: updateKey(ctx),
        edited: ctx.editedMessage !== undefined,
      });
    } catch (error) {
      if (isAnonboardError(error, 'duplicate_update')) return;
      throw error;
    }
  });
}

// --- Internal helpers ---

/** The channel a direct messages chat belongs to, as `getChat` tells it. */
interface ParentChannel {
  readonly id: number;
  readonly username: string | undefined;
  readonly title: string;
}

/**
 * Which direct messages chats are the configured channel's: `getChat` names a direct messages
 * chat's channel in `parent_chat` (the channel does not name its chat back), once per chat.
 */
class DirectChats {
  private readonly parents = new Map<number, Promise<ParentChannel | null>>();

  constructor(private readonly o: ResolvedFeedOptions) {}

  /** The configured channel, when `chatId` is its direct messages chat; else undefined. */
  async channelOf(api: Api, chatId: number): Promise<ParentChannel | undefined> {
    const { channel } = await this.o.feed.settings();
    if (channel === null) return undefined;
    const parent = await this.parentOf(api, chatId);
    if (parent === null) return undefined;
    const configured = channel.toLowerCase();
    const matches =
      configured === String(parent.id) ||
      (parent.username !== undefined && configured === `@${parent.username.toLowerCase()}`);
    return matches ? parent : undefined;
  }

  private parentOf(api: Api, chatId: number): Promise<ParentChannel | null> {
    const known = this.parents.get(chatId);
    if (known !== undefined) return known;
    const asked = api.getChat(chatId).then(
      (info) => {
        const parent = info.type === 'supergroup' ? info.parent_chat : undefined;
        if (parent === undefined) return null;
        return { id: parent.id, username: parent.username, title: parent.title };
      },
      (error: unknown) => {
        // Asked again next time: a network failure must not hide the chat for good.
        this.parents.delete(chatId);
        this.o.feed.logger.warn('could not tell which channel a direct messages chat is', {
          component: 'feed',
          error: errorSummary(error),
        });
        return null;
      },
    );
    this.parents.set(chatId, asked);
    return asked;
  }
}

/** Hands one message of the channel's direct messages to the feed. */
async function take(
  feed: Feed,
  message: Message,
  where: { chatRef: string; channelTitle: string; key: string; edited: boolean },
): Promise<void> {
  const { chatRef, key } = where;
  // Decisions made in Telegram's own UI (or Telegram's word on the bot's own).
  const approved = message.suggested_post_approved;
  const declined = message.suggested_post_declined;
  if (approved !== undefined || declined !== undefined) {
    const post = (approved ?? declined)?.suggested_post_message ?? message.reply_to_message;
    if (post === undefined) return;
    await feed.directDecided({
      chatRef,
      messageId: post.message_id,
      ...(approved !== undefined
        ? { outcome: 'approved' }
        : { outcome: 'declined', comment: declined?.comment ?? null }),
      key,
    });
    return;
  }
  // The channel's own answers (admins writing on its behalf), bots and other service messages.
  if (message.sender_chat !== undefined || message.from?.is_bot !== false) return;
  const info = message.suggested_post_info;
  if (info !== undefined && info.state !== 'pending') return;
  const offer: DirectOffer | null =
    info === undefined
      ? null
      : {
          price:
            info.price === undefined
              ? null
              : { currency: info.price.currency, amount: info.price.amount },
          sendAt: info.send_date === undefined ? null : info.send_date * 1000,
        };
  const text = message.text ?? message.caption ?? '';
  const mediaKind = mediaKindOf(message);
  const file = mediaFileOf(message);
  if (where.edited) {
    await feed.ingestDirectEdit({
      chatRef,
      messageId: message.message_id,
      text,
      offer,
      ...(mediaKind === undefined ? {} : { mediaKind }),
      key,
    });
    return;
  }
  await feed.ingestDirect({
    chatRef,
    channelTitle: where.channelTitle,
    messageId: message.message_id,
    text,
    offer,
    ...(mediaKind === undefined ? {} : { mediaKind }),
    ...(file === undefined ? {} : { files: [file] }),
    key,
  });
}
