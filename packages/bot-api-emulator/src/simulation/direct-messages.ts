import { isCaptionable, type MessageContent } from '../content/copy.js';
import {
  deliverToBot,
  isPendingSuggestion,
  MAX_SEND_DELAY_SECONDS,
  type SuggestionDecision,
  settleSuggestion,
} from '../direct-messages/decisions.js';
import type { DirectMessagesRecord } from '../direct-messages/registry.js';
import { EmulatorError } from '../errors.js';
import type { Runtime } from '../runtime.js';
import type { StoredMessage } from '../state.js';
import type {
  Message,
  MessageEntity,
  SuggestedPostInfo,
  SuggestedPostPrice,
  SupergroupChat,
  User,
} from '../telegram.js';
import { captionFields, mediaMessage, userText, withoutTextFields } from './user-content.js';
import type { MediaOptions, MessageRef } from './users.js';

/**
 * The media of a suggested post: a photo, video, animation, document or audio with an optional
 * caption.
 *
 * ```ts
 * await inbox.suggestPost(alice, { type: 'photo', caption: 'Sunset over the bay' });
 * ```
 */
export interface SuggestedMedia extends Omit<MediaOptions, 'emoji'> {
  readonly type: 'photo' | 'video' | 'animation' | 'document' | 'audio';
}

/**
 * What a person proposes with a suggested post: a price (Telegram Stars or nanotons, within
 * Telegram's bounds) and a send date (5 minutes to 30 days ahead).
 *
 * ```ts
 * await inbox.suggestPost(alice, 'Paid ad', { price: { currency: 'XTR', amount: 100 } });
 * ```
 */
export interface SuggestionOptions {
  readonly price?: SuggestedPostPrice;
  readonly sendDate?: number;
  readonly entities?: readonly MessageEntity[];
}

/**
 * Someone who writes into a channel's direct messages: a simulated user or any `User`.
 *
 * ```ts
 * await inbox.send(alice, 'Hi!'); // alice = emu.user({ first_name: 'Alice' })
 * ```
 */
export type Writer = { readonly user: User } | User;

/**
 * A channel's direct messages chat (Bot API 9.2): a supergroup with `is_direct_messages`, one
 * topic per person, where people write to the channel and suggest posts. The bot sees its
 * messages while it may manage the channel's direct messages.
 *
 * ```ts
 * const inbox = news.directMessages();
 * const post = await inbox.suggestPost(alice, 'Breaking: the bridge reopens');
 * await bot.api.approveSuggestedPost(inbox.id, post.message_id);
 * news.lastPost()?.text; // 'Breaking: the bridge reopens'
 * ```
 */
export interface SimulatedDirectMessages {
  readonly id: number;
  readonly chat: SupergroupChat;
  /** Every live message of the chat, oldest first, as it is now. */
  readonly messages: Message[];
  /** The messages of one person's topic, oldest first. */
  topic(writer: Writer): Message[];
  /** A plain message to the channel (no suggestion). */
  send(
    from: Writer,
    text: string,
    options?: { readonly entities?: readonly MessageEntity[] },
  ): Promise<Message>;
  /** A suggested post (`suggested_post_info` with state `pending`). */
  suggestPost(
    from: Writer,
    content: string | SuggestedMedia,
    options?: SuggestionOptions,
  ): Promise<Message>;
  /** The author edits a pending suggestion or a plain message: an `edited_message` update. */
  edit(from: Writer, message: MessageRef, text: string): Promise<Message>;
  /** Where a suggestion stands: pending, approved or declined. */
  stateOf(message: MessageRef): SuggestedPostInfo['state'] | undefined;
  /**
   * An admin approves the suggestion in Telegram's own UI; resolves with the
   * `suggested_post_approved` service message (which the bot receives too).
   */
  approveInApp(message: MessageRef, options?: { readonly sendDate?: number }): Promise<Message>;
  /** An admin declines in Telegram's UI, optionally with a comment for the author. */
  declineInApp(message: MessageRef, options?: { readonly comment?: string }): Promise<Message>;
}

