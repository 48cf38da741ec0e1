import type { SuggestionDraft } from '../board/actions.js';
import type { BoardContext, Emit } from '../board/context.js';
import { checkText, unitOfWork } from '../board/context.js';
import type { ActionToken, UserId } from '../ids.js';
import type { ModerationItem } from '../moderation/item.js';
import { enqueueItem } from '../moderation/moderation-service.js';
import type { Repositories } from '../ports/storage.js';

/**
 * A person suggests a post: they get a preview with [Confirm] [Cancel]; only a confirm queues it
 * for moderation. The draft lives in the buttons' tokens, so nothing is stored before the confirm.
 */
export function suggestPost(
  ctx: BoardContext,
  input: { user: UserId; text: string; media?: { messageIds: readonly number[] }; key?: string },
): Promise<void> {
  const text = checkText(input.text, ctx.policy.maxPostLength);
  return unitOfWork(ctx, input.key, async (tx, emit, now) => {
    const draft: SuggestionDraft = {
      text,
      media:
        input.media === undefined ? null : { from: input.user, messageIds: input.media.messageIds },
    };
    const group = `suggest:${ctx.ids.next('token')}`;
    const confirm = ctx.ids.next('token') as ActionToken;
    const cancel = ctx.ids.next('token') as ActionToken;
    await tx.tokens.add([
      {
        token: confirm,
        userId: input.user,
        action: { type: 'suggest.confirm', draft },
        group,
        createdAt: now,
      },
      {
        token: cancel,
        userId: input.user,
        action: { type: 'suggest.cancel' },
        group,
        createdAt: now,
      },
    ]);
    emit([
      {
        type: 'notify',
        to: input.user,
        text: 'suggest.preview',
        params: { text },
        buttons: [
          [
            { label: 'button.confirm', token: confirm },
            { label: 'button.cancel', token: cancel },
          ],
        ],
      },
    ]);
  });
}

/** The author confirmed the preview: the post joins the moderation queue. */
export async function confirmSuggestionIn(
  ctx: BoardContext,
  tx: Repositories,
  emit: Emit,
  now: number,
  user: UserId,
  draft: SuggestionDraft,
): Promise<ModerationItem> {
  const item = await enqueueItem(ctx, tx, emit, now, {
    origin: { kind: 'suggestion', authorId: user },
    text: draft.text,
    media: draft.media,
    score: null,
    interested: [],
  });
  emit([{ type: 'notify', to: user, text: 'suggest.queued' }]);
  return item;
}
