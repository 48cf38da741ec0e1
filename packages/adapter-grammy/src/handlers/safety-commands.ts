import { type AdId, renderHistory } from '@anonboard/core';
import { type Context, InputFile } from 'grammy';
import { describeBoardStats, topAds } from '../board-stats.js';
import type { ResolvedOptions } from '../options.js';
import { MAX_MESSAGE_LENGTH } from '../telegram-message.js';
import type { CommandRegistry } from './commands.js';
import { forgetConfirmation } from './forget.js';
import { isAdmin } from './turn.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `/report <reason>` (the only chat, or core asks which), `/export` (the person's own history: a
 * message, or `history.txt` when it is longer than Telegram allows), `/forgetme` (asks to confirm
 * with the plugin's own buttons), and for admins `/stats [days]`.
 */
export function handleSafetyCommands<C extends Context>(
  { on, guarded }: CommandRegistry<C>,
  o: ResolvedOptions,
): void {
  const { commands: names, board } = o;

  // Core tells the reporter it was sent (or asks which chat) and queues the card for moderators.
  on(names.report, (ctx, args) =>
    guarded(ctx, async (turn) => {
      const reason = args.trim();
      if (reason === '') {
        await ctx.reply(turn.say('report.usage', { command: names.report ?? 'report' }));
        return;
      }
      await board.report({ user: turn.user.id, reason, key: turn.key });
    }),
  );

  on(names.export, (ctx) =>
    guarded(ctx, async (turn) => {
      const history = await board.exportHistory(turn.user.id);
      const days = Math.round(board.policy.historyRetentionMs / DAY_MS);
      const text = renderHistory(o.texts, history, turn.locale, days);
      if (text.length <= MAX_MESSAGE_LENGTH) {
        await ctx.reply(text);
        return;
      }
      await ctx.replyWithDocument(new InputFile(Buffer.from(text, 'utf8'), 'history.txt'), {
        caption: turn.say('history.document'),
      });
    }),
  );

  on(names.forgetme, (ctx) =>
    guarded(ctx, async (turn) => {
      const { text, reply_markup } = forgetConfirmation(o, turn, Date.now());
      await ctx.reply(text, { reply_markup });
    }),
  );

  on(names.stats, (ctx, args) =>
    guarded(ctx, async (turn) => {
      if (!isAdmin(ctx, o)) {
        await ctx.reply(turn.say('error.not_admin'));
        return;
      }
      const days = args.trim();
      if (days !== '' && !/^[1-9]\d{0,3}$/.test(days)) {
        await ctx.reply(turn.say('stats.usage', { command: names.stats ?? 'stats' }));
        return;
      }
      const stats = await board.stats(days === '' ? undefined : Date.now() - Number(days) * DAY_MS);
      const titles = new Map<AdId, string>();
      for (const { adId } of topAds(stats)) {
        const ad = await board.getAd(adId);
        if (ad !== undefined) titles.set(adId, ad.title);
      }
      const period =
        days === '' ? turn.say('stats.period.all') : turn.say('stats.period.days', { days });
      await ctx.reply(describeBoardStats(turn.say, stats, titles, period));
    }),
  );
}
