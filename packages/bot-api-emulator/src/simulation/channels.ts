import { isCaptionable, type MessageContent } from '../content/copy.js';
import type { ChannelBotRights, ScheduledPost } from '../direct-messages/registry.js';
import { EmulatorError } from '../errors.js';
import type { Runtime } from '../runtime.js';
import type { ChatRecord } from '../state.js';
import type { ChannelChat, Message, MessageEntity, SupergroupChat } from '../telegram.js';
import { createSimulatedDirectMessages, type SimulatedDirectMessages } from './direct-messages.js';
import { captionFields, mediaMessage, userText, withoutTextFields } from './user-content.js';
import type { AlbumItem, MediaOptions } from './users.js';

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
  /**
   * Publishes a text post as the channel's owner; the bot gets a `channel_post` update (unless
   * `setBotRights(null)` made it no administrator: then it sees nothing, as in Telegram).
   */
  post(text: string, options?: { readonly entities?: readonly MessageEntity[] }): Promise<Message>;
  /**
   * Publishes a photo, video, animation, document or audio post (with an optional caption):
   * a `channel_post` update.
   */
  postMedia(
    kind: 'photo' | 'video' | 'animation' | 'document' | 'audio',
    options?: MediaOptions,
  ): Promise<Message>;
  /** Publishes an album of 2–10 items: one `channel_post` update per item, one `media_group_id`. */
  postAlbum(items: readonly AlbumItem[]): Promise<Message[]>;
  /**
   * The owner edits a post's text (or a media post's caption): an `edited_channel_post` update.
   *
   * ```ts
   * const post = await news.post('Собрание в 18:00');
   * await news.edit(post, 'Собрание перенесли на 19:00');
   * ```
   */
  edit(post: Message | number, text: string): Promise<Message>;
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
  // A post by the channel's owner: stored, and a `channel_post` update for the bot (an admin).
  const publish = (content: MessageContent & Pick<Message, 'media_group_id'>): Message => {
    const post = rt.chats.append(record, false, (messageId) => ({
      message_id: messageId,
      sender_chat: chat,
      chat,
      date: rt.clock.seconds(),
      ...content,
    }));
    // Only an administrator bot is told about a channel's posts.
    if (rt.directMessages.rightsIn(chat.id) !== null)
      rt.enqueue({ channel_post: post as Message & { chat: ChannelChat } });
    return post;
  };
  return {
    id: chat.id,
    chat,
    get posts() {
      return posts();
    },
    lastPost: () => posts().at(-1),
    post: async (text, options = {}) => publish(userText(text, options.entities)),
    postMedia: async (kind, options = {}) => publish(mediaMessage(rt, kind, options)),
    async postAlbum(items) {
      if (items.length < 2 || items.length > 10) {
        throw new EmulatorError(`an album has 2-10 items, got ${items.length}`);
      }
      const mediaGroupId = rt.nextMediaGroupId();
      const contents = items.map((item) => mediaMessage(rt, item.type, item));
      return contents.map((content) => publish({ ...content, media_group_id: mediaGroupId }));
    },
    async edit(ref, text) {
      const id = typeof ref === 'number' ? ref : ref.message_id;
      const stored = rt.chats.find(record, id);
      if (stored === undefined) throw new EmulatorError(`${chat.title} has no post ${id} to edit`);
      const current = stored.message;
      const update = isCaptionable(current)
        ? captionFields(text)
        : current.text !== undefined
          ? userText(text)
          : undefined;
      if (update === undefined) throw new EmulatorError(`post ${id} has neither text nor caption`);
      const edited: Message & { edit_date: number } = {
        ...withoutTextFields(current),
        ...update,
        edit_date: rt.clock.seconds(),
      };
      stored.message = edited;
      if (rt.directMessages.rightsIn(chat.id) !== null)
        rt.enqueue({ edited_channel_post: { ...edited, chat } });
      return edited;
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
