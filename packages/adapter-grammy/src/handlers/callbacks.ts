import type { Composer, Context } from 'grammy';
import { GrammyError } from 'grammy';
import { decodeCallbackData } from '../callback-data.js';
import type { ResolvedOptions } from '../options.js';
import { beginTurn, explainRefusals, localeOf } from './turn.js';

/**
 * Presses of the plugin's buttons (`callback_data` with its prefix): accept / decline an invite,
 * pick a chat. A press by anyone but the button's owner is answered and changes nothing. After a
 * press the buttons are removed, since their whole group was used.
 */
export function handleCallbacks<C extends Context>(
  composer: Composer<C>,
  o: ResolvedOptions,
): void {
  const { board } = o;
  composer.on('callback_query:data', async (ctx, next) => {
    const token = decodeCallbackData(o.callbackPrefix, ctx.callbackQuery.data);
    if (token === undefined || (ctx.chat !== undefined && ctx.chat.type !== 'private')) {
      return next();
    }
    const answer = (text: string) => ctx.answerCallbackQuery({ text });
    // A replay after a crash may find the press done but never answered: stop the spinner.
    const answerReplay = () => ctx.answerCallbackQuery().catch(() => undefined);
    await explainRefusals(
      board,
      localeOf(ctx, board),
      answer,
      async () => {
        const turn = await beginTurn(ctx, o);
        const outcome = await board.press({ user: turn.user.id, token, key: turn.key });
        if (outcome.action === 'relay.choose') await answer(turn.say('relay.chosen'));
        else await ctx.answerCallbackQuery();
        await removeButtons(ctx);
      },
      answerReplay,
    );
  });
}

// --- Internal helpers ---

async function removeButtons(ctx: Context): Promise<void> {
  if (ctx.callbackQuery?.message === undefined) return;
  try {
    await ctx.editMessageReplyMarkup();
  } catch (error) {
    // The press is done; a message too old to edit keeps its (now spent) buttons.
    if (!(error instanceof GrammyError)) throw error;
  }
}
