import { blockChatIn, endChatIn, relayToChatIn } from '../chats/chat-service.js';
import { AnonboardError } from '../errors.js';
import { confirmSuggestionIn } from '../feed/suggest-service.js';
import type { ActionToken, UserId } from '../ids.js';
import { acceptInviteIn, closeInviteIn } from '../invites/invite-service.js';
import { claimForRejectIn, decideIn, showItemIn } from '../moderation/moderation-service.js';
import { assertNotBanned } from '../safety/limits.js';
import { reportChatIn } from '../safety/report-service.js';
import type { Action } from '../shell/actions.js';
import { type BoardContext, unitOfWork } from '../shell/context.js';
import { splitText } from '../texts/fit.js';

/** What a button press did, for the adapter's short acknowledgement. */
export interface PressOutcome {
  readonly action: Action['type'];
}

/**
 * Handles a button press: the token must exist and belong to the presser (anyone else gets
 * `forbidden` and nothing changes), and be younger than `actionTokenTtlMs` (`invalid_state`
 * after); its group is consumed atomically, so a double press or two racing presses act once.
 * Buttons that only show a whole text are never used up.
 */
export function press(
  ctx: BoardContext,
  input: { user: UserId; token: string; key?: string },
): Promise<PressOutcome> {
  return unitOfWork(ctx, input.key, async (tx, emit, now) => {
    await assertNotBanned(tx, input.user);
    const record = await tx.tokens.get(input.token as ActionToken);
    if (record === undefined)
      throw new AnonboardError('invalid_state', 'this button is no longer valid');
    if (record.userId !== input.user)
      throw new AnonboardError('forbidden', 'this button belongs to someone else');
    // An old button acts on nothing (what it held may be past retention): the press is refused.
    if (now - record.createdAt >= ctx.policy.actionTokenTtlMs)
      throw new AnonboardError('invalid_state', 'this button has expired');
    const { action } = record;
    // Reading a whole text changes nothing: its button can be pressed again.
    const reusable = action.type === 'item.show' || action.type === 'suggest.show';
    if (!reusable && !(await tx.tokens.consume(record.token))) {
      throw new AnonboardError('invalid_state', 'this button was already used');
    }
    switch (action.type) {
      case 'invite.accept':
        await acceptInviteIn(ctx, tx, emit, now, input.user, action.inviteId);
        break;
      case 'invite.decline':
        await closeInviteIn(tx, emit, now, input.user, action.inviteId, 'decline');
        break;
      case 'relay.choose':
        await relayToChatIn(tx, emit, now, input.user, action.chatId, action);
        break;
      case 'chat.end':
        await endChatIn(tx, emit, now, input.user, action.chatId);
        break;
      case 'chat.block':
        await blockChatIn(tx, emit, now, input.user, action.chatId);
        break;
      case 'item.approve':
        await decideIn(ctx, tx, emit, now, input.user, action.itemId, {
          type: 'approve',
          ...(action.price === undefined ? {} : { price: action.price }),
          ...(action.delayMs === undefined ? {} : { sendAt: now + action.delayMs }),
        });
        break;
      case 'item.claimReject':
        await claimForRejectIn(ctx, tx, emit, now, input.user, action.itemId);
        break;
      case 'item.show':
        await showItemIn(ctx, tx, emit, input.user, action.itemId);
        break;
      case 'suggest.show':
        emit(
          splitText(action.text, ctx.policy.maxMessageLength).map((text) => ({
            type: 'notify',
            to: input.user,
            text: 'text.raw',
            params: { text },
          })),
        );
        break;
      case 'item.reject':
        await decideIn(ctx, tx, emit, now, input.user, action.itemId, {
          type: 'reject',
          reason: null,
        });
        break;
      case 'suggest.confirm':
        await confirmSuggestionIn(ctx, tx, emit, now, input.user, action.draft);
        break;
      case 'report.resolve':
        await decideIn(ctx, tx, emit, now, input.user, action.itemId, {
          type: 'resolve',
          outcome: action.outcome,
        });
        break;
      case 'chat.report':
        await reportChatIn(ctx, tx, emit, now, input.user, action.chatId, action.reason);
        break;
      case 'suggest.cancel':
        emit([{ type: 'notify', to: input.user, text: 'suggest.cancelled' }]);
        break;
      default:
        action satisfies never;
    }
    return { action: action.type };
  });
}
