import { contentOf, isCaptionable, type MessageContent, withoutCaption } from '../content/copy.js';
import { originOf } from '../content/origin.js';
import { formatCaption } from '../content/text.js';
import { badRequest } from '../errors.js';
import type { ChatRecord, StoredMessage } from '../state.js';
import type { Message, MessageId } from '../telegram.js';
import { prepareOutgoing, targetChat } from './outgoing.js';
import type { MethodCall, MethodTable } from './types.js';

/** copyMessage(s) and forwardMessage(s). */
export const copyMethods: MethodTable = {
  copyMessage(call) {
    const target = targetChat(call);
    const source = sourceChat(call);
    const stored = findSource(
      call,
      source,
      call.params.int('message_id', 'message identifier is not specified'),
      'copy',
    );
    const content = copyableContent(call, stored);
    const message = prepareOutgoing(call, target).store(content);
    return { message_id: message.message_id } satisfies MessageId;
  },

  copyMessages(call) {
    const target = targetChat(call);
    const source = sourceChat(call);
    const found = findMany(call, source, 'copy');
    const outgoing = prepareOutgoing(call, target, { allowMarkup: false });
    const groups = new Map<string, string>();
    const contents = found.map((stored) => copyableContent(call, stored));
    return found.map((stored, index) => {
      const content = contents[index] ?? {};
      const message = outgoing.store(content, groupOf(call, stored.message, groups));
      return { message_id: message.message_id } satisfies MessageId;
    });
  },

  forwardMessage(call) {
    const target = targetChat(call);
    const source = sourceChat(call);
    const stored = findSource(
      call,
      source,
      call.params.int('message_id', 'message identifier is not specified'),
      'forward',
    );
    return forward(call, target, source, stored, {});
  },

  forwardMessages(call) {
    const target = targetChat(call);
    const source = sourceChat(call);
    const groups = new Map<string, string>();
    return findMany(call, source, 'forward').map((stored) => {
      const message = forward(call, target, source, stored, groupOf(call, stored.message, groups));
      return { message_id: message.message_id } satisfies MessageId;
    });
  },
};

// --- Internal helpers ---

type Verb = 'copy' | 'forward';

function sourceChat(call: MethodCall): ChatRecord {
  return call.rt.chats.require(call.params.raw.from_chat_id, 'from_chat_id');
}

function findSource(
  call: MethodCall,
  source: ChatRecord,
  messageId: number,
  verb: Verb,
): StoredMessage {
  const stored = call.rt.chats.find(source, messageId);
  if (stored === undefined) throw badRequest(`message to ${verb} not found`);
  if (stored.message.has_protected_content)
    throw badRequest(`message can't be ${verb === 'copy' ? 'copied' : 'forwarded'}`);
  return stored;
}

function findMany(call: MethodCall, source: ChatRecord, verb: Verb): StoredMessage[] {
  const ids = call.params.json('message_ids');
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > 100) {
    throw badRequest('message_ids must contain 1-100 message identifiers');
  }
  // Like Telegram, missing messages are skipped; nothing found at all is an error.
  const found = [...new Set(ids.map(Number))]
    .sort((a, b) => a - b)
    .map((id) => call.rt.chats.find(source, id))
    .filter(
      (stored): stored is StoredMessage =>
        stored !== undefined && !stored.message.has_protected_content,
    );
  if (found.length === 0) throw badRequest(`message to ${verb} not found`);
  return found;
}

function copyableContent(call: MethodCall, stored: StoredMessage): MessageContent {
  const content = contentOf(stored.message);
  if (content === undefined) throw badRequest("message can't be copied");
  if (!isCaptionable(content)) return content;
  const { params } = call;
  if (params.bool('remove_caption')) return withoutCaption(content);
  const base = params.bool('show_caption_above_media')
    ? { ...content, show_caption_above_media: true as const }
    : content;
  if (params.raw.caption === undefined) return base;
  return {
    ...withoutCaption(base),
    ...formatCaption({
      text: params.optString('caption'),
      parseMode: params.raw.parse_mode,
      entities: params.json('caption_entities'),
    }),
  };
}

/** Copies of one album stay one album, under a new media_group_id. */
function groupOf(
  call: MethodCall,
  message: Message,
  groups: Map<string, string>,
): { mediaGroupId?: string } {
  if (message.media_group_id === undefined) return {};
  let id = groups.get(message.media_group_id);
  if (id === undefined) {
    id = call.rt.nextMediaGroupId();
    groups.set(message.media_group_id, id);
  }
  return { mediaGroupId: id };
}

function forward(
  call: MethodCall,
  target: ChatRecord,
  source: ChatRecord,
  stored: StoredMessage,
  extras: { mediaGroupId?: string },
): Message {
  const content = contentOf(stored.message);
  if (content === undefined) throw badRequest("message can't be forwarded");
  return prepareOutgoing(call, target, { allowMarkup: false }).store(content, {
    ...extras,
    forwardOrigin: originOf(stored.message, source),
  });
}
