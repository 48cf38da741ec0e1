import type { InlineKeyboardMarkup } from 'grammy/types';
import { encodeLocalCallbackData } from '../callback-data.js';
import type { ResolvedOptions } from '../options.js';
import type { Turn } from './turn.js';

/** How long the [Да, удалить] button of `/forgetme` works after it was sent. */
export const FORGET_CONFIRM_MS = 10 * 60 * 1000;

/**
 * The question `/forgetme` asks, with [Да, удалить] [Отмена]. The buttons are the plugin's own
 * (no core token): the confirmation carries when it was asked, so an old one cannot delete by
 * accident, and acts on whoever presses it, in their own chat.
 */
export function forgetConfirmation(
  o: ResolvedOptions,
  turn: Turn,
  now: number,
): { readonly text: string; readonly reply_markup: InlineKeyboardMarkup } {
  const asked = Math.floor(now / 1000).toString(36);
  const button = (label: 'button.forget' | 'button.cancel', action: string) => ({
    text: turn.say(label),
    callback_data: encodeLocalCallbackData(o.callbackPrefix, action),
  });
  return {
    text: turn.say('forget.confirm'),
    reply_markup: {
      inline_keyboard: [
        [button('button.forget', `forget.${asked}`), button('button.cancel', 'keep')],
      ],
    },
  };
}

/**
 * What a press of the plugin's own button means: confirm forgetting, keep everything, a
 * confirmation too old to act on, or a button that is not `/forgetme`'s.
 */
export function readForgetButton(
  action: string,
  now: number,
): 'confirm' | 'keep' | 'expired' | undefined {
  if (action === 'keep') return 'keep';
  const asked = /^forget\.([0-9a-z]{1,10})$/.exec(action)?.[1];
  if (asked === undefined) return undefined;
  return now - Number.parseInt(asked, 36) * 1000 > FORGET_CONFIRM_MS ? 'expired' : 'confirm';
}
