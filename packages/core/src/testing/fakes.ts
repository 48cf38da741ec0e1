import type { MediaFile } from '../effects.js';
import type { Clock } from '../ports/clock.js';
import type { IdKind, Ids } from '../ports/ids.js';
import type { LogFields, Logger, LogLevel } from '../ports/logger.js';
import type { ButtonRows, Transport } from '../ports/transport.js';
import { TransportError, type TransportFailure } from '../ports/transport.js';

/**
 * A clock that moves only when told.
 *
 * ```ts
 * const clock = new ManualClock(Date.parse('2026-01-01'));
 * clock.advance(25 * 60 * 60 * 1000);
 * ```
 */
export class ManualClock implements Clock {
  constructor(private current = Date.UTC(2026, 0, 1)) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
  set(ms: number): void {
    this.current = ms;
  }
}

/** Readable, deterministic ids: `user1`, `ad2`, `token3`, … */
export class SequentialIds implements Ids {
  private n = 0;
  next(kind: IdKind): string {
    return `${kind}${++this.n}`;
  }
}

/** What a {@link RecordingTransport} was asked to do. */
export type SentMessage =
  | {
      readonly kind: 'text';
      readonly to: string;
      readonly messageId: number;
      readonly text: string;
      readonly buttons?: ButtonRows;
      readonly replyTo?: number;
    }
  | {
      readonly kind: 'copy';
      readonly to: string;
      readonly from: string;
      readonly messageIds: readonly number[];
      readonly copies: readonly number[];
      readonly replyTo?: number;
      readonly buttons?: ButtonRows;
    }
  | {
      readonly kind: 'media';
      readonly to: string;
      readonly messageIds: readonly number[];
      readonly files: readonly MediaFile[];
      readonly caption?: string;
    }
  | {
      readonly kind: 'edit';
      readonly to: string;
      readonly messageId: number;
      readonly text: string;
      readonly part: 'text' | 'caption';
      readonly buttons?: ButtonRows;
    }
  | {
      readonly kind: 'publish';
      readonly channel: string;
      readonly messageId: number;
      readonly text: string;
      readonly media?: { readonly files: readonly MediaFile[] };
    }
  /** A suggested post approved natively, in the direct messages chat `chat`. */
  | {
      readonly kind: 'approveSuggestion';
      readonly chat: string;
      readonly messageId: number;
      readonly sendAt?: number;
    }
  | {
      readonly kind: 'declineSuggestion';
      readonly chat: string;
      readonly messageId: number;
      readonly comment?: string;
    };

/**
 * A {@link Transport} that records what it was asked to send, with per-address fault injection.
 * For core tests; adapters are tested against the Bot API emulator instead.
 */
export class RecordingTransport implements Transport {
  readonly sent: SentMessage[] = [];
  private nextId = 1000;
  private readonly faults = new Map<string, TransportFailure[]>();

  /** The next `times` deliveries to `address` fail with `failure`. */
  failNext(address: string, failure: TransportFailure, times = 1): void {
    const queue = this.faults.get(address) ?? [];
    for (let i = 0; i < times; i++) queue.push(failure);
    this.faults.set(address, queue);
  }

  /** Everything delivered to one address (a person, a channel, a direct messages chat). */
  to(address: string): SentMessage[] {
    return this.sent.filter(
      (m) => ('to' in m ? m.to : 'chat' in m ? m.chat : m.channel) === address,
    );
  }

  async sendText(m: { to: string; text: string; buttons?: ButtonRows; replyTo?: number }) {
    this.fault(m.to);
    const messageId = this.nextId++;
    this.sent.push({ kind: 'text', messageId, ...m });
    return { messageId };
  }

  async copy(m: {
    to: string;
    from: string;
    messageIds: readonly number[];
    replyTo?: number;
    buttons?: ButtonRows;
  }) {
    this.fault(m.to);
    const copies = m.messageIds.map(() => this.nextId++);
    this.sent.push({ kind: 'copy', copies, ...m });
    return { messageIds: copies };
  }

  async edit(m: {
    to: string;
    messageId: number;
    text: string;
    part: 'text' | 'caption';
    buttons?: ButtonRows;
  }) {
    this.fault(m.to);
    this.sent.push({ kind: 'edit', ...m });
  }

  async sendMedia(m: { to: string; files: readonly MediaFile[]; caption?: string }) {
    this.fault(m.to);
    const messageIds = m.files.map(() => this.nextId++);
    this.sent.push({ kind: 'media', messageIds, ...m });
    return { messageIds };
  }

  async publish(p: { channel: string; text: string; media?: { files: readonly MediaFile[] } }) {
    this.fault(p.channel);
    const messageId = this.nextId++;
    this.sent.push({ kind: 'publish', messageId, ...p });
    return { messageId };
  }

  async approveSuggestion(p: { chat: string; messageId: number; sendAt?: number }) {
    this.fault(p.chat);
    this.sent.push({ kind: 'approveSuggestion', ...p });
  }

  async declineSuggestion(p: { chat: string; messageId: number; comment?: string }) {
    this.fault(p.chat);
    this.sent.push({ kind: 'declineSuggestion', ...p });
  }

  private fault(address: string): void {
    const failure = this.faults.get(address)?.shift();
    if (failure !== undefined) throw new TransportError(failure, `injected ${failure.kind}`);
  }
}

/** One line a {@link RecordingLogger} heard. */
export interface LogLine {
  readonly level: LogLevel;
  readonly message: string;
  readonly fields: LogFields;
}

/**
 * A {@link Logger} that keeps every line, for tests that assert what an operator is told.
 *
 * ```ts
 * const logger = new RecordingLogger();
 * const board = createBoard({ storage, transport, logger });
 * expect(logger.at('warn').map((l) => l.message)).toContain('rate limited by the platform: the delivery waits');
 * ```
 */
export class RecordingLogger implements Logger {
  readonly lines: LogLine[] = [];
  debug(message: string, fields: LogFields = {}): void {
    this.lines.push({ level: 'debug', message, fields });
  }
  info(message: string, fields: LogFields = {}): void {
    this.lines.push({ level: 'info', message, fields });
  }
  warn(message: string, fields: LogFields = {}): void {
    this.lines.push({ level: 'warn', message, fields });
  }
  error(message: string, fields: LogFields = {}): void {
    this.lines.push({ level: 'error', message, fields });
  }
  /** The lines of one level. */
  at(level: LogLevel): LogLine[] {
    return this.lines.filter((line) => line.level === level);
  }
}
