import { overviewDiagram, type TextKey, type TextParams } from '@anonboard/core';
import type { Composer, Context } from 'grammy';
import { beginTurn, explainRefusals, localeOf, type Turn } from '../../handlers/turn.js';
import { commandLines } from '../../menu.js';
import { MAX_MESSAGE_LENGTH } from '../../telegram-message.js';
import {
  describeKeywords,
  describeQueue,
  describeSources,
  describeStats,
  describeSubscription,
  formatThreshold,
  parseThreshold,
  readKeywordInput,
} from '../format.js';
import { feedAdminCommands, feedCommands, type ResolvedFeedOptions } from '../options.js';
import { type BotApiSource, lookUpChat, parseSourceArgument, refusalKey } from '../source-input.js';
import type { SuggestPrompts } from '../suggest-prompts.js';

/** Items listed by `/queue`; the rest are counted. */
const QUEUE_SHOWN = 10;

/**
 * `/start`, `/help`, `/suggest`, `/subscribe`, `/keywords`, `/threshold`, `/sources`,
 * `/addsource` for everyone; `/queue` and `/stats` for admins (as renamed).
 */
export function handleFeedCommands<C extends Context>(
  composer: Composer<C>,
  o: ResolvedFeedOptions,
  prompts: SuggestPrompts,
): void {
  const { commands: names, feed } = o;
  /** Runs a command's handler for the identified sender, explaining the feed's refusals. */
  const guarded = (
    ctx: C,
    handler: (ctx: C, turn: Turn, args: string) => Promise<unknown>,
  ): Promise<void> =>
    explainRefusals(
      o.feed,
      localeOf(ctx, o),
      (text) => ctx.reply(text),
      async () => {
        // Another command means the person no longer means to answer /suggest's question.
        if (ctx.from !== undefined) prompts.clear(ctx.from.id);
        const args = typeof ctx.match === 'string' ? ctx.match.trim() : '';
        await handler(ctx, await beginTurn(ctx, o), args);
      },
    );
  const on = (
    name: string | undefined,
    handler: (ctx: C, turn: Turn, args: string) => Promise<unknown>,
  ): void => {
    if (name !== undefined) composer.command(name, (ctx) => guarded(ctx, handler));
  };
  const adminOnly =
    (handler: (ctx: C, turn: Turn, args: string) => Promise<unknown>) =>
    async (ctx: C, turn: Turn, args: string) => {
      if (!(await feed.isAdmin(turn.user.id))) return ctx.reply(turn.say('error.not_admin'));
      return handler(ctx, turn, args);
    };
  const lines = (turn: Turn, forAdmins: boolean) =>
    commandLines(o.texts, turn.locale, {
      list: feedCommands,
      names,
      describe: (command) => `feed.command.${command}`,
      shows: (command) => command !== 'start' && feedAdminCommands.includes(command) === forAdmins,
    });
  const menu = async (ctx: C, turn: Turn, key: TextKey) => {
    let commands = lines(turn, false);
    const admin = lines(turn, true);
    if (admin !== '' && (await feed.isAdmin(turn.user.id)))
      commands += `\n\n${turn.say('feed.menu.admin', { commands: admin })}`;
    return ctx.reply(turn.say(key, { commands }));
  };

  if (names.start !== undefined) {
    composer.command(names.start, (ctx, next) =>
      // `/start <payload>` is a deep link of someone else's (the ad board's, the host's).
      ctx.match.trim() === ''
        ? guarded(ctx, (c, turn) => menu(c, turn, 'feed.menu.start'))
        : next(),
    );
  }
  on(names.help, (ctx, turn) => menu(ctx, turn, 'feed.menu.help'));

  on(names.suggest, async (ctx, turn, text) => {
    if (text !== '') return feed.suggest({ user: turn.user.id, text, key: turn.key });
    if (ctx.from !== undefined) prompts.arm(ctx.from.id);
    return ctx.reply(turn.say('suggest.ask'), {
      reply_markup: { force_reply: true, input_field_placeholder: turn.say('suggest.placeholder') },
    });
  });

  /** Refuses keywords that cannot be read: what was wrong, and how to write them. */
  const refuseKeywords = (ctx: C, turn: Turn, problem: string) =>
    ctx.reply(
      turn.say('feed.keywords.invalid', {
        problem,
        usage: turn.say('feed.keywords.usage', { command: names.keywords ?? 'keywords' }),
      }),
    );

  on(names.subscribe, async (ctx, turn, args) => {
    const read = readKeywordInput(turn.say, args);
    if (args !== '' && 'refusal' in read) return refuseKeywords(ctx, turn, read.refusal);
    const keywords = 'keywords' in read ? read.keywords : [];
    await feed.subscribe({
      user: turn.user.id,
      ...(keywords.length === 0 ? {} : { keywords }),
      key: turn.key,
    });
    const subscription = await describeMine(turn);
    return ctx.reply(turn.say('feed.subscribed', { subscription }));
  });

  on(names.keywords, async (ctx, turn, args) => {
    const command = names.keywords ?? 'keywords';
    if (args === '') {
      const current = (await feed.subscription(turn.user.id))?.keywords ?? [];
      const shown =
        current.length === 0
          ? turn.say('feed.keywords.none')
          : turn.say('feed.keywords.current', {
              understood: describeKeywords(turn.say, current),
            });
      return ctx.reply(`${shown}\n\n${turn.say('feed.keywords.usage', { command })}`);
    }
    if (args === '-') {
      await feed.subscribe({ user: turn.user.id, keywords: [], key: turn.key });
      return ctx.reply(turn.say('feed.keywords.cleared'));
    }
    const read = readKeywordInput(turn.say, args);
    if ('refusal' in read) return refuseKeywords(ctx, turn, read.refusal);
    const saved = await feed.subscribe({
      user: turn.user.id,
      keywords: read.keywords,
      key: turn.key,
    });
    return ctx.reply(
      turn.say('feed.keywords.saved', { understood: describeKeywords(turn.say, saved.keywords) }),
    );
  });

  on(names.threshold, async (ctx, turn, args) => {
    const command = names.threshold ?? 'threshold';
    if (args === '') {
      const own = (await feed.subscription(turn.user.id))?.threshold ?? null;
      const threshold = formatThreshold(own ?? (await feed.settings()).defaultThreshold);
      return ctx.reply(turn.say('feed.threshold.usage', { threshold, command }));
    }
    const threshold = parseThreshold(args);
    if (threshold === undefined) return ctx.reply(turn.say('feed.threshold.invalid', { command }));
    await feed.subscribe({ user: turn.user.id, threshold, key: turn.key });
    return ctx.reply(turn.say('feed.threshold.saved', { threshold: formatThreshold(threshold) }));
  });

  on(names.sources, async (ctx, turn) => {
    const sources = await feed.listSources();
    if (sources.length === 0) {
      return ctx.reply(turn.say('feed.sources.empty', { command: names.addsource ?? 'addsource' }));
    }
    return ctx.reply(
      turn.say('feed.sources.list', { sources: describeSources(turn.say, sources) }),
      {
        link_preview_options: { is_disabled: true },
      },
    );
  });

  on(names.addsource, async (ctx, turn, args) => {
    const command = names.addsource ?? 'addsource';
    if (args === '') return ctx.reply(turn.say('feed.addsource.usage', { command }));
    const found = await findSource(ctx, o, args);
    if ('refusal' in found) return ctx.reply(turn.say(found.refusal, { command, ...found.params }));
    const source = await feed.addSource({
      ref: found.ref,
      title: found.title,
      link: found.link,
      addedBy: turn.user.id,
    });
    try {
      await o.sources?.added?.(source);
    } catch (error) {
      // The source is stored; the watcher also re-reads sources on its own schedule.
      o.onError(error);
    }
    const key = found.asGiven ? 'feed.addsource.addedAsGiven' : 'feed.addsource.added';
    return ctx.reply(turn.say(key, { title: source.title, command }));
  });

  on(
    names.queue,
    adminOnly(async (ctx, turn) => {
      const items = await feed.queue(50);
      return ctx.reply(describeQueue(turn.say, items, QUEUE_SHOWN, turn.locale, Date.now()));
    }),
  );

  on(
    names.stats,
    adminOnly(async (ctx, turn) => {
      const stats = await feed.stats();
      await ctx.reply(describeStats(turn.say, stats, turn.locale));
      if (!o.statsDiagram) return;
      const title = turn.say('feed.stats.diagram');
      const diagram = overviewDiagram(stats, turn.locale).trimEnd();
      const text = `${title}\n\n${diagram}`;
      if (text.length > MAX_MESSAGE_LENGTH) return;
      // A `pre` entity, not Markdown: the diagram's brackets and pipes need no escaping.
      await ctx.reply(text, {
        entities: [
          { type: 'pre', offset: title.length + 2, length: diagram.length, language: 'mermaid' },
        ],
      });
    }),
  );

  async function describeMine(turn: Turn): Promise<string> {
    const [subscription, settings, sources] = await Promise.all([
      feed.subscription(turn.user.id),
      feed.settings(),
      feed.listSources(),
    ]);
    return describeSubscription(turn.say, subscription, settings, sources);
  }
}