/** Builds the simulated direct messages chat of a channel. */
export function createSimulatedDirectMessages(
  rt: Runtime,
  dm: DirectMessagesRecord,
): SimulatedDirectMessages {
  const live = (): Message[] => rt.chats.live(dm.record).map((stored) => stored.message);
  const find = (ref: MessageRef): StoredMessage => {
    const id = typeof ref === 'number' ? ref : ref.message_id;
    const stored = rt.chats.find(dm.record, id);
    if (stored === undefined) {
      throw new EmulatorError(`message ${id} not found in the direct messages of ${dm.chat.title}`);
    }
    return stored;
  };

  const write = async (
    from: Writer,
    content: MessageContent & Pick<Message, 'suggested_post_info'>,
  ): Promise<Message> => {
    const user = userOf(from);
    const message = rt.chats.append(dm.record, false, (messageId) => ({
      message_id: messageId,
      from: user,
      chat: dm.chat,
      date: rt.clock.seconds(),
      direct_messages_topic: { topic_id: user.id, user },
      ...content,
    }));
    deliverToBot(rt, dm, { message });
    return message;
  };

  const decideInApp = async (ref: MessageRef, decision: SuggestionDecision): Promise<Message> => {
    const stored = find(ref);
    if (!isPendingSuggestion(stored)) {
      throw new EmulatorError(`message ${stored.message.message_id} is not a pending suggestion`);
    }
    return settleSuggestion(rt, dm, stored, decision);
  };

  return {
    id: dm.chat.id,
    chat: dm.chat,
    get messages() {
      return live();
    },
    topic: (writer) => {
      const id = userOf(writer).id;
      return live().filter((message) => message.direct_messages_topic?.topic_id === id);
    },
    send: async (from, text, options = {}) => write(from, userText(text, options.entities)),

    async suggestPost(from, content, options = {}) {
      const body =
        typeof content === 'string'
          ? userText(content, options.entities)
          : mediaMessage(rt, content.type, content);
      const info: SuggestedPostInfo = {
        state: 'pending',
        ...(options.price !== undefined && { price: validPrice(options.price) }),
        ...(options.sendDate !== undefined && {
          send_date: validSendDate(rt, options.sendDate),
        }),
      };
      return write(from, { ...body, suggested_post_info: info });
    },

    async edit(from, ref, text) {
      const stored = find(ref);
      const user = userOf(from);
      const current = stored.message;
      if (stored.byBot || current.from?.id !== user.id) {
        throw new EmulatorError(`${user.first_name} did not write message ${current.message_id}`);
      }
      if (current.suggested_post_info !== undefined && !isPendingSuggestion(stored)) {
        throw new EmulatorError('an approved or declined suggested post cannot be edited');
      }
      const update = isCaptionable(current) ? captionFields(text) : userText(text);
      const edited = {
        ...withoutTextFields(current),
        from: user,
        chat: dm.chat,
        ...update,
        edit_date: rt.clock.seconds(),
      };
      stored.message = edited;
      deliverToBot(rt, dm, { edited_message: edited });
      return edited;
    },

    stateOf: (ref) => find(ref).message.suggested_post_info?.state,
    approveInApp: (ref, options = {}) =>
      decideInApp(ref, { kind: 'approve', sendDate: options.sendDate }),
    declineInApp: (ref, options = {}) =>
      decideInApp(ref, { kind: 'decline', comment: options.comment }),
  };
}

// --- Internal helpers ---

function userOf(writer: Writer): User {
  return 'user' in writer ? writer.user : writer;
}

/** Telegram's bounds: 5–100000 Stars, 0.01–10000 TON in nanotons. */
function validPrice(price: SuggestedPostPrice): SuggestedPostPrice {
  const [min, max] = price.currency === 'XTR' ? [5, 100_000] : [10_000_000, 10_000_000_000_000];
  if (!Number.isInteger(price.amount) || price.amount < min || price.amount > max) {
    throw new EmulatorError(
      `a ${price.currency} price is an integer from ${min} to ${max}, got ${price.amount}`,
    );
  }
  return { currency: price.currency, amount: price.amount };
}

/** A proposed date is 300 seconds to 30 days ahead. */
function validSendDate(rt: Runtime, sendDate: number): number {
  const now = rt.clock.seconds();
  if (
    !Number.isInteger(sendDate) ||
    sendDate < now + 300 ||
    sendDate > now + MAX_SEND_DELAY_SECONDS
  ) {
    throw new EmulatorError(
      `a proposed send date is 300 s to 30 days ahead (${now + 300}–${now + MAX_SEND_DELAY_SECONDS}), got ${sendDate}`,
    );
  }
  return sendDate;
}
