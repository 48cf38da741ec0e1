import { badRequest } from './errors.js';
import type { Chat, MenuButton, Message, ReplyKeyboardMarkup, User } from './telegram.js';

/** A message as the emulator keeps it: the current version plus who sent it. */
export interface StoredMessage {
  message: Message;
  readonly byBot: boolean;
  deleted: boolean;
}

/** Everything the emulator remembers about one chat. */
export interface ChatRecord {
  readonly chat: Chat;
  /** The simulated user of a private chat. */
  readonly user: User | undefined;
  nextMessageId: number;
  readonly messages: Map<number, StoredMessage>;
  /** The reply keyboard the bot last showed (private chats). */
  keyboard: ReplyKeyboardMarkup | undefined;
  menuButton: MenuButton | undefined;
  /** The user blocked the bot (`emu.blockBot`). */
  blocked: boolean;
}

/**
 * Chats and their messages. Users and the bot share one message id counter per chat, as on
 * Telegram.
 */
export class ChatStore {
  private readonly byId = new Map<number, ChatRecord>();
  private readonly byUsername = new Map<string, ChatRecord>();

  add(chat: Chat, user?: User): ChatRecord {
    const existing = this.byId.get(chat.id);
    if (existing !== undefined) return existing;
    const record: ChatRecord = {
      chat,
      user,
      nextMessageId: 1,
      messages: new Map(),
      keyboard: undefined,
      menuButton: undefined,
      blocked: false,
    };
    this.byId.set(chat.id, record);
    if (chat.username !== undefined) this.byUsername.set(chat.username.toLowerCase(), record);
    return record;
  }

  get(id: number): ChatRecord | undefined {
    return this.byId.get(id);
  }

  /** Resolves a `chat_id` parameter: a number, a numeric string or `@username`. */
  resolve(ref: unknown): ChatRecord | undefined {
    if (typeof ref === 'number') return this.byId.get(ref);
    if (typeof ref !== 'string') return undefined;
    if (ref.startsWith('@')) return this.byUsername.get(ref.slice(1).toLowerCase());
    return /^-?\d+$/.test(ref) ? this.byId.get(Number(ref)) : undefined;
  }

  /** Like `resolve`, but answers Telegram's 400 errors. */
  require(ref: unknown, name = 'chat_id'): ChatRecord {
    if (ref === undefined || ref === null || ref === '') throw badRequest(`${name} is empty`);
    const record = this.resolve(ref);
    if (record === undefined) throw badRequest('chat not found');
    return record;
  }

  /** Stores a new message under the chat's next id. */
  append<M extends Message>(
    record: ChatRecord,
    byBot: boolean,
    build: (messageId: number) => M,
  ): M {
    const messageId = record.nextMessageId++;
    const message = build(messageId);
    record.messages.set(messageId, { message, byBot, deleted: false });
    return message;
  }

  /** A message that exists and was not deleted. */
  find(record: ChatRecord, messageId: number): StoredMessage | undefined {
    const stored = record.messages.get(messageId);
    return stored === undefined || stored.deleted ? undefined : stored;
  }

  /** Live messages of a chat, oldest first. */
  live(record: ChatRecord): StoredMessage[] {
    return [...record.messages.values()].filter((stored) => !stored.deleted);
  }
}
