import type { AnonboardError, Locale, UserId } from '@anonboard/core';
import type { Composer, Context } from 'grammy';
import { GrammyError } from 'grammy';
import { decodeCallbackData } from '../../callback-data.js';
import type { ResolvedFeedOptions } from '../options.js';
import { beginFeedTurn, explainFeedRefusals, feedLocaleOf } from '../turn.js';

/**
 * Presses of the feed's buttons: an admin's [✅ Approve] / [❌ Reject] on a card, [No reason]
 * under the question for a reason, a person's [Confirm] / [Cancel] under their preview. Core
 * revises every admin's card after a decision; a press that comes too late (another admin
 * decided, or a double press) is answered "already handled" and changes nothing.
 */
export function handleFeedCallbacks<C extends Context>(
  composer: Composer<C>,
  o: ResolvedFeedOptions,
): void {
  const { feed } = o;
  composer.on('callback_query:data', async (ctx, next) => {
    const token = decodeCallbackData(o.callbackPrefix, ctx.callbackQuery.data);
    if (token === undefined || (ctx.chat !== undefined && ctx.chat.type !== 'private')) {
      return next();
    }
    const locale = feedLocaleOf(ctx, o);
    const answer = (text: string) => ctx.answerCallbackQuery({ text });
    let presser: UserId | undefined;
    // A refused press leaves its buttons in place: a card is revised by core anyway.
    await explainFeedRefusals(
      o,
      locale,
      answer,
      async () => {
        const turn = await beginFeedTurn(ctx, o);
        presser = turn.user.id;
        const { action } = await feed.press({ user: turn.user.id, token, key: turn.key });
        if (action === 'item.approve') await answer(turn.say('feed.decision.approved'));
        else if (action === 'item.reject')
          await answer(turn.say('feed.decision.rejected', { reason: '' }));
        else await ctx.answerCallbackQuery();
        await removeButtons(ctx);
      },
      {
        // A replay after a crash may find the press done but never answered: stop the spinner.
        onReplay: () => ctx.answerCallbackQuery().catch(() => undefined),
        explain: (error) => lateOrMisplaced(o, error, locale, presser),
      },
    );
  });
}

// --- Internal helpers ---

/**
 * `invalid_state` on a press means the decision was already taken (by another admin, or by a
 * double press), unless an admin approves while no channel is configured to publish to.
 */
async function lateOrMisplaced(
  o: ResolvedFeedOptions,
  error: AnonboardError,
  locale: Locale,
  presser: UserId | undefined,
): Promise<string | undefined> {
  if (error.code !== 'invalid_state') return undefined;
  const { channel, admins } = await o.feed.settings();
  const unpublishable = channel === null && presser !== undefined && admins.includes(presser);
  return o.texts.render(unpublishable ? 'feed.noChannel' : 'feed.alreadyHandled', {}, locale);
}

async function removeButtons(ctx: Context): Promise<void> {
  if (ctx.callbackQuery?.message === undefined) return;
  try {
    await ctx.editMessageReplyMarkup();
  } catch (error) {
    // The press is done; core may have revised the card already (nothing left to remove).
    if (!(error instanceof GrammyError)) throw error;
  }
}
