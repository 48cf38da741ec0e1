import { type AdId, AnonboardError } from '@anonboard/core';
import { z } from 'zod';
import { parseOr400 } from '../json-api.js';
import { type ApiHandler, adIdOf, adIdPattern, toView, viewerOf } from './context.js';

/** Largest page of `GET /api/ads`. */
export const MAX_PAGE_SIZE = 50;

// Unknown query parameters (an `authorId`, a `user_id`) are ignored: they are never read.
const listQuery = z.object({
  search: z.string().trim().max(200).optional(),
  after: z.string().regex(adIdPattern).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
});

// Unknown keys (such as a forged `author_tg_id`) are stripped: the author is the caller.
const publishBody = z.object({ title: z.string(), text: z.string().optional() });

/** `GET /api/ads?search=&after=&limit=`: open ads, newest first, a page at a time. */
export const listAdsHandler: ApiHandler = async (request) => {
  const query = parseOr400(listQuery, {
    search: nonEmpty(request.query.get('search')),
    after: nonEmpty(request.query.get('after')),
    limit: nonEmpty(request.query.get('limit')),
  });
  // One more than asked tells whether there is a next page.
  const page = await request.board.listAds({
    limit: query.limit + 1,
    ...(query.search === undefined || query.search === '' ? {} : { search: query.search }),
    ...(query.after === undefined ? {} : { after: query.after as AdId }),
  });
  const ads = page.slice(0, query.limit);
  const last = ads[ads.length - 1];
  return {
    status: 200,
    body: {
      ads: ads.map((ad) => toView(ad, request.viewer)),
      next: page.length > query.limit && last !== undefined ? last.id : null,
    },
  };
};

/** `GET /api/ads/:id`: one ad, open or closed. */
export const getAdHandler: ApiHandler = async (request) => {
  const ad = await request.board.getAd(adIdOf(request));
  if (ad === undefined) throw new AnonboardError('not_found', 'no such ad');
  return { status: 200, body: { ad: toView(ad, request.viewer) } };
};

/** `POST /api/ads` `{ title, text? }`: publishes an ad by the caller. */
export const publishAdHandler: ApiHandler = async (request) => {
  const author = viewerOf(request);
  const body = parseOr400(publishBody, await request.body());
  const ad = await request.board.publishAd({
    author,
    title: body.title,
    ...(body.text === undefined ? {} : { text: body.text }),
  });
  return { status: 201, body: { ad: toView(ad, author) } };
};

/** `POST /api/ads/:id/close`: the author closes their ad. */
export const closeAdHandler: ApiHandler = async (request) => {
  const user = viewerOf(request);
  const ad = await request.board.closeAd({ user, adId: adIdOf(request) });
  return { status: 200, body: { ad: toView(ad, user) } };
};

// --- Internal helpers ---

function nonEmpty(value: string | null): string | undefined {
  return value === null || value === '' ? undefined : value;
}
