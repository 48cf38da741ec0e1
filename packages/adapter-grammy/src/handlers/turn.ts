import {
  type AnonboardError,
  type Board,
  isAnonboardError,
  type Locale,
  localeFrom,
  type TextKey,
  type TextParams,
  type Texts,
  type User,
} from '@anonboard/core';
import type { Context } from 'grammy';

/** One update from one person, as the handlers (of both plugins) see it. */
export interface Turn {
  /** The person behind `ctx.from` (identity comes only from the platform). */
  readonly user: User;
  readonly locale: Locale;
  /** Idempotency key of the update: `tg:<bot id>:<update_id>`. */
  readonly key: string;
  /** Renders a text in the person's locale. */
  say(key: TextKey, params?: TextParams): string;
}

/** Renders a text in one person's locale (a turn's `say`). */
export type Say = Turn['say'];

/** Who identifies the sender (the board or the feed) and in which words they are answered. */
export interface TurnSource {
  readonly identify: Board['identify'];
  readonly texts: Texts;
}

/** The idempotency key of the current update. */
export function updateKey(ctx: Context): string {
  return `tg:${ctx.me.id}:${ctx.update.update_id}`;
}

/** The locale of the person who sent the update. */
export function localeOf(ctx: Context, o: { readonly texts: Texts }): Locale {
  return localeFrom(ctx.from?.language_code, o.texts.defaultLocale);
}

/** The sender of `ctx` as the platform knows them. Only for updates that have `from`. */
export function identityOf(
  ctx: Context,
  o: { readonly texts: Texts },
): { platformId: string; locale: Locale } {
  const from = ctx.from;
  if (from === undefined) throw new TypeError('[anonboard] [grammy] an update without a sender');
  return { platformId: String(from.id), locale: localeOf(ctx, o) };
}

/** Identifies the sender of `ctx` (storing them on first sight). Only for updates with `from`. */
export async function beginTurn(ctx: Context, o: TurnSource): Promise<Turn> {
  return turnOf(ctx, o, await o.identify(identityOf(ctx, o)));
}

/** The turn of a sender already known (e.g. found by a look-only query). */
export function turnOf(ctx: Context, o: { readonly texts: Texts }, user: User): Turn {
  const locale = localeOf(ctx, o);
  return {
    user,
    locale,
    key: updateKey(ctx),
    say: (key, params) => o.texts.render(key, params, locale),
  };
}

/** Whether the sender is one of the plugin's admins (Telegram ids in `adminIds`). */
export function isAdmin(ctx: Context, o: { readonly adminIds: readonly number[] }): boolean {
  return ctx.from !== undefined && o.adminIds.includes(ctx.from.id);
}

/** What {@link explainRefusals} may do besides explaining. */
export interface RefusalHandling {
  /** Tidies up after a replayed update (e.g. stops a button's spinner). */
  readonly onReplay?: () => Promise<unknown>;
  /** Own words for a refusal; undefined leaves it to `explain`. */
  readonly explain?: (error: AnonboardError) => Promise<string | undefined>;
}

/**
 * Runs `fn`; a replayed update is ignored silently, a refusal (`AnonboardError`) is explained to
 * the person through `answer` (in `handling.explain`'s words, else the board's or feed's), anything
 * else is rethrown to grammY's error handling (`bot.catch`), so no internals reach people.
 */
export async function explainRefusals(
  explainer: Pick<Board, 'explain'>,
  locale: Locale,
  answer: (text: string) => Promise<unknown>,
  fn: () => Promise<void>,
  handling: RefusalHandling = {},
): Promise<void> {
  try {
    await fn();
  } catch (error) {
    if (isAnonboardError(error, 'duplicate_update')) {
      await handling.onReplay?.();
      return;
    }
    if (!isAnonboardError(error)) throw error;
    const own = await handling.explain?.(error);
    await answer(own ?? explainer.explain(error, locale));
  }
}
