import type { ItemMedia } from '../effects.js';
import {
  type DirectMessage,
  type DirectMessagesOptions,
  type DirectResult,
  directDecided,
  ingestDirect,
  ingestDirectEdit,
} from '../feed/direct-service.js';
import {
  addSource,
  configureFeed,
  listSources,
  removeSource,
  subscribe,
} from '../feed/feed-admin.js';
import {
  type IngestInput,
  type IngestResult,
  ingestEdit,
  ingestMessage,
  MatcherCache,
  type SourceEdit,
} from '../feed/ingest-service.js';
import { type FeedReport, feedReport, type ReportPeriod } from '../feed/report.js';
import { createOfflineScorer } from '../feed/scoring/offline-scorer.js';
import type { FeedSettings, Source, Subscription } from '../feed/source.js';
import { type FeedStats, feedStats } from '../feed/stats.js';
import { suggestPost } from '../feed/suggest-service.js';
import type { ItemId, Locale, SourceId, UserId } from '../ids.js';
import type { DirectOffer, ModerationItem } from '../moderation/item.js';
import {
  type Decision,
  decide,
  expireItems,
  rejectWithReason,
  settingsOf,
} from '../moderation/moderation-service.js';
import { observedScorer } from '../operations/observed-scorer.js';
import { type Backlog, readBacklog } from '../outbox/backlog.js';
import type { Dispatcher } from '../outbox/dispatcher.js';
import type { FeedRepositories } from '../ports/feed-storage.js';
import type { Logger } from '../ports/logger.js';
import type { Scorer } from '../ports/scorer.js';
import type { Telemetry } from '../ports/telemetry.js';
import type { BoardPolicy } from '../shell/context.js';
import { refuseUnstorableText } from '../shell/stored-text.js';
import { explainError } from '../texts/explain.js';
import type { Texts } from '../texts/texts.js';
import { identifyUser } from '../users/identify.js';
import type { User } from '../users/user.js';
import { checkRuntimeOptions } from './options.js';
import { type PressOutcome, press } from './press.js';
import { createRuntime, type RuntimeOptions } from './runtime.js';

/** Everything {@link createFeed} takes; only `storage` is required. */
export interface FeedOptions extends RuntimeOptions {
  /** Judges importance; defaults to the built-in offline scorer. */
  readonly scorer?: Scorer;
  /**
   * How the channel's own direct messages (the platform's suggested posts) join the queue:
   * `mode` `queue` (default, every suggestion) or `score` (the sources' rules first), and whether
   * plain messages count too.
   */
  readonly directMessages?: DirectMessagesOptions;
}

/**
 * Channel monitoring, suggested posts and the moderation queue. Four inputs (a userbot
 * watching sources, posts suggested to the bot, messages forwarded to the bot, posts suggested in
 * the channel's own direct messages) → keyword filter →
 * score → moderation by admins → publication in the channel → people told.
 *
 * ```ts
 * const feed = createFeed({ storage: new MemoryStorage(), transport });
 * const admin = await feed.identify({ platformId: '1' });
 * await feed.configure({ channel: '@news', admins: [admin.id] });
 * await feed.addSource({ ref: '-1001', title: 'Городские новости' });
 * const reader = await feed.identify({ platformId: '2' });
 * await feed.subscribe({ user: reader.id, keywords: ['собрание'] });
 * await feed.ingest({ sourceRef: '-1001', messageId: 7, text: 'СРОЧНО: собрание', date: Date.now(), via: 'userbot' });
 * // → admins get a card with the score and [✅ Одобрить] [❌ Отклонить]
 * ```
 */
