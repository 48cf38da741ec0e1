// The subset of Telegram Bot API types the emulator produces. Shapes mirror `@grammyjs/types`
// (a test proves they are assignable), but the package keeps them local to stay dependency-free.

/**
 * A Telegram user or bot.
 *
 * ```ts
 * const alice = emu.user({ first_name: 'Alice' });
 * alice.user.id; // 1000001
 * ```
 */
export interface User {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  is_premium?: true;
}

/**
 * What `getMe` returns.
 *
 * ```ts
 * emu.bot.username; // 'anonboard_bot'
 * ```
 */
export interface BotUser extends User {
  is_bot: true;
  username: string;
  can_join_groups: boolean;
  can_read_all_group_messages: boolean;
  supports_inline_queries: boolean;
  can_connect_to_business: boolean;
  has_main_web_app: boolean;
}

/**
 * A private chat between a simulated user and the bot.
 *
 * ```ts
 * alice.chat; // { id: 1000001, type: 'private', first_name: 'Alice' }
 * ```
 */
export interface PrivateChat {
  id: number;
  type: 'private';
  first_name: string;
  last_name?: string;
  username?: string;
}

/**
 * A channel registered with `emu.channel()`.
 *
 * ```ts
 * emu.channel({ title: 'News', username: 'news' }).chat.type; // 'channel'
 * ```
 */
export interface ChannelChat {
  id: number;
  type: 'channel';
  title: string;
  username?: string;
}

/**
 * The direct messages chat of a channel (Bot API 9.2): a supergroup with `is_direct_messages`,
 * one topic per person who writes to the channel.
 *
 * ```ts
 * news.directMessages().chat; // { id: -1001000000002, type: 'supergroup', title: 'News', is_direct_messages: true }
 * ```
 */
export interface SupergroupChat {
  id: number;
  type: 'supergroup';
  title: string;
  username?: string;
  is_direct_messages?: true;
}

/**
 * Any chat the emulator knows.
 *
 * ```ts
 * const chat: Chat = alice.chat;
 * ```
 */
export type Chat = PrivateChat | ChannelChat | SupergroupChat;

/**
 * The topic of a channel's direct messages chat a message belongs to: one per person, whose id
 * is the topic's id.
 *
 * ```ts
 * message.direct_messages_topic?.user.id === message.direct_messages_topic?.topic_id; // true
 * ```
 */
export interface DirectMessagesTopic {
  topic_id: number;
  user: User;
}

/**
 * The price offered for a suggested post: Telegram Stars (`XTR`, 5–100000) or nanotons (`TON`,
 * 10000000–10000000000000).
 *
 * ```ts
 * const price: SuggestedPostPrice = { currency: 'XTR', amount: 50 };
 * ```
 */
export interface SuggestedPostPrice {
  currency: 'XTR' | 'TON';
  amount: number;
}

/**
 * What a suggested post proposes and where its decision stands.
 *
 * ```ts
 * message.suggested_post_info?.state; // 'pending' | 'approved' | 'declined'
 * ```
 */
export interface SuggestedPostInfo {
  state: 'pending' | 'approved' | 'declined';
  price?: SuggestedPostPrice;
  /** Unix time the author asked the post to go out at. */
  send_date?: number;
}

/**
 * Service message: a suggested post was approved (by the bot or an admin in Telegram's UI).
 *
 * ```ts
 * update.message?.suggested_post_approved?.send_date;
 * ```
 */
export interface SuggestedPostApproved {
  /** The suggested post, without its own `reply_to_message`. */
  suggested_post_message?: Message;
  price?: SuggestedPostPrice;
  /** When the post is (or was) published in the channel. */
  send_date: number;
}

/**
 * Service message: a suggested post was declined.
 *
 * ```ts
 * update.message?.suggested_post_declined?.comment;
 * ```
 */
export interface SuggestedPostDeclined {
  suggested_post_message?: Message;
  comment?: string;
}

/**
 * A formatting or auto-detected entity; offsets and lengths are in UTF-16 code units.
 *
 * ```ts
 * const bold: MessageEntity = { type: 'bold', offset: 0, length: 4 };
 * ```
 */
export type MessageEntity =
  | {
      type:
        | 'mention'
        | 'hashtag'
        | 'cashtag'
        | 'bot_command'
        | 'url'
        | 'email'
        | 'phone_number'
        | 'bold'
        | 'italic'
        | 'underline'
        | 'strikethrough'
        | 'spoiler'
        | 'blockquote'
        | 'expandable_blockquote'
        | 'code';
      offset: number;
      length: number;
    }
  | { type: 'pre'; offset: number; length: number; language?: string }
  | { type: 'text_link'; offset: number; length: number; url: string }
  | { type: 'text_mention'; offset: number; length: number; user: User }
  | { type: 'custom_emoji'; offset: number; length: number; custom_emoji_id: string };

/**
 * One size of a photo.
 *
 * ```ts
 * const largest = message.photo?.at(-1);
 * ```
 */
