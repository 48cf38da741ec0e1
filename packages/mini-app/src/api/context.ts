import type { Ad, AdId, Board, UserId } from '@anonboard/core';
import { ApiError } from '../errors.js';
import type { ApiResponse } from '../json-api.js';

/**
 * An ad as the API returns it: internal ids and content only, never anything about a person
 * beyond `mine` (whether the caller wrote it).
 *
 * ```ts
 * const view: AdView = { id: 'k3J9x', title: 'Продам гараж', text: '', createdAt: '2025-11-01T12:00:00.000Z', status: 'open', mine: false };
 * ```
 */
export interface AdView {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  /** ISO 8601. */
  readonly createdAt: string;
  readonly status: 'open' | 'closed';
  /** True when the caller is the ad's author. */
  readonly mine: boolean;
}

// --- Internal helpers ---

/** One API call as a handler sees it. The viewer comes only from validated initData. */
export interface ApiRequest {
  readonly board: Board;
  /** The caller, or undefined for an anonymous read. */
  readonly viewer: UserId | undefined;
  readonly query: URLSearchParams;
  /** The ad id of `/api/ads/:id…`, already checked for shape. */
  readonly adId: AdId | undefined;
  /** Reads and parses the JSON body (bounded). */
  body(): Promise<unknown>;
}

/** A handler of one route. */
export type ApiHandler = (request: ApiRequest) => Promise<ApiResponse>;

/** Ids are url-safe and short (core's `Ids` port); anything else cannot be an ad. */
export const adIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** The ad as the caller may see it. */
export function toView(ad: Ad, viewer: UserId | undefined): AdView {
  return {
    id: ad.id,
    title: ad.title,
    text: ad.text,
    createdAt: new Date(ad.createdAt).toISOString(),
    status: ad.status,
    mine: viewer !== undefined && ad.authorId === viewer,
  };
}

/** The caller, who must be signed in for this route (the router makes sure). */
export function viewerOf(request: ApiRequest): UserId {
  if (request.viewer === undefined) throw new ApiError(401, 'unauthorized', 'api.unauthorized');
  return request.viewer;
}

/** The ad id of the path, which this route has. */
export function adIdOf(request: ApiRequest): AdId {
  if (request.adId === undefined) throw new ApiError(404, 'not_found', 'api.notFound');
  return request.adId;
}
