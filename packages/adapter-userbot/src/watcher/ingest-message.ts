// A message (live or caught up) goes to core ingest, then moves the source's cursor so a later
// catch-up starts after it. A failure is a log line and a report, never a thrown error: one bad
// message must not stop the source's queue.
import type { Feed, Source } from '@anonboard/core';
import type { Api } from 'telegram';
import type { CursorStore } from '../catch-up.js';
import { describeError, line, type UserbotLogger } from '../logger.js';
import { toSourceMessage, usernameOfLink } from '../map-message.js';
import type { Report } from './reports.js';

/** Ingests one message of a watched source. */
export type IngestMessage = (
  source: Source,
  message: Api.Message,
  via: 'live' | 'catch-up',
) => Promise<void>;

export function messageIngester(deps: {
  readonly feed: Pick<Feed, 'ingest'>;
  readonly cursors: CursorStore;
  readonly logger: UserbotLogger;
  readonly report: Report;
}): IngestMessage {
  const { feed, cursors, logger, report } = deps;

  async function advanceCursor(ref: string, messageId: number): Promise<void> {
    try {
      const last = await cursors.get(ref);
      if (last === undefined || messageId > last) await cursors.set(ref, messageId);
    } catch (error) {
      logger.warn(line(`cannot record the last message of ${ref}: ${describeError(error)}`));
    }
  }

  return async (source, message, via) => {
    const mapped = toSourceMessage(message, usernameOfLink(source.link));
    if (mapped === undefined) return;
    const { sourceRef, messageId } = mapped;
    try {
      const result = await feed.ingest({ ...mapped, via: 'userbot' });
      await advanceCursor(sourceRef, messageId);
      report({ kind: 'message', via, sourceRef, messageId, outcome: result.outcome });
    } catch (error) {
      logger.warn(line(`ingest of ${sourceRef}/${messageId} failed: ${describeError(error)}`));
      report({ kind: 'failed', sourceRef, messageId, error });
    }
  };
}

/** Parts of an album without a caption: the captioned part carries the album's text. */
export function isCaptionlessAlbumPart(message: Api.Message): boolean {
  return message.groupedId !== undefined && (message.message ?? '') === '';
}
