/**
 * `@anonboard/core`: the anonymous ad board as pure state machines plus a small service shell.
 *
 * @module @anonboard/core
 */

export type { Ad, AdEvent } from './ads/ad.js';
export { adMachine } from './ads/ad-machine.js';
export { type Chat, type ChatEndReason, type ChatEvent, isMember, peerOf } from './chats/chat.js';
export { chatMachine } from './chats/chat-machine.js';
export type { ChatSummary, IncomingMessage, ReceiveOutcome } from './chats/chat-service.js';
export { labelChats } from './chats/labels.js';
export {
  type Effect,
  type EffectButton,
  type ItemMedia,
  laneOf,
  type MediaFile,
  type MediaFileKind,
  storedMedia,
} from './effects.js';
export { AnonboardError, type ErrorCode, isAnonboardError } from './errors.js';
export { type Board, type BoardOptions, createBoard } from './facades/board.js';
export { createFeed, type Feed, type FeedOptions } from './facades/feed.js';
export type { PressOutcome } from './facades/press.js';
export { createRuntime, type PolicyOverrides, type RuntimeOptions } from './facades/runtime.js';
export { contentHash } from './feed/content-hash.js';
export {
  type DirectMessage,
  type DirectMessagesOptions,
  type DirectResult,
  directIngestId,
  isDirectIngestId,
} from './feed/direct-service.js';
export {
  type Flow,
  type FlowArrow,
  type FlowStep,
  figureText,
  flowToMermaid,
  type OverviewFigures,
  overviewDiagram,
  overviewFlow,
} from './feed/flow-diagrams.js';
export type { IngestInput, IngestResult, SourceEdit } from './feed/ingest-service.js';
export {
  type Keyword,
  type KeywordParse,
  type KeywordProblem,
  MAX_KEYWORD_LENGTH,
  MAX_KEYWORDS,
  parseKeywords,
  readKeyword,
} from './feed/keywords.js';
export {
  compileMatcher,
  type KeywordMatcher,
  type MatcherSubscription,
} from './feed/matcher.js';
export {
  DECISION_BINS_MINUTES,
  type FeedReport,
  type FunnelStage,
  overviewFigures,
  type ReportPeriod,
} from './feed/report.js';
export { scoreWithTimeout } from './feed/score-with-timeout.js';
export {
  createOfflineScorer,
  defaultOfflineScorerWeights,
  type OfflineScorerOptions,
  type OfflineScorerWeights,
} from './feed/scoring/offline-scorer.js';
export type {
  FeedSettings,
  IngestOutcome,
  Source,
  SourceMessage,
  Subscription,
} from './feed/source.js';
export type { FeedStats } from './feed/stats.js';
export {
  directDiagram,
  directFlow,
  moderationDiagram,
  moderationFlow,
  monitoringDiagram,
  monitoringFlow,
  subFlows,
  suggestionDiagram,
  suggestionFlow,
} from './feed/sub-flows.js';
export { foldConfusables } from './feed/text/confusables.js';
export { normalizeText, tokenize } from './feed/text/normalize.js';
export { stems, stemWord } from './feed/text/stem.js';
export { stemEnglish } from './feed/text/stem-en.js';
export { stemRussian } from './feed/text/stem-ru.js';
export type {
  ActionToken,
  AdId,
  Brand,
  ChatId,
  InviteId,
  ItemId,
  Locale,
  SourceId,
  UserId,
} from './ids.js';
export type { Invite, InviteContent, InviteEvent } from './invites/invite.js';
export { inviteMachine } from './invites/invite-machine.js';
export { type OpenInviteInput, openInvite } from './invites/open-invite.js';
export {
  advance,
  defineMachine,
  type Machine,
  type Rejection,
  type Transition,
  type TransitionResult,
  transition,
} from './machine/machine.js';
export { type DrawableMachine, toMermaid } from './machine/mermaid.js';
export { machines } from './machines.js';
export {
  type CardOptions,
  formatAmount,
  formatCardTime,
  formatPrice,
  type RenderedCard,
  renderCard,
  renderDecidedCard,
  renderPost,
} from './moderation/card.js';
export type {
  AuditEntry,
  DirectOffer,
  EvidenceLine,
  ItemOrigin,
  ItemReview,
  ItemScore,
  ModerationEvent,
  ModerationItem,
  ReportOutcome,
  ReviewReason,
  ScoreFlag,
} from './moderation/item.js';
export { moderationMachine } from './moderation/moderation-machine.js';
export type { Decision } from './moderation/moderation-service.js';
export {
  consoleLogger,
  type ErrorSummary,
  errorSummary,
  silentLogger,
  withFields,
} from './operations/console-logger.js';
export type { Backlog } from './outbox/backlog.js';
export { type BackoffPolicy, backoffDelay, defaultBackoff } from './outbox/backoff.js';
export type {
  AfterDelivery,
  AfterGivingUp,
  Delivered,
  DeliveryParties,
  DeliveryRules,
  VoidCheck,
} from './outbox/delivery-rules.js';
export { Dispatcher, type DispatcherOptions } from './outbox/dispatcher.js';
export type { AdDirectory, AdListing } from './ports/ad-directory.js';
export { type Clock, systemClock } from './ports/clock.js';
export type {
  AuditRepository,
  CardRepository,
  FeedRepositories,
  FeedSettingsRepository,
  IngestRepository,
  IngestTally,
  ItemRepository,
  ScoreCacheRepository,
  SourceRepository,
  SubscriptionRepository,
} from './ports/feed-storage.js';
export { type IdKind, type Ids, randomIds } from './ports/ids.js';
export type { LogFields, Logger, LogLevel } from './ports/logger.js';
export type {
  Cooldown,
  HistoryRecord,
  HistoryRepository,
  LimitRepository,
  Tombstone,
  TombstoneRepository,
} from './ports/safety-storage.js';
export type { Score, ScoreContext, Scorer } from './ports/scorer.js';
export type {
  AdQuery,
  AdRepository,
  BlockRepository,
  ChatRepository,
  InboxRepository,
  InviteRepository,
  MessageLink,
  MessageMapRepository,
  MessageSide,
  OutboxEntry,
  OutboxRepository,
  Repositories,
  Storage,
  TokenRepository,
  UserRepository,
} from './ports/storage.js';
export type {
  DeliveryResult,
  ScoreOutcome,
  Telemetry,
  TelemetryEvent,
} from './ports/telemetry.js';
export {
  type ButtonRows,
  type Transport,
  type TransportButton,
  TransportError,
  type TransportFailure,
} from './ports/transport.js';
export type { BoardStats } from './safety/board-stats.js';
export {
  type HistoryExport,
  type MaintenanceReport,
  renderHistory,
} from './safety/history-service.js';
export { hasLink, hasProfileLink, hasTelegramLink } from './safety/limits.js';
export type { Action, ActionTokenRecord, SuggestionDraft } from './shell/actions.js';
export {
  type BoardPolicy,
  defaultPolicy,
  type HandOff,
  type LimitedAction,
  type RateLimit,
} from './shell/context.js';
export { MemoryStorage } from './storage/memory-storage.js';
export { en } from './texts/en.js';
export { explainError, formatWait } from './texts/explain.js';
export { type FittingRequest, renderFitting, shortenText, splitText } from './texts/fit.js';
export type { Catalog, TextKey, TextParams } from './texts/keys.js';
export { ru } from './texts/ru.js';
export { createTexts, localeFrom, type TextOverrides, type Texts } from './texts/texts.js';
export type { FoundUser, PlatformIdentity } from './users/identify.js';
export type { User } from './users/user.js';
