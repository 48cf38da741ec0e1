import { MiniAppError } from './errors.js';

/**
 * Parameters of the Bot API's `setChatMenuButton` that make the bot's menu button open the
 * Mini App (for every chat, or pass `chat_id` along for one).
 *
 * ```ts
 * const params: MenuButtonParams = menuButtonFor('https://board.example.com/');
 * ```
 */
export interface MenuButtonParams {
  readonly menu_button: {
    readonly type: 'web_app';
    readonly text: string;
    readonly web_app: { readonly url: string };
  };
}

/**
 * The `setChatMenuButton` parameters for a Mini App at `url`. Telegram only opens `https:`
 * pages; `http:` is accepted for 127.0.0.1 / localhost (the emulator sandbox) only.
 *
 * ```ts
 * if (process.env.WEBAPP_URL) await bot.api.setChatMenuButton(menuButtonFor(process.env.WEBAPP_URL));
 * ```
 */
export function menuButtonFor(url: string, text = 'Объявления'): MenuButtonParams {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new MiniAppError(`WEBAPP_URL is not a URL: ${url}`, { cause: error });
  }
  const local = parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost';
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && local)) {
    throw new MiniAppError(`Telegram opens Mini Apps over https only: ${url}`);
  }
  if (text.trim() === '' || text.length > 64) {
    throw new MiniAppError('the menu button text must be 1-64 characters');
  }
  return { menu_button: { type: 'web_app', text, web_app: { url: parsed.href } } };
}
