import { ApiError, badRequest } from '../errors.js';
import { terminatedByOtherRequest } from '../updates/polling.js';
import type { MethodTable } from './types.js';

const WEBHOOK_ACTIVE =
  "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";

/** getUpdates (real long polling) and the webhook methods. */
export const updateMethods: MethodTable = {
  async getUpdates(call) {
    const { params, rt } = call;
    if (rt.webhook.config !== undefined) throw new ApiError(409, WEBHOOK_ACTIVE);
    rt.updates.setAllowed(params.json('allowed_updates'));
    const offset = params.optInt('offset');
    if (offset !== undefined && offset !== 0) rt.updates.confirm(offset);
    const limit = Math.min(100, Math.max(1, params.optInt('limit') ?? 100));
    const timeout = Math.max(0, params.optInt('timeout') ?? 0);
    // Only one getUpdates may run: a new call ends the waiting one.
    rt.poller.terminate(terminatedByOtherRequest());
    const ready = rt.updates.peek(limit);
    if (ready.length > 0 || timeout === 0) return ready;
    return rt.poller.wait(limit, timeout, call.signal);
  },

  setWebhook(call) {
    const { params, rt } = call;
    const url = params.optString('url') ?? '';
    if (url === '') {
      rt.webhook.remove();
      return true;
    }
    if (!/^https?:\/\/[^\s/]+/i.test(url))
      throw badRequest('bad webhook: Failed to resolve host: Name or service not known');
    const secretToken = params.optString('secret_token');
    if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
      throw badRequest('secret token contains unallowed characters');
    }
    if (params.bool('drop_pending_updates')) rt.updates.clear();
    rt.updates.setAllowed(params.json('allowed_updates'));
    rt.poller.terminate(new ApiError(409, 'Conflict: terminated by setWebhook request'));
    rt.webhook.set({
      url,
      secretToken: secretToken === '' ? undefined : secretToken,
      maxConnections: params.optInt('max_connections') ?? 40,
      ipAddress: params.optString('ip_address'),
    });
    return true;
  },

  deleteWebhook(call) {
    call.rt.webhook.remove();
    if (call.params.bool('drop_pending_updates')) call.rt.updates.clear();
    return true;
  },

  getWebhookInfo({ rt }) {
    const config = rt.webhook.config;
    const allowed = rt.updates.allowedList();
    return {
      url: config?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: rt.updates.size,
      ...(config !== undefined && { max_connections: config.maxConnections }),
      ...(config?.ipAddress !== undefined && { ip_address: config.ipAddress }),
      ...(allowed !== undefined && { allowed_updates: allowed }),
      ...(rt.webhook.lastError !== undefined && {
        last_error_date: rt.webhook.lastError.date,
        last_error_message: rt.webhook.lastError.message,
      }),
    };
  },
};
