import type { Effect, EffectButton } from '../effects.js';
import type { Locale } from '../ids.js';
import type { ButtonRows, Transport } from '../ports/transport.js';
import type { BoardContext } from '../shell/context.js';
import { renderFitting, shortenText } from '../texts/fit.js';
import type { TextKey, TextParams } from '../texts/keys.js';
import type { Delivered, DeliveryParties } from './delivery-rules.js';

/** A delivery that cannot be made, whatever the platform would say: dead-lettered with `reason`. */
export class DeliveryRefused extends Error {
  override readonly name = 'DeliveryRefused';
}

/**
 * Sends one effect through the transport: renders its texts and buttons in the recipient's
 * locale and calls the transport method its type needs. No storage access; a recipient, when the
 * effect has one, was read reachable with the lease. Throws what the transport throws.
 */
export async function send(
  ctx: Pick<BoardContext, 'texts' | 'policy'>,
  transport: Transport,
  effect: Effect,
  { to: recipient, from }: DeliveryParties,
): Promise<Delivered> {
  switch (effect.type) {
    case 'publish': {
      const posted = await transport.publish({
        channel: effect.channel,
        text: effect.text,
        ...(effect.media === undefined ? {} : { media: { files: effect.media.files } }),
      });
      return { messageIds: [posted.messageId] };
    }
    case 'approveSuggestion':
    case 'declineSuggestion':
      await decideNatively(transport, effect);
      return { messageIds: [] };
    default:
      break;
  }
  // The dispatcher sends nothing to a recipient it could not read reachable.
  if (recipient === undefined)
    throw new Error('[anonboard] [outbox] a delivery without a recipient');
  const to = recipient;
  switch (effect.type) {
    case 'notify': {
      const rows = buttonsFor(ctx, to.locale, effect.buttons);
      const sent = await transport.sendText({
        to: to.platformId,
        text: render(ctx, to.locale, effect.text, effect.params, effect.fit),
        ...(rows === undefined ? {} : { buttons: rows }),
      });
      return { messageIds: [sent.messageId] };
    }
    case 'copy': {
      if (from === undefined) throw new DeliveryRefused('sender unknown');
      const rows = buttonsFor(ctx, to.locale, effect.buttons);
      return transport.copy({
        to: to.platformId,
        from: from.platformId,
        messageIds: effect.messageIds,
        ...(effect.replyTo === undefined ? {} : { replyTo: effect.replyTo }),
        ...(rows === undefined ? {} : { buttons: rows }),
      });
    }
    case 'media':
      return transport.sendMedia({ to: to.platformId, files: effect.media.files });
    case 'edit':
      await transport.edit({
        to: to.platformId,
        messageId: effect.messageId,
        text: effect.text,
        part: effect.part,
      });
      return { messageIds: [] };
    case 'revise':
      // Without buttons in the effect the revised notice has none: Telegram drops them on edit.
      await transport.edit({
        to: to.platformId,
        messageId: effect.messageId,
        text: render(ctx, to.locale, effect.text, effect.params),
        part: 'text',
        buttons: buttonsFor(ctx, to.locale, effect.buttons) ?? [],
      });
      return { messageIds: [] };
    default:
      return effect satisfies never;
  }
}

// --- Internal helpers ---

/**
 * Renders a text in `locale` so that it fits the platform: the person's text (`fit.param`) gives
 * way, visibly; anything still too long is cut rather than refused (a refused message would be
 * lost). Module-level, like {@link buttonsFor}, so a delivery creates no closures.
 */
function render(
  { texts, policy }: Pick<BoardContext, 'texts' | 'policy'>,
  locale: Locale,
  key: TextKey,
  params: TextParams | undefined,
  fit?: { readonly param: string; readonly note?: TextKey },
): string {
  const limit = policy.maxMessageLength;
  if (fit === undefined || params === undefined) {
    return shortenText(texts.render(key, params, locale), limit);
  }
  return renderFitting(texts, {
    key,
    params,
    locale,
    field: fit.param,
    limit,
    ...(fit.note === undefined ? {} : { note: fit.note }),
  }).text;
}

/** The effect's buttons with their labels in `locale`; undefined when it has none. */
function buttonsFor(
  { texts }: Pick<BoardContext, 'texts'>,
  locale: Locale,
  rows: readonly (readonly EffectButton[])[] | undefined,
): ButtonRows | undefined {
  return rows?.map((row) =>
    row.map((b) => ({ text: texts.render(b.label, b.params, locale), token: b.token })),
  );
}

/** Approves or declines a suggested post on the platform (which publishes it, or tells its author). */
async function decideNatively(
  transport: Transport,
  effect: Extract<Effect, { type: 'approveSuggestion' | 'declineSuggestion' }>,
): Promise<void> {
  if (effect.type === 'declineSuggestion') {
    if (transport.declineSuggestion === undefined) throw cannot('decline suggested posts');
    await transport.declineSuggestion({
      chat: effect.chat,
      messageId: effect.messageId,
      ...(effect.comment === undefined ? {} : { comment: effect.comment }),
    });
    return;
  }
  if (transport.approveSuggestion === undefined) throw cannot('approve suggested posts');
  await transport.approveSuggestion({
    chat: effect.chat,
    messageId: effect.messageId,
    ...(effect.sendAt === undefined ? {} : { sendAt: effect.sendAt }),
  });
}

/** The transport has no way to do it: refused for good. */
function cannot(what: string): DeliveryRefused {
  return new DeliveryRefused(`the transport cannot ${what}`);
}
