import type { ChatId, UserId } from '../ids.js';
import type { DeliveryRules } from '../outbox/delivery-rules.js';
import type { Repositories } from '../ports/storage.js';
import type { BoardContext } from '../shell/context.js';
import { loseUser } from './chat-service.js';

/**
 * What deliveries mean to chats: nothing flows between a blocked pair, nor from a banned
 * person, not even what was queued before the block or the ban; a copy delivered is linked to
 * its original (replies and edits follow it); a person the platform refuses for good loses
 * their chats.
 *
 * ```ts
 * new Dispatcher(ctx, transport, [chatDeliveryRules(ctx), moderationDeliveryRules(ctx)]);
 * ```
 */
export function chatDeliveryRules(ctx: BoardContext): DeliveryRules {
  return {
    void: {
      copy: async (tx, effect, { from }) =>
        from?.banned === true ||
        (effect.chatId !== undefined && (await tx.chats.get(effect.chatId))?.status === 'blocked'),
    },
    after: {
      copy: async (tx, effect, sent) => {
        if (effect.chatId !== undefined) {
          await linkCopies(
            tx,
            effect.chatId,
            effect.from,
            effect.messageIds,
            effect.to,
            sent.messageIds,
          );
        }
        return [];
      },
    },
    unreachable: (user) => loseUser(ctx, user),
  };
}

// --- Internal helpers ---

/** Links each original of a relay to its copy, in order, for replies and edits. */
async function linkCopies(
  tx: Repositories,
  chatId: ChatId,
  from: UserId,
  originals: readonly number[],
  to: UserId,
  copies: readonly number[],
): Promise<void> {
  const n = Math.min(originals.length, copies.length);
  for (let i = 0; i < n; i++) {
    await tx.messages.link(
      chatId,
      { userId: from, messageId: originals[i] as number },
      { userId: to, messageId: copies[i] as number },
    );
  }
}
