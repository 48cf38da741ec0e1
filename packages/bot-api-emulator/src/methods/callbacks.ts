import type { CallbackAnswer } from '../callbacks.js';
import { badRequest } from '../errors.js';
import type { MethodTable } from './types.js';

/** answerCallbackQuery. */
export const callbackMethods: MethodTable = {
  answerCallbackQuery(call) {
    const { params } = call;
    const id = params.string('callback_query_id', 'query_id is empty');
    const answer: Omit<CallbackAnswer, 'callback_query_id' | 'data'> = {
      show_alert: params.bool('show_alert'),
    };
    const text = params.optString('text');
    if (text !== undefined && text !== '') {
      if (text.length > 200) throw badRequest('MESSAGE_TOO_LONG');
      answer.text = text;
    }
    const url = params.optString('url');
    if (url !== undefined && url !== '') answer.url = url;
    const cacheTime = params.optInt('cache_time');
    if (cacheTime !== undefined) answer.cache_time = cacheTime;
    call.rt.callbacks.answer(id, answer);
    return true;
  },
};
