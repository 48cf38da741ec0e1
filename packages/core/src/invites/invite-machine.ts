import type { UserId } from '../ids.js';
import type { Rejection } from '../machine/machine.js';
import { defineMachine } from '../machine/machine.js';
import type { Invite, InviteEvent } from './invite.js';

const onlyRecipient = (invite: Invite, e: { by: UserId }): Rejection | undefined =>
  invite.recipientId === e.by
    ? undefined
    : { code: 'forbidden', message: 'only the recipient can answer an invite' };

/**
 * pending → accepted | declined | expired | withdrawn (and cancelled by a block, as withdrawn).
 * A decline tells the sender nothing.
 */
export const inviteMachine = defineMachine<Invite, InviteEvent>({
  name: 'invite',
  initial: 'pending',
  createdBy: 'send',
  states: {
    pending: {
      accept: {
        to: 'accepted',
        guard: onlyRecipient,
        next: (i, e) => ({ ...i, status: 'accepted', decidedAt: e.at, chatId: e.chatId }),
        effects: (i) => [
          {
            type: 'notify',
            to: i.recipientId,
            text: 'invite.acceptedByYou',
            params: { chat: i.adTitle },
          },
          {
            type: 'notify',
            to: i.senderId,
            text: 'invite.acceptedBySender',
            params: { ad: i.adTitle, chat: i.adTitle },
          },
        ],
      },
      decline: {
        to: 'declined',
        guard: onlyRecipient,
        next: (i, e) => ({ ...i, status: 'declined', decidedAt: e.at }),
        // Only the author hears of it: a declined sender is never told.
        effects: (i) => [{ type: 'notify', to: i.recipientId, text: 'invite.declinedByYou' }],
      },
      withdraw: {
        to: 'withdrawn',
        guard: (i, e) =>
          i.senderId === e.by
            ? undefined
            : { code: 'forbidden', message: 'only the sender can withdraw an invite' },
        next: (i, e) => ({ ...i, status: 'withdrawn', decidedAt: e.at }),
      },
      cancel: { to: 'withdrawn', next: (i, e) => ({ ...i, status: 'withdrawn', decidedAt: e.at }) },
      expire: { to: 'expired', next: (i, e) => ({ ...i, status: 'expired', decidedAt: e.at }) },
    },
    accepted: {},
    declined: {},
    expired: {},
    withdrawn: {},
  },
});
