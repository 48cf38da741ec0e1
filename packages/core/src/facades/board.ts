import type { Ad } from '../ads/ad.js';
import { closeAd, listAds, publishAd } from '../ads/ad-service.js';
import type { Chat } from '../chats/chat.js';
import {
  type ChatSummary,
  editRelayed,
  endOrBlock,
  type IncomingMessage,
  listChats,
  type ReceiveOutcome,
  receiveMessage,
  relayTo,
} from '../chats/chat-service.js';
import type { AdId, ChatId, InviteId, Locale, UserId } from '../ids.js';
import type { Invite, InviteContent } from '../invites/invite.js';
import {
  acceptInviteIn,
  closeInviteIn,
  expireInvites,
  openAdForWriting,
  sendInvite,
} from '../invites/invite-service.js';
import type { ModerationItem } from '../moderation/item.js';
import { type Backlog, readBacklog } from '../outbox/backlog.js';
import type { Dispatcher } from '../outbox/dispatcher.js';
import type { AdDirectory, AdListing } from '../ports/ad-directory.js';
import type { Logger } from '../ports/logger.js';
import type { AdQuery } from '../ports/storage.js';
import type { Telemetry } from '../ports/telemetry.js';
import { type BoardStats, boardStats } from '../safety/board-stats.js';
import {
  exportHistory,
  forgetUser,
  type HistoryExport,
  type MaintenanceReport,
  maintain,
} from '../safety/history-service.js';
import { reportChat } from '../safety/report-service.js';
import { type BoardPolicy, unitOfWork } from '../shell/context.js';
import { refuseUnstorableText } from '../shell/stored-text.js';
import { explainError } from '../texts/explain.js';
import type { Texts } from '../texts/texts.js';
import { type FoundUser, findUser, identifyUser } from '../users/identify.js';
import type { User } from '../users/user.js';
import { checkRuntimeOptions } from './options.js';
import { type PressOutcome, press } from './press.js';
import { createRuntime, type RuntimeOptions } from './runtime.js';

/** Everything {@link createBoard} takes; only `storage` is required. */
export interface BoardOptions extends RuntimeOptions {
  /**
   * Where ads live when they are kept outside the board (e.g. on the embedding app's site).
   * It is consulted inside the invite's transaction, so keep `find` fast. Defaults to the
   * board's own ad table.
   */
  readonly adDirectory?: AdDirectory;
}

/**
 * The ad board: ads, invites, anonymous chats and blocks. Every method that changes state takes
 * an optional idempotency `key` (the platform update id): a replayed key throws
 * `duplicate_update` and changes nothing. Bad input throws {@link AnonboardError} and changes
 * nothing. What people should see goes to the outbox, which `dispatcher` delivers.
 *
 * ```ts
 * const board = createBoard({ storage: new MemoryStorage(), transport });
 * const author = await board.identify({ platformId: '1001' });
 * const reader = await board.identify({ platformId: '1002' });
 * const ad = await board.publishAd({ author: author.id, title: 'Продам гараж' });
 * await board.sendInvite({ sender: reader.id, adId: ad.id, content: { kind: 'text', text: 'Какая цена?' } });
 * await board.dispatcher?.drain(); // the author now has the message with [✅ Принять] [❌ Отклонить]
 * ```
 */
