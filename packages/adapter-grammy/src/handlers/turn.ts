import {
  type Board,
  isAnonboardError,
  type Locale,
  localeFrom,
  type TextKey,
  type TextParams,
  type User,
} from '@anonboard/core';
import type { Context } from 'grammy';
import type { ResolvedOptions } from '../options.js';

/** One update from one person, as the handlers see it. */
export interface Turn {
  /** The board's person behind `ctx.from` (identity comes only from the platform). */
  readonly user: User;
  readonly locale: Locale;
  /** Idempotency key of the update: `tg:<bot id>:<update_id>`. */
  readonly key: string;
  /** Renders a text in the person's locale. */
  say(key: TextKey, params?: TextParams): string;
}

/** The idempotency key of the current update. */
export function updateKey(ctx: Context): string {
  return `tg:${ctx.me.id}:${ctx.update.update_id}`;
}

/** The locale of the person who sent the update. */
export function localeOf(ctx: Context, board: Board): Locale {
  return localeFrom(ctx.from?.language_code, board.texts.defaultLocale);
}

/** Identifies the sender of `ctx` on the board. Only for updates that have `from`. */
export async function beginTurn(ctx: Context, o: ResolvedOptions): Promise<Turn> {
  const from = ctx.from;
  if (from === undefined) throw new TypeError('[anonboard] [grammy] an update without a sender');
  const locale = localeOf(ctx, o.board);
  const user = await o.board.identify({ platformId: String(from.id), locale });
  return {
    user,
    locale,
    key: updateKey(ctx),
    say: (key, params) => o.texts.render(key, params, locale),
  };
}

/** Whether a person has anything going on with the board: an opened ad or an active chat. */
export async function isEngaged(board: Board, user: User): Promise<boolean> {
  if (user.draftAdId !== null) return true;
  return (await board.listChats(user.id)).length > 0;
}

/**
 * Runs `fn`; a replayed update is ignored silently (`onReplay` may tidy up), a refusal of the
 * board is explained to the person through `answer`, anything else is rethrown to grammY's error
 * handling (`bot.catch`), so no internals reach people.
 */
export async function explainRefusals(
  board: Board,
  locale: Locale,
  answer: (text: string) => Promise<unknown>,
  fn: () => Promise<void>,
  onReplay?: () => Promise<unknown>,
): Promise<void> {
  try {
    await fn();
  } catch (error) {
    if (isAnonboardError(error, 'duplicate_update')) {
      await onReplay?.();
      return;
    }
    if (!isAnonboardError(error)) throw error;
    await answer(board.explain(error, locale));
  }
}
