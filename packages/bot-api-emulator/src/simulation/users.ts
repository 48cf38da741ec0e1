import type { CallbackAnswer } from '../callbacks.js';
import { isCaptionable, type MessageContent } from '../content/copy.js';
import { asReply } from '../content/origin.js';
import { EmulatorError } from '../errors.js';
import type { MediaKind } from '../files.js';
import type { Runtime } from '../runtime.js';
import type { ChatRecord } from '../state.js';
import type {
  Contact,
  Location,
  Message,
  MessageEntity,
  PrivateChat,
  ReplyKeyboardMarkup,
  User,
} from '../telegram.js';
import type { SimulatedChannel } from './channels.js';
import {
  captionFields,
  forwardSource,
  mediaMessage,
  userText,
  withoutTextFields,
} from './user-content.js';

/**
 * Who a simulated user is. Only `first_name` is required; ids are allocated from 1000001.
 *
 * ```ts
 * const alice = emu.user({ first_name: 'Alice', username: 'alice', language_code: 'ru' });
 * ```
 */
export interface UserInit {
  readonly id?: number;
  readonly first_name: string;
  readonly last_name?: string;
  readonly username?: string;
  readonly language_code?: string;
  readonly is_premium?: boolean;
}

/**
 * Options of a media message a user sends. `fileId` resends a file seen before (same
 * `file_unique_id`), otherwise a new file is generated.
 *
 * ```ts
 * const first = await alice.sendPhoto({ caption: 'Bike for sale' });
 * await alice.sendPhoto({ fileId: first.photo?.at(-1)?.file_id }); // the same photo again
 * ```
 */
export interface MediaOptions {
  readonly caption?: string;
  readonly captionEntities?: readonly MessageEntity[];
  readonly spoiler?: boolean;
  readonly fileId?: string | undefined;
  readonly fileName?: string;
  readonly mimeType?: string;
  readonly duration?: number;
  /** The file's content (getFile's download serves it); default: filler bytes of a made-up size. */
  readonly bytes?: Uint8Array;
  /** Sticker emoji. */
  readonly emoji?: string;
}

/**
 * One item of an album.
 *
 * ```ts
 * await alice.sendAlbum([{ type: 'photo', caption: 'Front' }, { type: 'video' }]);
 * ```
 */
export interface AlbumItem extends Omit<MediaOptions, 'emoji' | 'spoiler'> {
  readonly type: 'photo' | 'video' | 'document' | 'audio';
}

/**
 * Where a forwarded message comes from: a channel post (by `messageId`, or a new post made
 * silently with `text`), another user, or a user who hides their account in forwards.
 *
 * ```ts
 * await alice.forwardFrom({ chat: news, messageId: post.message_id });
 * await alice.forwardFrom({ chat: bob, text: 'look at this' });
 * await alice.forwardFrom({ chat: { hiddenUserName: 'Carol' }, text: 'psst' });
 * ```
 */
export interface ForwardInit {
  readonly chat: SimulatedChannel | SimulatedUser | { readonly hiddenUserName: string };
  readonly messageId?: number;
  readonly text?: string;
}

/**
 * A message to act on: its id in the user's chat, or any message object (the emulator's or
 * grammY's).
 *
 * ```ts
 * await alice.press(await bot.api.sendMessage(alice.id, 'Pick', { reply_markup }));
 * ```
 */
export type MessageRef =
  | number
  | { readonly message_id: number; readonly chat: { readonly id: number } };

/**
 * A Telegram user in a private chat with the bot. Every action stores the message, enqueues
 * the update the bot will receive, and returns what the user sent.
 *
 * ```ts
 * const alice = emu.user({ first_name: 'Alice' });
 * await alice.command('start');
 * const reply = await emu.waitFor(() => alice.lastReceived());
 * ```
 */
