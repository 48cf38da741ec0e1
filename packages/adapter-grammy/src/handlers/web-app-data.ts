import type { Context } from 'grammy';
import type { WebAppData } from 'grammy/types';
import type { ResolvedOptions } from '../options.js';
import { looksLikeBoardPayload, parseWebAppPayload } from '../web-app-payload.js';
import { beginTurn, explainRefusals, localeOf } from './turn.js';

/**
 * `web_app_data` from the Mini App: `{ ad_id, message }` becomes the invite. Malformed or
 * oversized data gets a clear answer and changes nothing; the author is always the ad's. An
 * embedded plugin answers only data that looks like the board's (a JSON object with `ad_id`):
 * anything else is the host's Mini App's and goes to `next`.
 */
export async function handleWebAppData(
  ctx: Context,
  o: ResolvedOptions,
  data: WebAppData,
  next: () => Promise<void>,
): Promise<void> {
  const { board } = o;
  if (!o.standalone && !looksLikeBoardPayload(data.data)) return next();
  await explainRefusals(
    board,
    localeOf(ctx, o),
    (text) => ctx.reply(text),
    async () => {
      const parsed = parseWebAppPayload(data.data, o.maxWebAppDataBytes);
      const say = (key: 'webapp.invalid' | 'webapp.tooLarge') =>
        o.texts.render(key, { max: o.maxWebAppDataBytes }, localeOf(ctx, o));
      if (!parsed.ok) {
        await ctx.reply(say(parsed.reason === 'too_large' ? 'webapp.tooLarge' : 'webapp.invalid'));
        return;
      }
      const turn = await beginTurn(ctx, o);
      await board.sendInvite({
        sender: turn.user.id,
        adId: parsed.payload.adId,
        content: { kind: 'text', text: parsed.payload.message },
        key: turn.key,
      });
    },
  );
}
