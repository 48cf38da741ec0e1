import type { Effect } from '../effects.js';
import type { ActionToken, AdId, InviteId, UserId } from '../ids.js';
import type { Invite, InviteContent } from './invite.js';

/** Everything needed to create an invite; ids and time are supplied by the caller. */
export interface OpenInviteInput {
  readonly id: InviteId;
  readonly ad: { readonly id: AdId; readonly title: string; readonly authorId: UserId };
  readonly senderId: UserId;
  readonly content: InviteContent;
  readonly at: number;
  readonly acceptToken: ActionToken;
  readonly declineToken: ActionToken;
}

/**
 * Builds a pending invite and what the two sides see: the author gets the message with
 * [Accept] [Decline]; the sender gets a confirmation. Pure.
 */
export function openInvite(input: OpenInviteInput): { invite: Invite; effects: Effect[] } {
  const { ad, senderId, content } = input;
  const invite: Invite = {
    id: input.id,
    adId: ad.id,
    adTitle: ad.title,
    senderId,
    recipientId: ad.authorId,
    content,
    createdAt: input.at,
    status: 'pending',
  };
  const buttons = [
    [
      { label: 'button.accept', token: input.acceptToken },
      { label: 'button.decline', token: input.declineToken },
    ],
  ] as const;
  const delivery: Effect[] =
    content.kind === 'text'
      ? [
          {
            type: 'notify',
            to: ad.authorId,
            text: 'invite.received',
            params: { ad: ad.title, text: content.text },
            buttons,
            author: senderId,
          },
        ]
      : [
          { type: 'copy', to: ad.authorId, from: senderId, messageIds: content.messageIds },
          {
            type: 'notify',
            to: ad.authorId,
            text: 'invite.receivedAbove',
            params: { ad: ad.title },
            buttons,
          },
        ];
  return {
    invite,
    effects: [
      ...delivery,
      { type: 'notify', to: senderId, text: 'invite.sent', params: { ad: ad.title } },
    ],
  };
}
