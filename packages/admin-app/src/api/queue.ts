import { AnonboardError, type Decision, type ItemId } from '@anonboard/core';
import { ApiError, parseOr400 } from '@anonboard/mini-app/web';
import { z } from 'zod';
import { type AdminHandler, type AdminRequest, toItemView } from './context.js';

/**
 * `GET /api/queue`: the items waiting for a decision, oldest first, as many as the queue shows;
 * `more` tells whether others wait behind them.
 */
export function queueHandler(queueSize: number): AdminHandler {
  return async (request) => {
    const { feed, admin, now } = request;
    // One more than shown tells whether more wait.
    const items = await feed.queue(queueSize + 1);
    const lease = feed.policy.claimLeaseMs;
    return {
      status: 200,
      body: {
        items: items
          .slice(0, queueSize)
          .map((item) => toItemView(item, admin, now, lease, request.mediaPreview !== undefined)),
        more: items.length > queueSize,
        claimLeaseMs: lease,
      },
    };
  };
}

/** `GET /api/items/:id`: one item, waiting or decided. */
export const itemHandler: AdminHandler = async (request) => {
  const item = await request.feed.getItem(itemIdOf(request));
  if (item === undefined) throw new AnonboardError('not_found', 'no such item');
  return {
    status: 200,
    body: {
      item: toItemView(
        item,
        request.admin,
        request.now,
        request.feed.policy.claimLeaseMs,
        request.mediaPreview !== undefined,
      ),
    },
  };
};

/**
 * `POST /api/items/:id/<decision>`: the admin decides through `feed.decide` — the same core
 * function, rules, claims and audit log as the bot's buttons; core revises every admin's card.
 * `reject` takes `{ reason? }`, `resolve` (reports) `{ outcome }`.
 */
export function decisionHandler(type: Decision['type'], maxReasonLength: number): AdminHandler {
  const rejectBody = z.object({ reason: z.string().max(maxReasonLength).nullable().optional() });
  // A paid post of the channel's direct messages is approved at the price the page showed.
  const approveBody = z
    .object({
      price: z
        .object({
          currency: z.enum(['XTR', 'TON']),
          amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
        })
        .optional(),
    })
    .optional();
  const resolveBody = z.object({ outcome: z.enum(['dismissed', 'warned', 'banned']) });
  return async (request) => {
    const decision = await decisionOf(type, request, rejectBody, resolveBody, approveBody);
    const item = await request.feed.decide({
      admin: request.admin.id,
      itemId: itemIdOf(request),
      decision,
    });
    return {
      status: 200,
      body: {
        item: toItemView(
          item,
          request.admin,
          request.now,
          request.feed.policy.claimLeaseMs,
          request.mediaPreview !== undefined,
        ),
      },
    };
  };
}

// --- Internal helpers ---

async function decisionOf(
  type: Decision['type'],
  request: AdminRequest,
  rejectBody: z.ZodType<{ reason?: string | null | undefined }>,
  resolveBody: z.ZodType<{ outcome: 'dismissed' | 'warned' | 'banned' }>,
  approveBody: z.ZodType<
    { price?: { currency: 'XTR' | 'TON'; amount: number } | undefined } | undefined
  >,
): Promise<Decision> {
  switch (type) {
    case 'reject': {
      const { reason } = parseOr400(rejectBody, await request.body());
      return { type, reason: reason ?? null };
    }
    case 'resolve':
      return { type, outcome: parseOr400(resolveBody, await request.body()).outcome };
    case 'approve': {
      const price = parseOr400(approveBody, await request.body())?.price;
      return price === undefined ? { type } : { type, price };
    }
    case 'claim':
    case 'release':
      return { type };
    default:
      return type satisfies never;
  }
}

function itemIdOf(request: AdminRequest): ItemId {
  if (request.itemId === undefined) throw new ApiError(404, 'not_found', 'api.notFound');
  return request.itemId;
}
