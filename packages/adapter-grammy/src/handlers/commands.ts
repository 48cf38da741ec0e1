import type { Ad } from '@anonboard/core';
import type { Composer, Context } from 'grammy';
import { adDeepLink, adIdFromStartPayload } from '../deep-link.js';
import { boardCommandLines, startMenuMarkup } from '../menu.js';
import type { ResolvedOptions } from '../options.js';
import { handleSafetyCommands } from './safety-commands.js';
import { beginTurn, explainRefusals, isAdmin, localeOf, type Turn } from './turn.js';

/**
 * How a command's handler is registered: under its name (when it is on), and run for the
 * identified sender with the board's refusals explained.
 */
export interface CommandRegistry<C extends Context> {
  on(
    name: string | undefined,
    handler: (ctx: C, match: string, next: () => Promise<void>) => Promise<void>,
  ): void;
  guarded(ctx: C, fn: (turn: Turn) => Promise<void>): Promise<void>;
}

/**
 * `/start <deep link>`, and (as renamed) `/start`, `/newad`, `/myads`, `/mychats`, `/endchat`, `/block`, `/help`, and `/report`,
 * `/export`, `/forgetme`, `/stats` (as renamed).
 */
export function handleCommands<C extends Context>(composer: Composer<C>, o: ResolvedOptions): void {
  const { commands: names, board } = o;
  const registry: CommandRegistry<C> = {
    on(name, handler) {
      if (name !== undefined) composer.command(name, (ctx, next) => handler(ctx, ctx.match, next));
    },
    guarded: (ctx, fn) =>
      explainRefusals(
        board,
        localeOf(ctx, o),
        (text) => ctx.reply(text),
        async () => fn(await beginTurn(ctx, o)),
      ),
  };
  const { on, guarded } = registry;
  const menu = (ctx: C, turn: Turn) => boardCommandLines(o, turn.locale, isAdmin(ctx, o));

  // Telegram's deep links always arrive as `/start <payload>`, whatever the menu is called.
  if (o.deepLinks) {
    composer.command('start', (ctx, next) => {
      const adId = adIdFromStartPayload(ctx.match, o.deepLinkPrefix);
      if (adId === undefined) return next();
      // The board tells the person what to do next ("write one message…") through its outbox.
      return guarded(ctx, async (turn) => {
        await board.openAd({ user: turn.user.id, adId, key: turn.key });
      });
    });
  }

  on(names.start, (ctx) =>
    guarded(ctx, async (turn) => {
      const markup = startMenuMarkup(o.webApp, turn.say('menu.openBoard'));
      await ctx.reply(
        turn.say('menu.start', { commands: menu(ctx, turn) }),
        markup === undefined ? {} : { reply_markup: markup },
      );
    }),
  );

  on(names.newad, (ctx, body) =>
    guarded(ctx, async (turn) => {
      const [title = '', ...rest] = body.trim().split('\n');
      if (title.trim() === '') {
        await ctx.reply(turn.say('newad.usage', { command: names.newad ?? 'newad' }));
        return;
      }
      const ad = await board.publishAd({
        author: turn.user.id,
        title,
        text: rest.join('\n'),
        key: turn.key,
      });
      await ctx.reply(
        turn.say('ad.publishedWithLink', { ad: ad.title, link: linkOf(ctx, o, ad) }),
        {
          link_preview_options: { is_disabled: true },
        },
      );
    }),
  );

  on(names.myads, (ctx) =>
    guarded(ctx, async (turn) => {
      const ads = await board.listAds({ authorId: turn.user.id, limit: 20 });
      if (ads.length === 0) {
        await ctx.reply(turn.say('ads.listEmpty', { command: names.newad ?? 'newad' }));
        return;
      }
      const lines = ads.map((ad) =>
        turn.say('ads.item', { ad: ad.title, link: linkOf(ctx, o, ad) }),
      );
      await ctx.reply(turn.say('ads.list', { ads: lines.join('\n\n') }), {
        link_preview_options: { is_disabled: true },
      });
    }),
  );

  on(names.mychats, (ctx) =>
    guarded(ctx, async (turn) => {
      const chats = await board.listChats(turn.user.id);
      if (chats.length === 0) {
        await ctx.reply(turn.say('chat.listEmpty'));
        return;
      }
      const lines = chats.map((c) =>
        turn.say(c.role === 'author' ? 'chat.itemAuthor' : 'chat.itemReader', { chat: c.label }),
      );
      await ctx.reply(turn.say('chat.list', { chats: lines.join('\n') }));
    }),
  );

  // Both sides are told by the board; with several chats it asks which one.
  on(names.endchat, (ctx) =>
    guarded(ctx, async (turn) => {
      await board.endChat({ user: turn.user.id, key: turn.key });
    }),
  );
  on(names.block, (ctx) =>
    guarded(ctx, async (turn) => {
      await board.blockChat({ user: turn.user.id, key: turn.key });
    }),
  );

  on(names.help, (ctx) =>
    guarded(ctx, async (turn) => {
      await ctx.reply(turn.say('menu.help', { commands: menu(ctx, turn) }));
    }),
  );

  handleSafetyCommands(registry, o);
}

// --- Internal helpers ---

function linkOf(ctx: Context, o: ResolvedOptions, ad: Ad): string {
  return adDeepLink({ botUsername: ctx.me.username, adId: ad.id, prefix: o.deepLinkPrefix });
}
