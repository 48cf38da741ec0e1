import { z } from 'zod';
import { parseOr400 } from '../json-api.js';
import { type ApiHandler, adIdOf, viewerOf } from './context.js';

// Unknown keys (a forged `author_tg_id`) are stripped: the recipient is the ad's author.
const messageBody = z.object({ message: z.string() });

/**
 * `POST /api/ads/:id/message` `{ message }`: the caller's one first message to the ad's author,
 * delivered by the bot with [✅ Принять] [❌ Отклонить].
 */
export const messageHandler: ApiHandler = async (request) => {
  const sender = viewerOf(request);
  const body = parseOr400(messageBody, await request.body());
  await request.board.sendInvite({
    sender,
    adId: adIdOf(request),
    content: { kind: 'text', text: body.message },
  });
  return { status: 201, body: { sent: true } };
};
