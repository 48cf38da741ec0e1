import type { DeliveryRules } from '../outbox/delivery-rules.js';
import type { BoardContext } from '../shell/context.js';
import { cardDelivered, markPublished } from './moderation-service.js';
import { nativeDecisionRefused } from './native-decisions.js';

/**
 * What deliveries mean to moderation: a card delivered records where it is (a decision revises
 * every admin's copy of it); an item's post published, or its suggested post approved natively,
 * marks it published; a native decision the platform will not take lets its item wait again.
 *
 * ```ts
 * new Dispatcher(ctx, transport, [chatDeliveryRules(ctx), moderationDeliveryRules(ctx)]);
 * ```
 */
export function moderationDeliveryRules(ctx: BoardContext): DeliveryRules {
  return {
    after: {
      notify: async (tx, effect, sent) => {
        const messageId = sent.messageIds[0];
        if (effect.card === undefined || messageId === undefined) return [];
        return cardDelivered(tx, effect.card, effect.to, messageId);
      },
      publish: async (tx, effect, _sent, now) =>
        effect.itemId === undefined ? [] : markPublished(ctx, tx, effect.itemId, now),
      approveSuggestion: (tx, effect, _sent, now) => markPublished(ctx, tx, effect.itemId, now),
    },
    givenUp: {
      approveSuggestion: (tx, effect, why, now) => nativeDecisionRefused(ctx, tx, effect, why, now),
      declineSuggestion: (tx, effect, why, now) => nativeDecisionRefused(ctx, tx, effect, why, now),
    },
  };
}
