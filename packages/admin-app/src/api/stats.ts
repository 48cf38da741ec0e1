import { parseOr400 } from '@anonboard/mini-app/web';
import { z } from 'zod';
import type { AdminHandler } from './context.js';

const statsQuery = z.object({
  period: z.enum(['day', 'week', 'month']).default('week'),
  // An IANA zone name; core refuses the ones this runtime does not know.
  tz: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9_+/-]+$/)
    .default('UTC'),
});

/**
 * `GET /api/stats?period=day|week|month&tz=Europe/Moscow`: core's report of the period (counts
 * only: no message text, no person), days cut in the admin's time zone.
 */
export const statsHandler: AdminHandler = async (request) => {
  const query = parseOr400(statsQuery, {
    period: request.query.get('period') ?? undefined,
    tz: request.query.get('tz') ?? undefined,
  });
  const report = await request.feed.report({ period: query.period, timeZone: query.tz });
  return { status: 200, body: { report } };
};
