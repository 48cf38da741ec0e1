import type { ChannelBotRights, ScheduledPost } from '../direct-messages/registry.js';
import type { Runtime } from '../runtime.js';
import type { ChatRecord } from '../state.js';
import type { ChannelChat, Message, MessageEntity, SupergroupChat } from '../telegram.js';
import { createSimulatedDirectMessages, type SimulatedDirectMessages } from './direct-messages.js';
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
  /**
   * The channel's direct messages chat, opened on first use (the same one every time): people
   * write and suggest posts there.
   */
  directMessages(): SimulatedDirectMessages;
  /**
   * Changes the bot's administrator rights in the channel (both start `true`); `null` makes it a
   * non-administrator that cannot see the direct messages chat.
   */
  setBotRights(rights: Partial<ChannelBotRights> | null): void;
  /** Approved suggested posts waiting for their send date; they are published when it comes. */
  readonly scheduled: readonly ScheduledPost[];
}

/** Builds the simulated channel of a channel chat record. */
export function createSimulatedChannel(
  rt: Runtime,
  record: ChatRecord,
  chat: ChannelChat,
  allocateChatId: () => number,
): SimulatedChannel {
  const posts = (): Message[] => rt.chats.live(record).map((stored) => stored.message);
  let inbox: SimulatedDirectMessages | undefined;
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
    directMessages() {
      if (inbox !== undefined) return inbox;
      const directChat: SupergroupChat = {
        id: allocateChatId(),
        type: 'supergroup',
        title: chat.title,
        is_direct_messages: true,
      };
      const dm = rt.directMessages.add({
        channel: record,
        channelChat: chat,
        record: rt.chats.add(directChat),
        chat: directChat,
      });
      inbox = createSimulatedDirectMessages(rt, dm);
      return inbox;
    },
    setBotRights: (rights) => rt.directMessages.setRights(chat.id, rights),
    get scheduled() {
      return rt.directMessages.ofChannel(chat.id)?.scheduled ?? [];
    },
  };
}
