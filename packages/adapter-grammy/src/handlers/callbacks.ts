import type { Composer, Context } from 'grammy';
import { GrammyError } from 'grammy';
import { decodeCallbackData, decodeLocalCallbackData } from '../callback-data.js';
import type { ResolvedOptions } from '../options.js';
import { readForgetButton } from './forget.js';
import { beginTurn, explainRefusals, localeOf } from './turn.js';

/**
 * Presses of the plugin's buttons (`callback_data` with its prefix): accept / decline an invite,
 * pick a chat, an admin's decision on a report card (core's action tokens), and the plugin's own
 * confirmation of `/forgetme`. A press by anyone but the button's owner is answered and changes
 * nothing. After a press the buttons are removed, since their whole group was used.
 */
export function handleCallbacks<C extends Context>(
  composer: Composer<C>,
  o: ResolvedOptions,
): void {
  const { board } = o;
  composer.on('callback_query:data', async (ctx, next) => {
    if (ctx.chat !== undefined && ctx.chat.type !== 'private') return next();
    const local = decodeLocalCallbackData(o.callbackPrefix, ctx.callbackQuery.data);
    if (local !== undefined) return pressOwnButton(ctx, o, local);
    const token = actionTokenOf(ctx, o.callbackPrefix);
    if (token === undefined) return next();
    const answer = (text: string) => ctx.answerCallbackQuery({ text });
    await explainRefusals(
      board,
      localeOf(ctx, o),
      answer,
      async () => {
        const turn = await beginTurn(ctx, o);
        const outcome = await board.press({ user: turn.user.id, token, key: turn.key });
        if (outcome.action === 'relay.choose') await answer(turn.say('relay.chosen'));
        else await ctx.answerCallbackQuery();
        await removeButtons(ctx);
      },
      { onReplay: () => answerReplay(ctx) },
    );
  });
}

/**
 * The plugin's own buttons: `/forgetme`'s [Да, удалить] forgets the presser (core anonymises
 * their platform id, so the bot answers here rather than through the outbox); [Отмена] and a
 * confirmation older than ten minutes change nothing.
 */
async function pressOwnButton(ctx: Context, o: ResolvedOptions, action: string): Promise<void> {
  const meaning = readForgetButton(action, Date.now());
  const locale = localeOf(ctx, o);
  // The prefix and its mark are the plugin's own: a press it cannot read (forged, or from an
  // older version) is answered as a stale button and changes nothing, never left spinning.
  if (meaning === undefined) {
    await ctx.answerCallbackQuery({
      text: o.texts.render('error.invalid_state', undefined, locale),
    });
    return;
  }
  if (meaning !== 'confirm') {
    const text = o.texts.render(
      meaning === 'keep' ? 'forget.cancelled' : 'error.invalid_state',
      undefined,
      locale,
    );
    await ctx.answerCallbackQuery({ text });
    await removeButtons(ctx);
    return;
  }
  await explainRefusals(
    o.board,
    locale,
    (text) => ctx.answerCallbackQuery({ text }),
    async () => {
      const turn = await beginTurn(ctx, o);
      await o.board.forget({ user: turn.user.id, key: turn.key });
      await ctx.answerCallbackQuery();
      await removeButtons(ctx);
      await ctx.reply(turn.say('forget.done'));
    },
    { onReplay: () => answerReplay(ctx) },
  );
}

/**
 * Core's action token of a button pressed in a private chat, or undefined when the press is not
 * for core (another prefix, a group, one of the plugin's own buttons).
 */
export function actionTokenOf(ctx: Context, prefix: string): string | undefined {
  const data = ctx.callbackQuery?.data;
  if (data === undefined || (ctx.chat !== undefined && ctx.chat.type !== 'private')) return;
  return decodeCallbackData(prefix, data);
}

/** Removes the buttons of the pressed message: the press is done, its group is spent. */
export async function removeButtons(ctx: Context): Promise<void> {
  if (ctx.callbackQuery?.message === undefined) return;
  try {
    await ctx.editMessageReplyMarkup();
  } catch (error) {
    // A message too old to edit keeps its (spent) buttons; core may have revised a card already.
    if (!(error instanceof GrammyError)) throw error;
  }
}

/** A replay after a crash may find the press done but never answered: stop the spinner. */
export function answerReplay(ctx: Context): Promise<unknown> {
  return ctx.answerCallbackQuery().catch(() => undefined);
}
