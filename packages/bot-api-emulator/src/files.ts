import { badRequest } from './errors.js';
import type { UploadedFile } from './http/multipart.js';
import type { FileInput } from './params.js';
import type {
  Animation,
  Audio,
  Document,
  PhotoSize,
  Sticker,
  Video,
  VideoNote,
  Voice,
} from './telegram.js';

/** Media fields of a message, by the name of the field. */
export interface MediaByKind {
  photo: PhotoSize[];
  video: Video;
  animation: Animation;
  voice: Voice;
  video_note: VideoNote;
  audio: Audio;
  document: Document;
  sticker: Sticker;
}

export type MediaKind = keyof MediaByKind;

/** Optional details of a new file; defaults are realistic. */
export interface MediaMeta {
  width?: number;
  height?: number;
  duration?: number;
  length?: number;
  performer?: string;
  title?: string;
  emoji?: string;
  fileName?: string;
  mimeType?: string;
}

/** What `getFile` knows about a file. */
export interface FileRecord {
  readonly file_id: string;
  readonly file_unique_id: string;
  readonly file_size: number;
  readonly file_path: string;
  readonly bytes: Uint8Array | undefined;
}

const ID_PREFIX: Record<MediaKind, string> = {
  photo: 'AgACAgIAAxkBAA',
  video: 'BAACAgIAAxkBAA',
  animation: 'CgACAgIAAxkBAA',
  voice: 'AwACAgIAAxkBAA',
  video_note: 'DQACAgIAAxkBAA',
  audio: 'CQACAgIAAxkBAA',
  document: 'BQACAgIAAxkBAA',
  sticker: 'CAACAgIAAxkBAA',
};

const EXTENSION: Record<MediaKind, string> = {
  photo: 'jpg',
  video: 'mp4',
  animation: 'mp4',
  voice: 'oga',
  video_note: 'mp4',
  audio: 'mp3',
  document: 'dat',
  sticker: 'webp',
};

/**
 * Files the emulator has seen. Reusing a known `file_id` gives the same file (same
 * `file_unique_id`); an upload gets a newly generated file, and so does the first use of a URL
 * or unknown id.
 */
export class FileStore {
  private sequence = 0;
  private readonly media = new Map<string, { kind: MediaKind; value: unknown }>();
  private readonly records = new Map<string, FileRecord>();

  /** The media object for a message field, reusing a known file_id. */
  resolve<K extends MediaKind>(kind: K, input: FileInput, meta: MediaMeta = {}): MediaByKind[K] {
    if (typeof input === 'string') {
      const known = this.media.get(input);
      if (known !== undefined) {
        if (known.kind !== kind) throw badRequest('type of file mismatch');
        return known.value as MediaByKind[K];
      }
    }
    if (typeof input !== 'string') return this.create(kind, input, meta);
    // An unknown id or URL becomes a file; reusing the same string gives that file again.
    const value = this.create(kind, undefined, meta);
    this.media.set(input, { kind, value });
    return value;
  }

  /** A brand-new file, as if a user had just sent it. */
  create<K extends MediaKind>(
    kind: K,
    upload?: UploadedFile,
    meta: MediaMeta = {},
  ): MediaByKind[K] {
    const value = BUILDERS[kind]((suffix = '') => this.register(kind, upload, suffix), {
      ...meta,
      ...(upload !== undefined && { fileName: meta.fileName ?? upload.filename }),
      ...(upload !== undefined &&
        upload.mimeType !== 'application/octet-stream' && {
          mimeType: meta.mimeType ?? upload.mimeType,
        }),
    });
    const media: MediaByKind[MediaKind] = value;
    const ids = Array.isArray(media) ? media.map((size) => size.file_id) : [media.file_id];
    for (const id of ids) this.media.set(id, { kind, value });
    return value;
  }

  file(fileId: string): FileRecord | undefined {
    return this.records.get(fileId);
  }

  byPath(filePath: string): FileRecord | undefined {
    for (const record of this.records.values()) if (record.file_path === filePath) return record;
    return undefined;
  }

  // --- Internal helpers ---

  private register(kind: MediaKind, upload: UploadedFile | undefined, suffix: string): FileRecord {
    this.sequence += 1;
    const token = Buffer.from(`emulator:${this.sequence}${suffix}`).toString('base64url');
    const size = upload?.size ?? 4_096 + ((this.sequence * 7_919) % 60_000);
    const record: FileRecord = {
      file_id: `${ID_PREFIX[kind]}${token}`,
      file_unique_id: `AQAD${Buffer.from(String(this.sequence)).toString('base64url')}`,
      file_size: size,
      file_path: `${kind === 'photo' ? 'photos' : `${kind}s`}/file_${this.sequence}.${EXTENSION[kind]}`,
      bytes: upload?.bytes,
    };
    this.records.set(record.file_id, record);
    return record;
  }
}

type Register = (suffix?: string) => FileRecord;

const identity = (file: FileRecord) => ({
  file_id: file.file_id,
  file_unique_id: file.file_unique_id,
  file_size: file.file_size,
});

const BUILDERS: { [K in MediaKind]: (register: Register, meta: MediaMeta) => MediaByKind[K] } = {
  photo: (register) =>
    [90, 320, 800].map((side, index) => ({
      ...identity(register(index === 2 ? '' : `:${side}`)),
      width: side,
      height: Math.round(side * 0.75),
    })),
  video: (register, meta) => ({
    ...identity(register()),
    width: meta.width ?? 1280,
    height: meta.height ?? 720,
    duration: meta.duration ?? 10,
    mime_type: meta.mimeType ?? 'video/mp4',
    ...(meta.fileName !== undefined && { file_name: meta.fileName }),
  }),
  animation: (register, meta) => ({
    ...identity(register()),
    width: meta.width ?? 480,
    height: meta.height ?? 270,
    duration: meta.duration ?? 3,
    file_name: meta.fileName ?? 'animation.mp4',
    mime_type: meta.mimeType ?? 'video/mp4',
  }),
  voice: (register, meta) => ({
    ...identity(register()),
    duration: meta.duration ?? 4,
    mime_type: meta.mimeType ?? 'audio/ogg',
  }),
  video_note: (register, meta) => ({
    ...identity(register()),
    length: meta.length ?? 240,
    duration: meta.duration ?? 6,
  }),
  audio: (register, meta) => ({
    ...identity(register()),
    duration: meta.duration ?? 180,
    mime_type: meta.mimeType ?? 'audio/mpeg',
    ...(meta.fileName !== undefined && { file_name: meta.fileName }),
    ...(meta.performer !== undefined && { performer: meta.performer }),
    ...(meta.title !== undefined && { title: meta.title }),
  }),
  document: (register, meta) => ({
    ...identity(register()),
    file_name: meta.fileName ?? 'document.pdf',
    mime_type: meta.mimeType ?? guessMime(meta.fileName) ?? 'application/pdf',
  }),
  sticker: (register, meta) => ({
    ...identity(register()),
    type: 'regular',
    width: 512,
    height: 512,
    is_animated: false,
    is_video: false,
    emoji: meta.emoji ?? '👍',
  }),
};

function guessMime(fileName: string | undefined): string | undefined {
  const extension = fileName?.split('.').pop()?.toLowerCase();
  const known: Record<string, string> = {
    pdf: 'application/pdf',
    txt: 'text/plain',
    zip: 'application/zip',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    png: 'image/png',
    json: 'application/json',
  };
  return extension === undefined ? undefined : known[extension];
}
