import type { ItemMedia } from '../effects.js';
import { AnonboardError } from '../errors.js';
import type { ActionToken, UserId } from '../ids.js';
import { mediaLine } from '../moderation/card.js';
import type { ModerationItem } from '../moderation/item.js';
import { enqueueItem, moderatorsWhoCanSee } from '../moderation/moderation-service.js';
import type { Repositories } from '../ports/storage.js';
import type { SuggestionDraft } from '../shell/actions.js';
import type { BoardContext, Emit } from '../shell/context.js';
import { checkText, unitOfWork } from '../shell/context.js';
import { renderFitting } from '../texts/fit.js';

/**
 * A person suggests a post: they get a preview with [Confirm] [Cancel]; only a confirm queues it
 * for moderation. The draft lives in the buttons' tokens, so nothing is stored before the confirm.
 * A preview too long for one message shows the text shortened, with [📄 Whole text].
 */
export function suggestPost(
  ctx: BoardContext,
  input: { user: UserId; text: string; media?: ItemMedia; key?: string },
): Promise<void> {
  const media = input.media === undefined || input.media.files.length === 0 ? null : input.media;
  // Media without a caption is a post too; text alone must say something.
  const text =
    media !== null && input.text.trim() === ''
      ? ''
      : checkText(input.text, ctx.policy.maxPostLength);
  return unitOfWork(ctx, input.key, async (tx, emit, now) => {
    const draft: SuggestionDraft = { text, media };
    const group = `suggest:${ctx.ids.next('token')}`;
    const confirm = ctx.ids.next('token') as ActionToken;
    const cancel = ctx.ids.next('token') as ActionToken;
    const show = ctx.ids.next('token') as ActionToken;
    // A preview too long for one message shows the text shortened, and the whole on request.
    const locale = (await tx.users.get(input.user))?.locale ?? ctx.texts.defaultLocale;
    // The media goes right above the preview, which names it.
    const shown = `${mediaLine(ctx.texts, media, locale)}${text}`;
    const { shortened } = renderFitting(ctx.texts, {
      key: 'suggest.preview',
      params: { text: shown },
      locale,
      field: 'text',
      limit: ctx.policy.maxMessageLength,
    });
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
      ...(shortened
        ? [
            {
              token: show,
              userId: input.user,
              action: { type: 'suggest.show', text } as const,
              group: `show:${show}`,
              createdAt: now,
            },
          ]
        : []),
    ]);
    emit([
      ...(media === null ? [] : [{ type: 'media', to: input.user, media } as const]),
      {
        type: 'notify',
        to: input.user,
        text: 'suggest.preview',
        params: { text: shown },
        fit: { param: 'text' },
        buttons: [
          [
            { label: 'button.confirm', token: confirm },
            { label: 'button.cancel', token: cancel },
          ],
          ...(shortened ? [[{ label: 'button.showAll', token: show } as const]] : []),
        ],
      },
    ]);
  });
}

/**
 * The author confirmed the preview: the post joins the moderation queue. The author hears "sent
 * to moderation" once an admin's card of it is delivered; with no admin to show it to, the
 * confirm is refused (`no_moderators`) and nothing is stored.
 */
export async function confirmSuggestionIn(
  ctx: BoardContext,
  tx: Repositories,
  emit: Emit,
  now: number,
  user: UserId,
  draft: SuggestionDraft,
): Promise<ModerationItem> {
  if ((await moderatorsWhoCanSee(tx)).length === 0) {
    throw new AnonboardError('no_moderators', 'no admin could see the post');
  }
  return enqueueItem(ctx, tx, emit, now, {
    origin: { kind: 'suggestion', authorId: user },
    text: draft.text,
    media: draft.media,
    score: null,
    interested: [],
  });
}
