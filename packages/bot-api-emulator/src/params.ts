import { badRequest } from './errors.js';
import type { UploadedFile } from './http/multipart.js';

/** A file parameter: a file_id or URL string, or an upload. */
export type FileInput = string | UploadedFile;

/**
 * Typed reads of a call's parameters. JSON bodies carry native values while form bodies carry
 * strings, so every reader accepts both, the way Telegram does.
 */
export class Params {
  constructor(readonly raw: Readonly<Record<string, unknown>>) {}

  has(name: string): boolean {
    const value = this.raw[name];
    return value !== undefined && value !== null && value !== '';
  }

  optString(name: string): string | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return JSON.stringify(value);
  }

  string(name: string, missing = `${name} is empty`): string {
    const value = this.optString(name);
    if (value === undefined || value === '') throw badRequest(missing);
    return value;
  }

  optNumber(name: string): number | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null || value === '') return undefined;
    const number = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(number)) throw badRequest(`field "${name}" must be a number`);
    return number;
  }

  number(name: string, missing = `${name} is empty`): number {
    const value = this.optNumber(name);
    if (value === undefined) throw badRequest(missing);
    return value;
  }

  optInt(name: string): number | undefined {
    const value = this.optNumber(name);
    if (value !== undefined && !Number.isInteger(value)) {
      throw badRequest(`field "${name}" must be of type Integer`);
    }
    return value;
  }

  int(name: string, missing = `${name} is empty`): number {
    const value = this.optInt(name);
    if (value === undefined) throw badRequest(missing);
    return value;
  }

  bool(name: string): boolean {
    const value = this.raw[name];
    return value === true || value === 'true' || value === 1 || value === '1';
  }

  /** A JSON-typed parameter: native in JSON bodies, a JSON string in form bodies. */
  json(name: string, invalid = `can't parse ${name} JSON object`): unknown {
    const value = this.raw[name];
    if (typeof value !== 'string') return value;
    if (value === '') return undefined;
    try {
      return JSON.parse(value);
    } catch {
      throw badRequest(invalid);
    }
  }

  file(name: string): FileInput | undefined {
    const value = this.raw[name];
    if (isUpload(value)) return value;
    return typeof value === 'string' && value !== '' ? value : undefined;
  }
}

export function isUpload(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && 'kind' in value && value.kind === 'upload';
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