export interface PhotoSize {
  file_id: string;
  file_unique_id: string;
  width: number;
  height: number;
  file_size?: number;
}

/**
 * A video file.
 *
 * ```ts
 * message.video?.duration;
 * ```
 */
export interface Video {
  file_id: string;
  file_unique_id: string;
  width: number;
  height: number;
  duration: number;
  file_name?: string;
  mime_type?: string;
  file_size?: number;
}

/**
 * An animation (GIF or soundless H.264 video).
 *
 * ```ts
 * message.animation?.mime_type; // 'video/mp4'
 * ```
 */
export interface Animation {
  file_id: string;
  file_unique_id: string;
  width: number;
  height: number;
  duration: number;
  file_name?: string;
  mime_type?: string;
  file_size?: number;
}

/**
 * A voice note.
 *
 * ```ts
 * message.voice?.mime_type; // 'audio/ogg'
 * ```
 */
export interface Voice {
  file_id: string;
  file_unique_id: string;
  duration: number;
  mime_type?: string;
  file_size?: number;
}

/**
 * A round video message.
 *
 * ```ts
 * message.video_note?.length; // 240
 * ```
 */
export interface VideoNote {
  file_id: string;
  file_unique_id: string;
  length: number;
  duration: number;
  file_size?: number;
}

/**
 * A music file.
 *
 * ```ts
 * message.audio?.title;
 * ```
 */
export interface Audio {
  file_id: string;
  file_unique_id: string;
  duration: number;
  performer?: string;
  title?: string;
  file_name?: string;
  mime_type?: string;
  file_size?: number;
}

/**
 * A general file.
 *
 * ```ts
 * message.document?.file_name;
 * ```
 */
export interface Document {
  file_id: string;
  file_unique_id: string;
  file_name?: string;
  mime_type?: string;
  file_size?: number;
}

/**
 * A sticker.
 *
 * ```ts
 * message.sticker?.emoji; // '👍'
 * ```
 */
export interface Sticker {
  file_id: string;
  file_unique_id: string;
  type: 'regular' | 'mask' | 'custom_emoji';
  width: number;
  height: number;
  is_animated: boolean;
  is_video: boolean;
  emoji?: string;
  set_name?: string;
  file_size?: number;
}

/**
 * A point on the map.
 *
 * ```ts
 * await alice.sendLocation({ latitude: 55.75, longitude: 37.62 });
 * ```
 */
export interface Location {
  latitude: number;
  longitude: number;
  horizontal_accuracy?: number;
  live_period?: number;
  heading?: number;
  proximity_alert_radius?: number;
}

/**
 * A phone contact.
 *
 * ```ts
 * await alice.sendContact({ phone_number: '+10000000000', first_name: 'Alice' });
 * ```
 */
export interface Contact {
  phone_number: string;
  first_name: string;
  last_name?: string;
  user_id?: number;
  vcard?: string;
}

/**
 * Where a forwarded message came from.
 *
 * ```ts
 * if (message.forward_origin?.type === 'channel') message.forward_origin.message_id;
 * ```
 */
export type MessageOrigin =
  | { type: 'user'; date: number; sender_user: User }
  | { type: 'hidden_user'; date: number; sender_user_name: string }
  | {
      type: 'channel';
      date: number;
      chat: ChannelChat;
      message_id: number;
      author_signature?: string;
    };

/**
 * A button of an inline keyboard.
 *
 * ```ts
 * const button: InlineKeyboardButton = { text: 'Approve', callback_data: 'approve:1' };
 * ```
 */
export type InlineKeyboardButton =
  | { text: string; callback_data: string }
  | { text: string; url: string }
  | { text: string; web_app: { url: string } }
  | { text: string; switch_inline_query: string }
  | { text: string; switch_inline_query_current_chat: string }
  | { text: string; copy_text: { text: string } }
  | { text: string; login_url: { url: string } }
  | { text: string; pay: boolean };

/**
 * An inline keyboard attached to a message.
 *
 * ```ts
 * alice.lastReceived()?.reply_markup?.inline_keyboard[0]?.[0]?.text;
 * ```
 */
export interface InlineKeyboardMarkup {
  inline_keyboard: InlineKeyboardButton[][];
}

/**
 * A button of a reply keyboard.
 *
 * ```ts
 * const share: KeyboardButton = { text: 'Share phone', request_contact: true };
 * ```
 */
export type KeyboardButton =
  | string
  | {
      text: string;
      request_contact?: boolean;
      request_location?: boolean;
      web_app?: { url: string };
    };

/**
 * A reply keyboard shown under the input field.
 *
 * ```ts
 * alice.keyboard?.keyboard[0]?.[0];
 * ```
 */
export interface ReplyKeyboardMarkup {
  keyboard: KeyboardButton[][];
  is_persistent?: boolean;
  resize_keyboard?: boolean;
  one_time_keyboard?: boolean;
  input_field_placeholder?: string;
  selective?: boolean;
}

