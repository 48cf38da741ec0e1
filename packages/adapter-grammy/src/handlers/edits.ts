import type { Composer, Context } from 'grammy';
import type { ResolvedOptions } from '../options.js';
import { beginTurn, explainRefusals, localeOf } from './turn.js';

/** An edit of a relayed text or caption is mirrored onto the copy the other side has. */
export function handleEdits<C extends Context>(composer: Composer<C>, o: ResolvedOptions): void {
  const { board } = o;
  composer.on('edited_message', async (ctx, next) => {
    const edited = ctx.editedMessage;
    const part =
      edited.text !== undefined ? 'text' : edited.caption !== undefined ? 'caption' : undefined;
    const text = edited.text ?? edited.caption;
    if (part === undefined || text === undefined) return next();
    let mirrored = true;
    await explainRefusals(
      board,
      localeOf(ctx, o),
      (t) => ctx.reply(t),
      async () => {
        const turn = await beginTurn(ctx, o);
        mirrored = await board.editRelayed({
          user: turn.user.id,
          messageId: edited.message_id,
          text,
          part,
          key: turn.key,
        });
      },
    );
    if (!mirrored) await next();
  });
}
