import { type ApiHandler, toView, viewerOf } from './context.js';

/** How many of the caller's open ads, and of their closed ones, `GET /api/my/ads` returns. */
export const MY_ADS_LIMITS = { open: 100, closed: 20 } as const;

/** `GET /api/my/ads`: the caller's ads (open ones and the latest closed), newest first. */
export const myAdsHandler: ApiHandler = async (request) => {
  // A signed-in person the board never stored (reads store nobody) has no ads yet.
  if (request.viewer === undefined) return { status: 200, body: { ads: [] } };
  const authorId = viewerOf(request);
  const [open, closed] = await Promise.all([
    request.board.listAds({ authorId, status: 'open', limit: MY_ADS_LIMITS.open }),
    request.board.listAds({ authorId, status: 'closed', limit: MY_ADS_LIMITS.closed }),
  ]);
  const ads = [...open, ...closed].sort((a, b) => b.createdAt - a.createdAt);
  return { status: 200, body: { ads: ads.map((ad) => toView(ad, authorId)) } };
};