export interface Board {
  /** The person behind a platform id, created on first sight; marks them reachable again. */
  identify(input: { platformId: string; locale?: Locale }): Promise<User>;
  /**
   * The person behind a platform id and whether they are inside a board flow (an opened ad, an
   * active chat), or undefined for someone the board never saw. Looks only: nobody is stored, so
   * an adapter can tell its own messages from a host bot's before identifying anyone.
   */
  findUser(identity: { platformId: string }): Promise<FoundUser | undefined>;
  publishAd(input: { author: UserId; title: string; text?: string; key?: string }): Promise<Ad>;
  /** Open ads, newest first; `search`, `authorId`, `status`, `limit` and `after` (paging) narrow it. */
  listAds(query?: Partial<AdQuery>): Promise<Ad[]>;
  getAd(adId: AdId): Promise<Ad | undefined>;
  closeAd(input: { user: UserId; adId: AdId; key?: string }): Promise<Ad>;
  /** Opens an ad for writing (deep link): the person's next message becomes the invite. */
  openAd(input: { user: UserId; adId: AdId; key?: string }): Promise<AdListing>;
  /** Sends the one first message to an ad's author directly (e.g. from the Mini App). */
  sendInvite(input: {
    sender: UserId;
    adId: AdId;
    content: InviteContent;
    key?: string;
  }): Promise<Invite>;
  acceptInvite(input: { user: UserId; inviteId: InviteId; key?: string }): Promise<Chat>;
  declineInvite(input: { user: UserId; inviteId: InviteId; key?: string }): Promise<Invite>;
  withdrawInvite(input: { user: UserId; inviteId: InviteId; key?: string }): Promise<Invite>;
  /** Expires pending invites past the policy's TTL; run it now and then. Returns how many. */
  expireInvites(): Promise<number>;
  /** A message sent to the bot: becomes an invite or is relayed (see {@link ReceiveOutcome}). */
  receive(message: IncomingMessage): Promise<ReceiveOutcome>;
  /** Relays into a chat the sender names explicitly. */
  relayTo(input: {
    user: UserId;
    chatId: ChatId;
    messageIds: readonly number[];
    key?: string;
  }): Promise<void>;
  /** Mirrors an edit of a relayed message; false when there is nothing to mirror. */
  editRelayed(input: {
    user: UserId;
    messageId: number;
    text: string;
    part: 'text' | 'caption';
    key?: string;
  }): Promise<boolean>;
  /** A button was pressed. */
  press(input: { user: UserId; token: string; key?: string }): Promise<PressOutcome>;
  listChats(user: UserId): Promise<ChatSummary[]>;
  /** Ends the given chat, the only one, or asks which. */
  endChat(input: { user: UserId; chatId?: ChatId; key?: string }): Promise<'done' | 'choose'>;
  /** Blocks the other side of the given chat (or the only one, or asks which). */
  blockChat(input: { user: UserId; chatId?: ChatId; key?: string }): Promise<'done' | 'choose'>;
  /** The platform refused delivery to this person for good (the dispatcher calls it). */
  markUnreachable(user: UserId): Promise<void>;
  /**
   * `/report`: reports the given chat (or the only active one, or asks which) to the moderators,
   * with its last messages as evidence, labelled by role, never by person.
   */
  report(input: {
    user: UserId;
    reason: string;
    chatId?: ChatId;
    key?: string;
  }): Promise<ModerationItem | 'choose'>;
  /** Everything kept about a person's chats, for `/export`; `renderHistory` makes it a text. */
  exportHistory(user: UserId): Promise<HistoryExport>;
  /** `/forgetme`: removes what can be removed, anonymises the rest. */
  forget(input: { user: UserId; key?: string }): Promise<{ messages: number }>;
  /**
   * Housekeeping (expire invites; purge old history, expired buttons, old outbox entries and
   * counters); run it now and then.
   */
  maintain(): Promise<MaintenanceReport>;
  /** Invites per day and per ad, chats, reports by outcome. */
  stats(since?: number): Promise<BoardStats>;
  /** Delivers the outbox; present when a transport was given. */
  readonly dispatcher: Dispatcher | undefined;
  /**
   * The sentence to show a person for an error a method threw (localised, with details such as
   * the wait until the invite limit resets).
   */
  explain(error: unknown, locale?: Locale): string;
  /** The texts in use, for adapters rendering their own replies. */
  readonly texts: Texts;
  readonly policy: BoardPolicy;
  /** What waits in the outbox, for an operator's gauges. */
  backlog(): Promise<Backlog>;
  /** The logger it was given (adapters built on the board log through it too). */
  readonly logger: Logger;
  /** The telemetry it was given (adapters built on the board report through it too). */
  readonly telemetry: Telemetry;
}

/**
 * Creates a {@link Board}. The options are checked first: a missing port method, an unknown
 * option or a policy value out of range throws `AnonboardError('invalid_options')` naming it.
 *
 * ```ts
 * const board = createBoard({ storage: openSqliteStorage({ path }), transport, policy: { invitesPerDay: 10 } });
 * ```
 */
export function createBoard(options: BoardOptions): Board {
  checkRuntimeOptions(options, 'createBoard');
  const { ctx, dispatcher, markUnreachable } = createRuntime(options);
  return refuseUnstorableText<Board>(
    {
      identify: (input) => identifyUser(ctx, input),
      findUser: (identity) => findUser(ctx, identity),
      publishAd: (input) => publishAd(ctx, input),
      listAds: (query) => listAds(ctx, query),
      getAd: (adId) => ctx.storage.transaction((tx) => tx.ads.get(adId)),
      closeAd: (input) => closeAd(ctx, input),
      openAd: (input) => openAdForWriting(ctx, input),
      sendInvite: (input) => sendInvite(ctx, input),
      acceptInvite: ({ user, inviteId, key }) =>
        unitOfWork(ctx, key, (tx, emit, now) => acceptInviteIn(ctx, tx, emit, now, user, inviteId)),
      declineInvite: ({ user, inviteId, key }) =>
        unitOfWork(ctx, key, (tx, emit, now) =>
          closeInviteIn(tx, emit, now, user, inviteId, 'decline'),
        ),
      withdrawInvite: ({ user, inviteId, key }) =>
        unitOfWork(ctx, key, (tx, emit, now) =>
          closeInviteIn(tx, emit, now, user, inviteId, 'withdraw'),
        ),
      expireInvites: () => expireInvites(ctx),
      receive: (message) => receiveMessage(ctx, message),
      relayTo: (input) => relayTo(ctx, input),
      editRelayed: (input) => editRelayed(ctx, input),
      press: (input) => press(ctx, input),
      listChats: (user) => listChats(ctx, user),
      endChat: (input) => endOrBlock(ctx, input, 'end'),
      blockChat: (input) => endOrBlock(ctx, input, 'block'),
      markUnreachable,
      report: (input) => reportChat(ctx, input),
      exportHistory: (user) => exportHistory(ctx, user),
      forget: (input) => forgetUser(ctx, input),
      maintain: () => maintain(ctx),
      stats: (since) => boardStats(ctx, since),
      dispatcher,
      explain: (error, locale) =>
        explainError(ctx.texts, error, locale ?? ctx.texts.defaultLocale, ctx.clock.now()),
      texts: ctx.texts,
      policy: ctx.policy,
      backlog: () => readBacklog(ctx, false),
      logger: ctx.logger,
      telemetry: ctx.telemetry,
    },
    ['explain'],
  );
}
