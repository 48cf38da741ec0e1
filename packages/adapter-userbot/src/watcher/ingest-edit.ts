// An edit revises a waiting item's text. Telegram may deliver an edit twice, so each edit carries
// an idempotency key (its edit date) and core's `duplicate_update` is a quiet "unchanged".
import { contentHash, type Feed, isAnonboardError } from '@anonboard/core';
import type { Api } from 'telegram';
import { describeError, line, type UserbotLogger } from '../logger.js';
import type { Report } from './reports.js';

/** Ingests one edit of a message of a watched source. */
export type IngestEdit = (sourceRef: string, message: Api.Message) => Promise<void>;

export function editIngester(deps: {
  readonly feed: Pick<Feed, 'ingestEdit'>;
  readonly logger: UserbotLogger;
  readonly report: Report;
}): IngestEdit {
  const { feed, logger, report } = deps;
  return async (sourceRef, message) => {
    const text = message.message ?? '';
    if (text === '') return; // an edit that removed the caption keeps the item's text
    const version = message.editDate ?? contentHash(text);
    const messageId = message.id;
    try {
      const changed = await feed.ingestEdit({
        sourceRef,
        messageId,
        text,
        key: `userbot:edit:${sourceRef}:${messageId}:${version}`,
      });
      report({ kind: 'edit', sourceRef, messageId, changed });
    } catch (error) {
      if (isAnonboardError(error, 'duplicate_update')) {
        report({ kind: 'edit', sourceRef, messageId, changed: false });
        return;
      }
      logger.warn(line(`edit of ${sourceRef}/${messageId} failed: ${describeError(error)}`));
      report({ kind: 'failed', sourceRef, messageId, error });
    }
  };
}
