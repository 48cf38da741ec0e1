import { ApiError, forbiddenBlocked, type ResponseParameters, tooManyRequests } from './errors.js';
import { isRateLimited } from './limits.js';
import { findMethod } from './methods/index.js';
import { Params } from './params.js';
import type { Runtime } from './runtime.js';

/** A Bot API response body. */
export type ApiResponse =
  | { readonly ok: true; readonly result: unknown }
  | {
      readonly ok: false;
      readonly error_code: number;
      readonly description: string;
      readonly parameters?: ResponseParameters;
    };

/**
 * What to send back: a JSON response (held back `holdMs` first by a `stall` fault), or nothing
 * at all (a `drop` fault).
 */
export type Outcome =
  | {
      readonly kind: 'respond';
      readonly status: number;
      readonly body: ApiResponse;
      readonly holdMs?: number;
    }
  | { readonly kind: 'drop' };

/**
 * Runs one call through the pipeline Telegram's server applies: method lookup, blocked users,
 * injected faults, flood limits, then the handler. Every call is logged in `rt.calls`.
 */
export async function dispatch(
  rt: Runtime,
  requested: string,
  raw: Record<string, unknown>,
  signal: AbortSignal,
): Promise<Outcome> {
  const missing = rt.unsupported.has(requested.toLowerCase());
  const found = missing ? undefined : findMethod(requested);
  const method = found?.name ?? requested;
  const log = (status: number, extra: { description?: string; result?: unknown }): void => {
    const call = { method, params: raw, status, ...extra };
    rt.calls.push(call);
    rt.onCall?.(call);
  };
  try {
    if (found === undefined) throw new ApiError(404, 'Not Found');
    const chatId = targetChatId(rt, raw);
    const record = chatId === undefined ? undefined : rt.chats.get(chatId);
    if (record?.blocked === true && isMessaging(method)) throw forbiddenBlocked();
    const fault = rt.faults.take(method, chatId);
    if (fault !== undefined) rt.stats.faultsInjected += 1;
    if (fault?.kind === 'drop') {
      log(0, { description: 'dropped by an injected fault' });
      return { kind: 'drop' };
    }
    if (fault?.kind === 'error') throw fault.error;
    if (rt.limiter !== undefined && isRateLimited(method)) {
      const retryAfter = rt.limiter.admit(chatId);
      if (retryAfter !== undefined) throw tooManyRequests(retryAfter);
    }
    const result = await found.handler({ method, params: new Params(raw), rt, signal });
    log(200, { result });
    const held = fault?.kind === 'stall' ? { holdMs: fault.ms } : {};
    return { kind: 'respond', status: 200, body: { ok: true, result }, ...held };
  } catch (error) {
    const apiError = error instanceof ApiError ? error : new ApiError(500, 'Internal Server Error');
    if (apiError.status === 429) rt.stats.tooManyRequests += 1;
    log(apiError.status, {
      description:
        error instanceof ApiError
          ? apiError.description
          : `Internal Server Error (emulator bug: ${error instanceof Error ? error.message : String(error)})`,
    });
    return { kind: 'respond', status: apiError.status, body: errorBody(apiError) };
  }
}

/** The JSON body Telegram answers an error with. */
export function errorBody(error: ApiError): ApiResponse {
  return {
    ok: false,
    error_code: error.status,
    description: error.description,
    ...(error.parameters !== undefined && { parameters: error.parameters }),
  };
}

// --- Internal helpers ---

/** The chat a call is about: `chat_id`, or the chat of the callback query being answered. */
function targetChatId(rt: Runtime, raw: Record<string, unknown>): number | undefined {
  if (raw.chat_id !== undefined) {
    const record = rt.chats.resolve(raw.chat_id);
    if (record !== undefined) return record.chat.id;
    const numeric = Number(raw.chat_id);
    return Number.isInteger(numeric) ? numeric : undefined;
  }
  if (typeof raw.callback_query_id === 'string') return rt.callbacks.chatOf(raw.callback_query_id);
  return undefined;
}

/** Methods a user who blocked the bot refuses with 403. */
function isMessaging(method: string): boolean {
  return /^(send|copy|forward|edit)/.test(method);
}
