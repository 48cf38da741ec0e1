import { isMember, peerOf } from '../chats/chat.js';
import { labelChats } from '../chats/labels.js';
import { AnonboardError } from '../errors.js';
import type { ActionToken, ChatId, UserId } from '../ids.js';
import type { ModerationItem } from '../moderation/item.js';
import { enqueueItem } from '../moderation/moderation-service.js';
import type { Repositories } from '../ports/storage.js';
import type { ActionTokenRecord } from '../shell/actions.js';
import {
  type BoardContext,
  checkText,
  type Emit,
  found,
  type Refusal,
  unitOfWork,
} from '../shell/context.js';
import { assertNotBanned, takeLimit } from './limits.js';

/** Reports a chat inside `tx`: one moderation item with the chat's last messages as evidence. */
export async function reportChatIn(
  ctx: BoardContext,
  tx: Repositories,
  emit: Emit,
  now: number,
  user: UserId,
  chatId: ChatId,
  reason: string,
): Promise<ModerationItem> {
  const chat = found(await tx.chats.get(chatId), 'chat', chatId);
  if (!isMember(chat, user)) throw new AnonboardError('not_found', 'no such chat');
  const reported = peerOf(chat, user);
  const lines = await tx.history.lastOfChat(chat.id, ctx.policy.reportEvidence);
  const item = await enqueueItem(ctx, tx, emit, now, {
    origin: {
      kind: 'report',
      chatId: chat.id,
      chatLabel: chat.label,
      reporter: user,
      reported,
      // Roles, never people: the admins see what was said, not who said it.
      evidence: lines.map((line) => ({
        side: line.from === user ? 'reporter' : 'reported',
        summary: line.summary,
        at: line.at,
      })),
    },
    text: reason,
    score: null,
    interested: [],
  });
  emit([{ type: 'notify', to: user, text: 'report.received', params: { chat: chat.label } }]);
  return item;
}

/**
 * `/report <reason>`: reports the given chat, the only active one, or asks which. Report abuse is
 * rate-limited like any action (escalating cooldowns).
 */
export function reportChat(
  ctx: BoardContext,
  input: { user: UserId; reason: string; chatId?: ChatId; key?: string },
): Promise<ModerationItem | 'choose'> {
  const reason = checkText(input.reason, 500, 'reason');
  return unitOfWork(
    ctx,
    input.key,
    async (tx, emit, now): Promise<ModerationItem | 'choose' | Refusal> => {
      await assertNotBanned(tx, input.user);
      const refused = await takeLimit(ctx, tx, input.user, 'report', now);
      if (refused !== undefined) return refused;
      if (input.chatId !== undefined)
        return reportChatIn(ctx, tx, emit, now, input.user, input.chatId, reason);
      const active = await tx.chats.listActiveFor(input.user);
      const [only] = active;
      if (only === undefined) throw new AnonboardError('no_active_chat', 'no active chats');
      if (active.length === 1) return reportChatIn(ctx, tx, emit, now, input.user, only.id, reason);
      const labels = labelChats(active);
      const group = `report:${ctx.ids.next('token')}`;
      const records: ActionTokenRecord[] = active.map((chat) => ({
        token: ctx.ids.next('token') as ActionToken,
        userId: input.user,
        action: { type: 'chat.report', chatId: chat.id, reason },
        group,
        createdAt: now,
      }));
      await tx.tokens.add(records);
      emit([
        {
          type: 'notify',
          to: input.user,
          text: 'chat.chooseToReport',
          buttons: records.map((r, i) => [
            {
              label: 'button.chat',
              params: { chat: labels.get(active[i]?.id as ChatId) ?? '' },
              token: r.token,
            },
          ]),
        },
      ]);
      return 'choose';
    },
  );
}
