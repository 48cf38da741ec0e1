import type { MessageContent } from '../content/copy.js';
import type { ChatRecord } from '../state.js';
import type { ChannelChat, SuggestedPostPrice, SupergroupChat } from '../telegram.js';

/**
 * The bot's administrator rights in a channel that matter for direct messages: approving a
 * suggested post needs `can_post_messages`; reading the direct messages chat and declining need
 * `can_manage_direct_messages`. Every registered channel starts with both.
 *
 * ```ts
 * news.setBotRights({ can_post_messages: false }); // approveSuggestedPost now fails
 * news.setBotRights(null);                         // the bot is no longer an administrator
 * ```
 */
export interface ChannelBotRights {
  readonly can_post_messages: boolean;
  readonly can_manage_direct_messages: boolean;
}

/** An approved suggested post waiting for its send date. */
export interface ScheduledPost {
  readonly sendDate: number;
  readonly content: MessageContent;
  readonly price: SuggestedPostPrice | undefined;
}

/** A channel and its direct messages chat. */
export interface DirectMessagesRecord {
  readonly channel: ChatRecord;
  readonly channelChat: ChannelChat;
  /** The direct messages chat's record (its messages and id counter). */
  readonly record: ChatRecord;
  readonly chat: SupergroupChat;
  /** Approved posts not yet published, in approval order. */
  readonly scheduled: ScheduledPost[];
}

const FULL_RIGHTS: ChannelBotRights = { can_post_messages: true, can_manage_direct_messages: true };

/** Which channel owns which direct messages chat, and the bot's rights in each channel. */
export class DirectMessagesRegistry {
  private readonly byChat = new Map<number, DirectMessagesRecord>();
  private readonly byChannel = new Map<number, DirectMessagesRecord>();
  private readonly rights = new Map<number, ChannelBotRights | null>();

  add(entry: Omit<DirectMessagesRecord, 'scheduled'>): DirectMessagesRecord {
    const record: DirectMessagesRecord = { ...entry, scheduled: [] };
    this.byChat.set(entry.chat.id, record);
    this.byChannel.set(entry.channelChat.id, record);
    return record;
  }

  /** The record of a direct messages chat. */
  ofChat(chatId: number): DirectMessagesRecord | undefined {
    return this.byChat.get(chatId);
  }

  ofChannel(channelId: number): DirectMessagesRecord | undefined {
    return this.byChannel.get(channelId);
  }

  all(): DirectMessagesRecord[] {
    return [...this.byChat.values()];
  }

  /** The bot's rights in a channel; `null` when it is not an administrator. */
  rightsIn(channelId: number): ChannelBotRights | null {
    const rights = this.rights.get(channelId);
    return rights === undefined ? FULL_RIGHTS : rights;
  }

  setRights(channelId: number, rights: Partial<ChannelBotRights> | null): void {
    const current = this.rightsIn(channelId) ?? FULL_RIGHTS;
    this.rights.set(channelId, rights === null ? null : { ...current, ...rights });
  }
}
