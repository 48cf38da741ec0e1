import type { UserId } from '@anonboard/core';
import type { Composer, Context } from 'grammy';
import { actionTokenOf, answerReplay, removeButtons } from '../../handlers/callbacks.js';
import { beginTurn, explainRefusals, localeOf } from '../../handlers/turn.js';
import type { ResolvedFeedOptions } from '../options.js';
import { lateOrMisplaced } from '../turn.js';

/**
 * Presses of the feed's buttons: an admin's [✅ Approve] / [❌ Reject] on a card, [No reason]
 * under the question for a reason, a person's [Confirm] / [Cancel] under their preview, and
 * [📄 Whole text] under a card or preview too long to show whole. Core
 * revises every admin's card after a decision; a press that comes too late (another admin
 * decided, or a double press) is answered "already handled" and changes nothing.
 */
export function handleFeedCallbacks<C extends Context>(
  composer: Composer<C>,
  o: ResolvedFeedOptions,
): void {
  const { feed } = o;
  composer.on('callback_query:data', async (ctx, next) => {
    const token = actionTokenOf(ctx, o.callbackPrefix);
    if (token === undefined) return next();
    const locale = localeOf(ctx, o);
    const answer = (text: string) => ctx.answerCallbackQuery({ text });
    let presser: UserId | undefined;
    // A refused press leaves its buttons in place: a card is revised by core anyway.
    await explainRefusals(
      feed,
      locale,
      answer,
      async () => {
        const turn = await beginTurn(ctx, o);
        presser = turn.user.id;
        const { action } = await feed.press({ user: turn.user.id, token, key: turn.key });
        if (action === 'item.approve') await answer(turn.say('feed.decision.approved'));
        else if (action === 'item.reject')
          await answer(turn.say('feed.decision.rejected', { reason: '' }));
        else await ctx.answerCallbackQuery();
        // [📄 Whole text] sends the text and leaves the card's or preview's buttons in place. An
        // approval's card is core's to revise (reopened, with fresh buttons, if the platform
        // refuses a native approval): removing its buttons here could strip the revised ones.
        if (action !== 'item.show' && action !== 'suggest.show' && action !== 'item.approve')
          await removeButtons(ctx);
      },
      {
        onReplay: () => answerReplay(ctx),
        explain: (error) => lateOrMisplaced(o, error, locale, presser),
      },
    );
  });
}
