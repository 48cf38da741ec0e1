import type { UserId } from '../ids.js';
import type { Rejection } from '../machine/machine.js';
import { defineMachine } from '../machine/machine.js';
import { type Chat, type ChatEvent, isMember, peerOf } from './chat.js';

/** A guard: only the chat's two members may `act` on it. */
const onlyMembers =
  (act: string) =>
  (chat: Chat, e: { by: UserId }): Rejection | undefined =>
    isMember(chat, e.by)
      ? undefined
      : { code: 'forbidden', message: `only its members can ${act} a chat` };

/**
 * active → active (either side relays a message: a copy to the other) | ended (either side ends
 * it, or one side became unreachable) | blocked (either side blocks the other: the pair can never
 * open a chat or invite again). An ended or blocked chat relays nothing.
 */
export const chatMachine = defineMachine<Chat, ChatEvent>({
  name: 'chat',
  initial: 'active',
  createdBy: 'accept invite',
  states: {
    active: {
      relay: {
        to: 'active',
        guard: onlyMembers('write into'),
        next: (c) => c,
        effects: (c, _n, e) => [
          {
            type: 'copy',
            to: peerOf(c, e.by),
            from: e.by,
            messageIds: e.messageIds,
            chatId: c.id,
            ...(e.replyTo === undefined ? {} : { replyTo: e.replyTo }),
          },
        ],
      },
      end: {
        to: 'ended',
        guard: onlyMembers('end'),
        next: (c, e) => ({ ...c, status: 'ended', endedAt: e.at, endedBy: e.by, reason: 'ended' }),
        effects: (c, _n, e) => [
          { type: 'notify', to: e.by, text: 'chat.endedByYou', params: { chat: c.label } },
          {
            type: 'notify',
            to: peerOf(c, e.by),
            text: 'chat.endedByPeer',
            params: { chat: c.label },
          },
        ],
      },
      block: {
        to: 'blocked',
        guard: onlyMembers('block'),
        next: (c, e) => ({
          ...c,
          status: 'blocked',
          endedAt: e.at,
          endedBy: e.by,
          reason: 'blocked',
        }),
        // The blocked side hears only that the chat ended, as with /endchat.
        effects: (c, _n, e) => [
          { type: 'notify', to: e.by, text: 'chat.blockedByYou', params: { chat: c.label } },
          {
            type: 'notify',
            to: peerOf(c, e.by),
            text: 'chat.endedByPeer',
            params: { chat: c.label },
          },
        ],
      },
      lose: {
        to: 'ended',
        guard: (c, e) =>
          isMember(c, e.unreachable)
            ? undefined
            : { code: 'forbidden', message: 'not a member of this chat' },
        next: (c, e) => ({
          ...c,
          status: 'ended',
          endedAt: e.at,
          endedBy: null,
          reason: 'unreachable',
        }),
        effects: (c, _n, e) => [
          {
            type: 'notify',
            to: peerOf(c, e.unreachable),
            text: 'chat.peerUnreachable',
            params: { chat: c.label },
          },
        ],
      },
      moderate: {
        to: 'ended',
        guard: (c, e) =>
          isMember(c, e.banned)
            ? undefined
            : { code: 'forbidden', message: 'not a member of this chat' },
        next: (c, e) => ({
          ...c,
          status: 'ended',
          endedAt: e.at,
          endedBy: null,
          reason: 'moderated',
        }),
        effects: (c, _n, e) => [
          {
            type: 'notify',
            to: peerOf(c, e.banned),
            text: 'chat.endedByModerator',
            params: { chat: c.label },
          },
        ],
      },
    },
    ended: {},
    blocked: {},
  },
});
