import type { Composer, Context } from 'grammy';
import type { ResolvedOptions } from '../options.js';
import { explainRefusals, identityOf, localeOf, updateKey } from './turn.js';

/**
 * An edit of a relayed text or caption is mirrored onto the copy the other side has; any other
 * edit goes to the next middleware.
 */
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
        // Someone the board never saw has nothing relayed: look, without storing them.
        const found = await board.findUser(identityOf(ctx, o));
        if (found === undefined) {
          mirrored = false;
          return;
        }
        mirrored = await board.editRelayed({
          user: found.user.id,
          messageId: edited.message_id,
          text,
          part,
          key: updateKey(ctx),
        });
      },
    );
    if (!mirrored) await next();
  });
}
