// @anonboard/core: the anonymous ad board as pure state machines plus a small service shell.

export type { Ad, AdEvent } from './ads/ad.js';
export { adMachine } from './ads/ad-machine.js';
export type { Action, ActionTokenRecord } from './board/actions.js';
export { type Board, type BoardOptions, createBoard } from './board/board.js';
export { type BoardPolicy, defaultPolicy } from './board/context.js';
export type { PressOutcome } from './board/press.js';
export { type Chat, type ChatEndReason, type ChatEvent, isMember, peerOf } from './chats/chat.js';
export { chatMachine } from './chats/chat-machine.js';
export type { ChatSummary, IncomingMessage, ReceiveOutcome } from './chats/chat-service.js';
export { labelChats } from './chats/labels.js';
export { type Effect, type EffectButton, laneOf } from './effects.js';
export { AnonboardError, type ErrorCode, isAnonboardError } from './errors.js';
export type { ActionToken, AdId, Brand, ChatId, InviteId, Locale, UserId } from './ids.js';
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
/** Every transition table of the board, for rendering diagrams. */
export { machines } from './machines.js';
export { type BackoffPolicy, backoffDelay, defaultBackoff } from './outbox/backoff.js';
export { Dispatcher, type DispatcherLogger, type DispatcherOptions } from './outbox/dispatcher.js';
export type { AdDirectory, AdListing } from './ports/ad-directory.js';
export { type Clock, systemClock } from './ports/clock.js';
export { type IdKind, type Ids, randomIds } from './ports/ids.js';
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
export {
  type ButtonRows,
  type Transport,
  type TransportButton,
  TransportError,
  type TransportFailure,
} from './ports/transport.js';
export { MemoryStorage } from './storage/memory-storage.js';
export { en } from './texts/en.js';
export { explainError, formatWait } from './texts/explain.js';
export type { Catalog, TextKey, TextParams } from './texts/keys.js';
export { ru } from './texts/ru.js';
export { createTexts, localeFrom, type TextOverrides, type Texts } from './texts/texts.js';
export type { User } from './users/user.js';
