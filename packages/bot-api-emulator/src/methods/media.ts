import type { MessageContent } from '../content/copy.js';
import { formatCaption } from '../content/text.js';
import { badRequest } from '../errors.js';
import type { MediaByKind, MediaKind, MediaMeta } from '../files.js';
import { type FileInput, isRecord, isUpload, type Params } from '../params.js';
import type { Runtime } from '../runtime.js';
import { prepareOutgoing, targetChat } from './outgoing.js';
import type { MethodCall, MethodHandler, MethodTable } from './types.js';

/** sendPhoto, sendVideo, … , sendMediaGroup, sendLocation, sendContact. */
export const mediaMethods: MethodTable = {
  sendPhoto: sendMedia('photo', true),
  sendVideo: sendMedia('video', true),
  sendAnimation: sendMedia('animation', true),
  sendVoice: sendMedia('voice', true),
  sendAudio: sendMedia('audio', true),
  sendDocument: sendMedia('document', true),
  sendVideoNote: sendMedia('video_note', false),
  sendSticker: sendMedia('sticker', false),

  sendMediaGroup(call) {
    const record = targetChat(call);
    const items = call.params.json('media', "can't parse media JSON object");
    if (!Array.isArray(items) || items.length < 2 || items.length > 10) {
      throw badRequest('wrong number of media in the group: must be from 2 to 10');
    }
    const contents = items.map((item: unknown) => readInputMedia(call.rt, item));
    const grouped = contents.some(
      (content) => content.document !== undefined || content.audio !== undefined,
    );
    if (
      grouped &&
      !contents.every((content) => (content.document ?? content.audio) !== undefined)
    ) {
      throw badRequest("documents and audio can't be mixed with other media types");
    }
    const outgoing = prepareOutgoing(call, record, { allowMarkup: false });
    const mediaGroupId = call.rt.nextMediaGroupId();
    return contents.map((content) => outgoing.store(content, { mediaGroupId }));
  },

  sendLocation(call) {
    const record = targetChat(call);
    const { params } = call;
    const latitude = params.number('latitude', 'latitude is empty');
    const longitude = params.number('longitude', 'longitude is empty');
    if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) throw badRequest('wrong location');
    const location: NonNullable<MessageContent['location']> = { latitude, longitude };
    for (const field of [
      'horizontal_accuracy',
      'live_period',
      'heading',
      'proximity_alert_radius',
    ] as const) {
      const value = params.optNumber(field);
      if (value !== undefined) location[field] = value;
    }
    return prepareOutgoing(call, record).store({ location });
  },

  sendContact(call) {
    const record = targetChat(call);
    const { params } = call;
    const contact: NonNullable<MessageContent['contact']> = {
      phone_number: params.string('phone_number', 'phone number is empty'),
      first_name: params.string('first_name', 'first name is empty'),
    };
    const lastName = params.optString('last_name');
    if (lastName !== undefined) contact.last_name = lastName;
    const vcard = params.optString('vcard');
    if (vcard !== undefined) contact.vcard = vcard;
    return prepareOutgoing(call, record).store({ contact });
  },
};

/** Builds the content for one kind of media message; also used for users' messages. */
export function mediaContent<K extends MediaKind>(kind: K, media: MediaByKind[K]): MessageContent {
  // The computed key is exactly `kind`, so the object is that media field of MessageContent.
  const content = { [kind]: media } as MessageContent;
  if (content.animation !== undefined) {
    // Telegram also fills `document` for animations, for backward compatibility.
    const { width: _w, height: _h, duration: _d, ...document } = content.animation;
    content.document = document;
  }
  return content;
}

// --- Internal helpers ---

function sendMedia(kind: MediaKind, captionable: boolean): MethodHandler {
  return (call: MethodCall) => {
    const record = targetChat(call);
    const { params } = call;
    const input = params.file(kind);
    if (input === undefined) throw badRequest(`there is no ${kind} in the request`);
    const caption = captionable
      ? formatCaption({
          text: params.optString('caption'),
          parseMode: params.raw.parse_mode,
          entities: params.json('caption_entities'),
        })
      : {};
    const outgoing = prepareOutgoing(call, record);
    const content: MessageContent = {
      ...mediaContent(kind, call.rt.files.resolve(kind, input, readMeta(params))),
      ...caption,
      ...(params.bool('has_spoiler') && { has_media_spoiler: true }),
      ...(params.bool('show_caption_above_media') && { show_caption_above_media: true }),
    };
    return outgoing.store(content);
  };
}

function readMeta(params: Params): MediaMeta {
  const meta: MediaMeta = {};
  for (const field of ['width', 'height', 'duration', 'length'] as const) {
    const value = params.optInt(field);
    if (value !== undefined) meta[field] = value;
  }
  for (const field of ['performer', 'title', 'emoji'] as const) {
    const value = params.optString(field);
    if (value !== undefined) meta[field] = value;
  }
  return meta;
}

const GROUP_KINDS = new Set<string>(['photo', 'video', 'document', 'audio']);

function readInputMedia(rt: Runtime, item: unknown): MessageContent {
  if (!isRecord(item) || typeof item.type !== 'string' || !GROUP_KINDS.has(item.type)) {
    throw badRequest("can't parse InputMedia: media type must be photo, video, document or audio");
  }
  const kind = item.type as 'photo' | 'video' | 'document' | 'audio';
  const input: FileInput | undefined =
    isUpload(item.media) || (typeof item.media === 'string' && item.media !== '')
      ? item.media
      : undefined;
  if (input === undefined || (typeof input === 'string' && input.startsWith('attach://'))) {
    throw badRequest(`there is no ${kind} in the request`);
  }
  const caption = formatCaption({
    text: typeof item.caption === 'string' ? item.caption : undefined,
    parseMode: item.parse_mode,
    entities: item.caption_entities,
  });
  return {
    ...mediaContent(kind, rt.files.resolve(kind, input)),
    ...caption,
    ...(item.has_spoiler === true && { has_media_spoiler: true }),
    ...(item.show_caption_above_media === true && { show_caption_above_media: true }),
  };
}