export interface SimulatedUser {
  readonly id: number;
  readonly user: User;
  readonly chat: PrivateChat;
  /** Sends a text message; commands, mentions, hashtags and URLs get entities like on Telegram. */
  send(text: string, options?: { readonly entities?: readonly MessageEntity[] }): Promise<Message>;
  /** Sends `/name payload` with a `bot_command` entity. */
  command(name: string, payload?: string): Promise<Message>;
  /** Replies to a message of this chat; `reply_to_message` is filled from the stored message. */
  reply(to: MessageRef, text: string): Promise<Message>;
  /** Edits one of the user's messages (the caption for media): an `edited_message` update. */
  edit(message: MessageRef, text: string): Promise<Message>;
  sendPhoto(options?: MediaOptions): Promise<Message>;
  sendVideo(options?: MediaOptions): Promise<Message>;
  sendAnimation(options?: MediaOptions): Promise<Message>;
  sendVoice(options?: MediaOptions): Promise<Message>;
  sendVideoNote(options?: MediaOptions): Promise<Message>;
  sendAudio(options?: MediaOptions): Promise<Message>;
  sendDocument(options?: MediaOptions): Promise<Message>;
  sendSticker(options?: MediaOptions): Promise<Message>;
  sendLocation(location?: Partial<Location>): Promise<Message>;
  /** Shares a contact; by default the user's own. */
  sendContact(contact?: Partial<Contact>): Promise<Message>;
  /** Sends 2–10 media with a shared `media_group_id`: one update per item. */
  sendAlbum(items: readonly AlbumItem[]): Promise<Message[]>;
  /** Sends a message with `forward_origin`. */
  forwardFrom(init: ForwardInit): Promise<Message>;
  /**
   * Forwards an album of a channel (its posts, by id) as Telegram does: one message per part,
   * each with its `forward_origin`, sharing a new `media_group_id`.
   *
   * ```ts
   * const posts = await news.postAlbum([{ type: 'photo', caption: 'Двор' }, { type: 'photo' }]);
   * await alice.forwardAlbumFrom({ chat: news, messageIds: posts.map((p) => p.message_id) });
   * ```
   */
  forwardAlbumFrom(init: {
    readonly chat: SimulatedChannel;
    readonly messageIds: readonly number[];
  }): Promise<Message[]>;
  /** Sends `web_app_data`, as a Web App opened from a keyboard button does. */
  webAppData(data: string, buttonText?: string): Promise<Message>;
  /**
   * Presses an inline button of a bot message (here or in a channel) and returns the callback
   * query id. Without `callbackData` the first callback button is pressed; explicit data is sent
   * as-is, so tests can simulate stale or forged buttons.
   */
  press(message: MessageRef, callbackData?: string): Promise<string>;
  /** Messages the bot sent into this chat, oldest first, as they are now (edits applied, deleted ones removed). */
  readonly received: Message[];
  lastReceived(): Message | undefined;
  /** The bot's answers to this user's presses. */
  readonly callbackAnswers: readonly CallbackAnswer[];
  /** The reply keyboard the bot currently shows this user. */
  readonly keyboard: ReplyKeyboardMarkup | undefined;
}

type UserMessage = Message & { chat: PrivateChat; from: User };

/** What a user's message may carry besides who, where and when. */
type UserContent = MessageContent &
  Pick<Message, 'reply_to_message' | 'forward_origin' | 'media_group_id' | 'web_app_data'>;