// --- Internal helpers ---

type Found =
  | (BotApiSource & { readonly asGiven: boolean })
  | { readonly refusal: TextKey; readonly params: TextParams };

/**
 * Where `/addsource`'s argument points: through the resolver (the userbot) when there is one;
 * else an id (with the given title, or the Bot API's), a public `@username` the Bot API can see,
 * or the username stored as given (no messages match it until it has an id).
 */
async function findSource(ctx: Context, o: ResolvedFeedOptions, args: string): Promise<Found> {
  const [first = args] = args.split(/\s+/);
  if (o.sources !== undefined) {
    try {
      const resolved = await o.sources.resolve(first);
      return {
        ref: resolved.ref,
        title: resolved.title,
        link: resolved.link ?? null,
        asGiven: false,
      };
    } catch (error) {
      return { refusal: refusalKey(error), params: { source: first } };
    }
  }
  const argument = parseSourceArgument(args);
  if (argument === undefined) return { refusal: 'feed.addsource.usage', params: {} };
  if (argument.kind === 'id') {
    const known =
      argument.title === undefined ? await lookUpChat(ctx.api, argument.ref) : undefined;
    const title = argument.title ?? (typeof known === 'object' ? known.title : undefined);
    if (title === undefined)
      return { refusal: 'feed.addsource.needTitle', params: { ref: argument.ref } };
    const link = typeof known === 'object' ? known.link : null;
    return { ref: argument.ref, title, link, asGiven: false };
  }
  const name = `@${argument.username}`;
  const known = await lookUpChat(ctx.api, name);
  if (known === 'not_a_channel')
    return { refusal: 'feed.addsource.notChannel', params: { source: name } };
  if (known !== undefined) return { ...known, asGiven: false };
  return {
    ref: name,
    title: argument.title ?? name,
    link: `https://t.me/${argument.username}`,
    asGiven: true,
  };
}