/**
 * Data sent from a Web App through a keyboard button.
 *
 * ```ts
 * await alice.webAppData('{"title":"Bike"}', 'Post an ad');
 * ```
 */
export interface WebAppData {
  data: string;
  button_text: string;
}

/**
 * Link preview settings of a text message.
 *
 * ```ts
 * const options: LinkPreviewOptions = { is_disabled: true };
 * ```
 */
export interface LinkPreviewOptions {
  is_disabled?: boolean;
  url?: string;
  prefer_small_media?: boolean;
  prefer_large_media?: boolean;
  show_above_text?: boolean;
}

/**
 * A message as Telegram returns and delivers it.
 *
 * ```ts
 * const message: Message = await alice.send('hello');
 * ```
 */
export interface Message {
  message_id: number;
  date: number;
  chat: Chat;
  from?: User;
  sender_chat?: ChannelChat;
  /** The topic of a channel's direct messages chat (its author). */
  direct_messages_topic?: DirectMessagesTopic;
  forward_origin?: MessageOrigin;
  reply_to_message?: ReplyMessage;
  edit_date?: number;
  has_protected_content?: true;
  media_group_id?: string;
  author_signature?: string;
  text?: string;
  entities?: MessageEntity[];
  link_preview_options?: LinkPreviewOptions;
  caption?: string;
  caption_entities?: MessageEntity[];
  show_caption_above_media?: true;
  has_media_spoiler?: true;
  photo?: PhotoSize[];
  video?: Video;
  animation?: Animation;
  voice?: Voice;
  video_note?: VideoNote;
  audio?: Audio;
  document?: Document;
  sticker?: Sticker;
  location?: Location;
  contact?: Contact;
  web_app_data?: WebAppData;
  /** A suggested post in a channel's direct messages chat. */
  suggested_post_info?: SuggestedPostInfo;
  suggested_post_approved?: SuggestedPostApproved;
  suggested_post_declined?: SuggestedPostDeclined;
  /** A channel post that was a paid suggestion. */
  is_paid_post?: true;
  reply_markup?: InlineKeyboardMarkup;
}

/**
 * The message another message replies to; Telegram never nests a further reply in it. Typed
 * like grammY's `ReplyMessage` (whose `reply_to_message` is `never`) so messages stay assignable.
 *
 * ```ts
 * (await alice.reply(5, 'thanks')).reply_to_message?.message_id; // 5
 * ```
 */
export type ReplyMessage = Omit<Message, 'reply_to_message'> & { reply_to_message: never };

/**
 * What `copyMessage` returns.
 *
 * ```ts
 * const { message_id } = await bot.api.copyMessage(to, from, id);
 * ```
 */
export interface MessageId {
  message_id: number;
}

/**
 * A press on an inline button.
 *
 * ```ts
 * emu.updates.at(-1)?.callback_query?.data;
 * ```
 */
export interface CallbackQuery {
  id: string;
  from: User;
  message?: Message;
  chat_instance: string;
  data?: string;
}

/**
 * A member of a chat as `my_chat_member` reports the bot.
 *
 * ```ts
 * update.my_chat_member?.new_chat_member.status; // 'kicked'
 * ```
 */
export type ChatMember =
  | { status: 'member'; user: User }
  | { status: 'kicked'; user: User; until_date: number };

/**
 * The bot's membership changed in a chat (a user blocked or unblocked it).
 *
 * ```ts
 * emu.blockBot(alice); // enqueues a my_chat_member update
 * ```
 */
export interface ChatMemberUpdated {
  chat: Chat;
  from: User;
  date: number;
  old_chat_member: ChatMember;
  new_chat_member: ChatMember;
}

/**
 * An incoming update; exactly one optional field is set.
 *
 * ```ts
 * emu.updates.filter((u) => u.message !== undefined).length;
 * ```
 */
export interface Update {
  update_id: number;
  message?: Message & { chat: PrivateChat | SupergroupChat; from: User };
  edited_message?: Message & {
    chat: PrivateChat | SupergroupChat;
    from: User;
    edit_date: number;
  };
  channel_post?: Message & { chat: ChannelChat };
  edited_channel_post?: Message & { chat: ChannelChat; edit_date: number };
  callback_query?: CallbackQuery;
  my_chat_member?: ChatMemberUpdated;
}

/**
 * Names of update kinds, as used in `allowed_updates`.
 *
 * ```ts
 * const kind: UpdateType = 'callback_query';
 * ```
 */
export type UpdateType = Exclude<keyof Update, 'update_id'>;

/**
 * A bot command as stored by `setMyCommands`.
 *
 * ```ts
 * await bot.api.setMyCommands([{ command: 'start', description: 'Start' }]);
 * ```
 */
export interface BotCommand {
  command: string;
  description: string;
}

/**
 * The button that opens the bot's menu.
 *
 * ```ts
 * await bot.api.setChatMenuButton({ menu_button: { type: 'commands' } });
 * ```
 */
export type MenuButton =
  | { type: 'default' }
  | { type: 'commands' }
  | { type: 'web_app'; text: string; web_app: { url: string } };
