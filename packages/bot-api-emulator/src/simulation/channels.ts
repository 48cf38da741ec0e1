import type { Runtime } from '../runtime.js';
import type { ChatRecord } from '../state.js';
import type { ChannelChat, Message, MessageEntity } from '../telegram.js';
import { userText } from './user-content.js';

/**
 * Who a channel is. Ids are allocated from -1001000000001; with a `username`, the bot can
 * address it as `@username`.
 *
 * ```ts
 * const news = emu.channel({ title: 'News', username: 'news' });
 * ```
 */
export interface ChannelInit {
  readonly id?: number;
  readonly title: string;
  readonly username?: string;
}

/**
 * A channel where the bot is an administrator: what the bot publishes there is readable in
 * `posts`, and `post()` publishes as the channel's owner (a `channel_post` update).
 *
 * ```ts
 * const news = emu.channel({ title: 'News', username: 'news' });
 * await bot.api.sendMessage('@news', 'Fresh ad');
 * news.posts.at(-1)?.text; // 'Fresh ad'
 * ```
 */
export interface SimulatedChannel {
  readonly id: number;
  readonly chat: ChannelChat;
  /** Live posts, oldest first, as they are now (edits applied, deleted ones removed). */
  readonly posts: Message[];
  lastPost(): Message | undefined;
  /** Publishes a text post as the channel's owner; the bot gets a `channel_post` update. */
  post(text: string, options?: { readonly entities?: readonly MessageEntity[] }): Promise<Message>;
}

/** Builds the simulated channel of a channel chat record. */
export function createSimulatedChannel(
  rt: Runtime,
  record: ChatRecord,
  chat: ChannelChat,
): SimulatedChannel {
  const posts = (): Message[] => rt.chats.live(record).map((stored) => stored.message);
  return {
    id: chat.id,
    chat,
    get posts() {
      return posts();
    },
    lastPost: () => posts().at(-1),
    async post(text, options = {}) {
      const content = userText(text, options.entities);
      const post = rt.chats.append(record, false, (messageId) => ({
        message_id: messageId,
        sender_chat: chat,
        chat,
        date: rt.clock.seconds(),
        ...content,
      }));
      rt.enqueue({ channel_post: post });
      return post;
    },
  };
}