export interface Feed {
  identify(input: { platformId: string; locale?: Locale }): Promise<User>;
  /** Changes channel, admins, default threshold or topic. The caller decides who may. */
  configure(patch: Partial<FeedSettings>): Promise<FeedSettings>;
  settings(): Promise<FeedSettings>;
  /** True when this person moderates the feed. */
  isAdmin(user: UserId): Promise<boolean>;
  /**
   * The admin behind a platform id, or undefined when that person is no admin of the feed. Looks
   * only: nobody is stored (a stranger opening an admin page leaves no trace).
   */
  findAdmin(identity: { platformId: string }): Promise<User | undefined>;
  addSource(input: {
    ref: string;
    title: string;
    link?: string | null;
    addedBy?: UserId | null;
  }): Promise<Source>;
  removeSource(id: SourceId): Promise<boolean>;
  listSources(): Promise<Source[]>;
  /** Creates or changes the person's subscription; only the given fields change. */
  subscribe(input: {
    user: UserId;
    keywords?: readonly string[];
    sources?: readonly SourceId[];
    threshold?: number | null;
    key?: string;
  }): Promise<Subscription>;
  subscription(user: UserId): Promise<Subscription | undefined>;
  /**
   * A message from a source (the userbot) or forwarded to the bot from a source; whoever
   * forwarded it (`forwardedBy`) is told what becomes of it, like a suggester.
   */
  ingest(message: IngestInput): Promise<IngestResult>;
  /**
   * A source message was edited: the matcher and the scorer run again. A waiting item takes the
   * new text and score (cards say it was edited); a dropped message that now passes is queued.
   * True when an item was revised or queued. See {@link ingestEdit}.
   */
  ingestEdit(edit: SourceEdit): Promise<boolean>;
  /**
   * A message in the channel's own direct messages: a post suggested there (decided natively on
   * the platform) or, if taken, a plain message. See {@link DirectMessagesOptions}.
   */
  ingestDirect(message: DirectMessage & { key?: string }): Promise<DirectResult>;
  /** Its author edited a message of the channel's direct messages. True when an item changed. */
  ingestDirectEdit(edit: {
    chatRef: string;
    messageId: number;
    text: string;
    offer: DirectOffer | null;
    mediaKind?: string;
    key?: string;
  }): Promise<boolean>;
  /**
   * A suggested post was approved or declined in the platform's own UI: its item is settled and
   * every admin's card revised. Undefined when no item was queued for it.
   */
  directDecided(input: {
    chatRef: string;
    messageId: number;
    outcome: 'approved' | 'declined';
    comment?: string | null;
    key?: string;
  }): Promise<ModerationItem | undefined>;
  /**
   * A person suggests a post: they get a preview with [Confirm] [Cancel]. With `media` (a photo,
   * an album…) the text is its caption and may be empty.
   */
  suggest(input: { user: UserId; text: string; media?: ItemMedia; key?: string }): Promise<void>;
  /** A button was pressed (cards, previews, reasons). */
  press(input: { user: UserId; token: string; key?: string }): Promise<PressOutcome>;
  /** An admin decides on an item directly (the buttons do the same through `press`). */
  decide(input: {
    admin: UserId;
    itemId: ItemId;
    decision: Decision;
    key?: string;
  }): Promise<ModerationItem>;
  /** A text from an admin holding a claim is the reason of their rejection; undefined when it is not. */
  rejectWithReason(input: {
    admin: UserId;
    text: string;
    key?: string;
  }): Promise<ModerationItem | undefined>;
  /** Items waiting for a decision, oldest first. */
  queue(limit?: number): Promise<ModerationItem[]>;
  getItem(id: ItemId): Promise<ModerationItem | undefined>;
  /** Expires items waiting longer than `maxAgeMs`. */
  expireItems(maxAgeMs: number): Promise<number>;
  stats(since?: number): Promise<FeedStats>;
  /**
   * Statistics of the last 24 hours (by the hour) or 7 / 30 days (by the day of `timeZone`) for
   * charts: the funnel, shares filtered and approved, decision times, per source.
   */
  report(input: { period: ReportPeriod; timeZone?: string }): Promise<FeedReport>;
  explain(error: unknown, locale?: Locale): string;
  readonly dispatcher: Dispatcher | undefined;
  readonly texts: Texts;
  readonly policy: BoardPolicy;
  /** What waits in the outbox and the moderation queue, for an operator's gauges. */
  backlog(): Promise<Backlog>;
  /** The logger it was given (adapters built on the feed log through it too). */
  readonly logger: Logger;
  /** The telemetry it was given (adapters built on the feed report through it too). */
  readonly telemetry: Telemetry;
}

/**
 * Creates a {@link Feed}. The options are checked first: a missing port method, an unknown
 * option or a policy value out of range throws `AnonboardError('invalid_options')` naming it.
 *
 * ```ts
 * const feed = createFeed({ storage, transport, scorer: createOfflineScorer() });
 * ```
 */
export function createFeed(options: FeedOptions): Feed {
  checkRuntimeOptions(options, 'createFeed');
  const { ctx, dispatcher } = createRuntime(options);
  const scorer = observedScorer(options.scorer ?? createOfflineScorer(), ctx.logger, ctx.telemetry);
  const matchers = new MatcherCache();
  const read = <T>(fn: (feed: FeedRepositories) => Promise<T>) =>
    ctx.storage.transaction((tx) => fn(tx.feed));
  return refuseUnstorableText<Feed>(
    {
      identify: (input) => identifyUser(ctx, input),
      configure: (patch) => configureFeed(ctx, patch),
      settings: () => read(settingsOf),
      isAdmin: async (user) => (await read(settingsOf)).admins.includes(user),
      findAdmin: ({ platformId }) =>
        ctx.storage.transaction(async (tx) => {
          const user = await tx.users.getByPlatformId(platformId);
          if (user === undefined) return undefined;
          return (await settingsOf(tx.feed)).admins.includes(user.id) ? user : undefined;
        }),
      addSource: (input) => addSource(ctx, input),
      removeSource: (id) => removeSource(ctx, id),
      listSources: () => listSources(ctx),
      subscribe: (input) => subscribe(ctx, input),
      subscription: (user) => read((feed) => feed.subscriptions.get(user)),
      ingest: (message) => ingestMessage(ctx, scorer, matchers, message),
      ingestEdit: (edit) => ingestEdit(ctx, scorer, matchers, edit),
      ingestDirect: (message) =>
        ingestDirect(ctx, scorer, matchers, options.directMessages ?? {}, message),
      ingestDirectEdit: (edit) => ingestDirectEdit(ctx, edit),
      directDecided: (input) => directDecided(ctx, input),
      suggest: (input) => suggestPost(ctx, input),
      press: (input) => press(ctx, input),
      decide: (input) => decide(ctx, input),
      rejectWithReason: (input) => rejectWithReason(ctx, input),
      queue: (limit = 50) => read((feed) => feed.items.listOpen(limit)),
      getItem: (id) => read((feed) => feed.items.get(id)),
      expireItems: (maxAgeMs) => expireItems(ctx, maxAgeMs),
      stats: (since) => feedStats(ctx, since),
      report: (input) => feedReport(ctx, input),
      explain: (error, locale) =>
        explainError(ctx.texts, error, locale ?? ctx.texts.defaultLocale, ctx.clock.now()),
      dispatcher,
      texts: ctx.texts,
      policy: ctx.policy,
      backlog: () => readBacklog(ctx, true),
      logger: ctx.logger,
      telemetry: ctx.telemetry,
    },
    ['explain'],
  );
}