/** Builds the simulated user of a private chat record. */
export function createSimulatedUser(
  rt: Runtime,
  record: ChatRecord,
  user: User,
  chat: PrivateChat,
): SimulatedUser {
  const name = user.username === undefined ? user.first_name : `@${user.username}`;

  const ensureCanSend = (): void => {
    if (record.blocked) {
      throw new EmulatorError(`${name} blocked the bot; call emu.unblockBot() before sending`);
    }
  };

  const store = (content: UserContent): UserMessage => {
    ensureCanSend();
    return rt.chats.append(record, false, (messageId) => ({
      message_id: messageId,
      from: user,
      chat,
      date: rt.clock.seconds(),
      ...content,
    }));
  };

  // Async so that every failure is a rejected promise, never a synchronous throw.
  const send = async (content: UserContent): Promise<Message> => {
    const message = store(content);
    rt.enqueue({ message });
    return message;
  };

  const media =
    (kind: MediaKind) =>
    async (options: MediaOptions = {}): Promise<Message> =>
      send(mediaMessage(rt, kind, options));

  const received = (): Message[] =>
    rt.chats
      .live(record)
      .filter((stored) => stored.byBot)
      .map((stored) => stored.message);

  const chatMessage = (ref: MessageRef): Message => {
    const id = typeof ref === 'number' ? ref : ref.message_id;
    const stored = rt.chats.find(record, id);
    if (stored === undefined)
      throw new EmulatorError(`message ${id} not found in the chat with ${name}`);
    return stored.message;
  };

  return {
    id: user.id,
    user,
    chat,
    send: async (text, options = {}) => send(userText(text, options.entities)),
    command: async (command, payload) =>
      send(userText(`/${command}${payload === undefined || payload === '' ? '' : ` ${payload}`}`)),
    reply: async (to, text) =>
      send({ ...userText(text), reply_to_message: asReply(chatMessage(to)) }),

    async edit(ref, text) {
      ensureCanSend();
      const id = typeof ref === 'number' ? ref : ref.message_id;
      const stored = rt.chats.find(record, id);
      if (stored === undefined || stored.byBot) {
        throw new EmulatorError(`${name} has no message ${id} to edit`);
      }
      const current = stored.message;
      const update = isCaptionable(current)
        ? captionFields(text)
        : current.text !== undefined
          ? userText(text)
          : undefined;
      if (update === undefined)
        throw new EmulatorError(`message ${id} has neither text nor caption`);
      const edited: UserMessage & { edit_date: number } = {
        ...withoutTextFields(current),
        from: user,
        chat,
        ...update,
        edit_date: rt.clock.seconds(),
      };
      stored.message = edited;
      rt.enqueue({ edited_message: edited });
      return edited;
    },

    sendPhoto: media('photo'),
    sendVideo: media('video'),
    sendAnimation: media('animation'),
    sendVoice: media('voice'),
    sendVideoNote: media('video_note'),
    sendAudio: media('audio'),
    sendDocument: media('document'),
    sendSticker: media('sticker'),
    sendLocation: async (location = {}) =>
      send({ location: { latitude: 55.7558, longitude: 37.6173, ...location } }),
    sendContact: async (contact = {}) =>
      send({
        contact: {
          phone_number: `+1555${String(user.id).padStart(7, '0')}`,
          first_name: user.first_name,
          ...(user.last_name !== undefined && { last_name: user.last_name }),
          user_id: user.id,
          ...contact,
        },
      }),

    async sendAlbum(items) {
      if (items.length < 2 || items.length > 10) {
        throw new EmulatorError(`an album has 2-10 items, got ${items.length}`);
      }
      const mediaGroupId = rt.nextMediaGroupId();
      const contents = items.map((item) => mediaMessage(rt, item.type, item));
      return Promise.all(
        contents.map((content) => send({ ...content, media_group_id: mediaGroupId })),
      );
    },

    async forwardFrom(init) {
      const { origin, content } = forwardSource(rt, init);
      return send({ ...content, forward_origin: origin });
    },

    async forwardAlbumFrom({ chat: source, messageIds }) {
      if (messageIds.length < 2 || messageIds.length > 10) {
        throw new EmulatorError(`an album has 2-10 items, got ${messageIds.length}`);
      }
      const parts = messageIds.map((messageId) => forwardSource(rt, { chat: source, messageId }));
      const mediaGroupId = rt.nextMediaGroupId();
      const sent: Message[] = [];
      for (const { origin, content } of parts) {
        sent.push(await send({ ...content, forward_origin: origin, media_group_id: mediaGroupId }));
      }
      return sent;
    },

    webAppData: async (data, buttonText = 'Open') =>
      send({ web_app_data: { data, button_text: buttonText } }),

    async press(ref, callbackData) {
      ensureCanSend();
      const target = typeof ref === 'number' ? record : rt.chats.get(ref.chat.id);
      const id = typeof ref === 'number' ? ref : ref.message_id;
      const stored = target === undefined ? undefined : rt.chats.find(target, id);
      if (target === undefined || stored === undefined) {
        throw new EmulatorError(`cannot press message ${id}: it does not exist (or was deleted)`);
      }
      const data = callbackData ?? firstCallbackData(stored.message);
      if (data === undefined) {
        throw new EmulatorError(`message ${id} has no callback button to press`);
      }
      const queryId = rt.callbacks.create(user.id, target.chat.id, data);
      rt.enqueue({
        callback_query: {
          id: queryId,
          from: user,
          message: stored.message,
          chat_instance: chatInstance(target.chat.id),
          data,
        },
      });
      return queryId;
    },

    get received() {
      return received();
    },
    lastReceived: () => received().at(-1),
    get callbackAnswers() {
      return rt.callbacks.answersFor(user.id);
    },
    get keyboard() {
      return record.keyboard;
    },
  };
}

// --- Internal helpers ---

function firstCallbackData(message: Message): string | undefined {
  for (const row of message.reply_markup?.inline_keyboard ?? []) {
    for (const button of row) if ('callback_data' in button) return button.callback_data;
  }
  return undefined;
}

/** A stable opaque id per chat, like Telegram's `chat_instance`. */
function chatInstance(chatId: number): string {
  return (BigInt(chatId) * 7_919n + 1_000_003n).toString();
}
