import type { Chat } from '../chats/chat.js';
import { createBoard } from '../facades/board.js';
import { createFeed } from '../facades/feed.js';
import { silentLogger } from '../operations/console-logger.js';
import type { Storage } from '../ports/storage.js';
import type { User } from '../users/user.js';
import { RecordingTransport } from './fakes.js';

/** The two platform ids `writeEveryTable` uses; a storage test looks for them everywhere. */
export const storyPlatformIds = { author: '700700700', reader: '800800800' } as const;

/**
 * Plays one story through the board, the feed and safety so that every table a storage has
 * gets rows: an ad, a first message, an accepted chat with relays both ways, a report resolved
 * with a warning and a second report refused (a cooldown), a block, a watched source with a
 * subscription, a monitored post approved and published, a suggestion with media confirmed.
 * Storage tests run it, then check their own tables (e.g. that platform ids sit only in users).
 *
 * ```ts
 * const { reader } = await writeEveryTable(storage);
 * expect(columnsHolding(/700700700|800800800/)).toEqual(['users.platform_id']);
 * ```
 */
export async function writeEveryTable(storage: Storage): Promise<{
  author: User;
  reader: User;
  chat: Chat;
  transport: RecordingTransport;
}> {
  const transport = new RecordingTransport();
  // One report an hour, so the second one leaves a cooldown behind.
  const policy = { rateLimits: { report: { max: 1, windowMs: 3_600_000 } } };
  const board = createBoard({ storage, transport, policy, logger: silentLogger });
  const feed = createFeed({ storage, transport, logger: silentLogger });
  const author = await board.identify({ platformId: storyPlatformIds.author });
  const reader = await board.identify({ platformId: storyPlatformIds.reader });
  await feed.configure({ channel: '@city_news', admins: [author.id], defaultThreshold: 0 });

  const ad = await board.publishAd({ author: author.id, title: 'Продам гараж' });
  await board.openAd({ user: reader.id, adId: ad.id });
  await board.receive({ user: reader.id, messageIds: [11], summary: 'Сколько?', key: 'story:1' });
  const [invite] = await storage.transaction((tx) =>
    tx.invites.listPendingBetween(reader.id, author.id),
  );
  if (invite === undefined)
    throw new Error('[anonboard] [story] the first message did not become an invite');
  const chat = await board.acceptInvite({ user: author.id, inviteId: invite.id });
  await board.dispatcher?.drain();
  await board.receive({ user: author.id, messageIds: [12], summary: 'Дорого' });
  await board.receive({ user: reader.id, messageIds: [14], summary: 'Почему?' });
  await board.dispatcher?.drain();

  const report = await board.report({ user: reader.id, chatId: chat.id, reason: 'Грубит' });
  if (report === 'choose') throw new Error('[anonboard] [story] the report asked which chat');
  await feed.decide({
    admin: author.id,
    itemId: report.id,
    decision: { type: 'resolve', outcome: 'warned' },
  });
  const refused = await board
    .report({ user: reader.id, chatId: chat.id, reason: 'Снова' })
    .catch((e: unknown) => e);
  if (!(refused instanceof Error) || !('code' in refused) || refused.code !== 'rate_limited') {
    throw new Error('[anonboard] [story] the second report was not refused by the rate limit');
  }
  await board.blockChat({ user: reader.id, chatId: chat.id });
  await board.dispatcher?.drain();

  await feed.addSource({ ref: '-1001234', title: 'Городской чат', addedBy: reader.id });
  await feed.subscribe({ user: reader.id, keywords: ['собрание'] });
  const seen = await feed.ingest({
    sourceRef: '-1001234',
    messageId: 7,
    text: 'Общее собрание жильцов в субботу',
    date: 0,
    via: 'userbot',
  });
  if (seen.itemId === undefined)
    throw new Error(`[anonboard] [story] the message was ${seen.outcome}, not queued`);
  await feed.decide({ admin: author.id, itemId: seen.itemId, decision: { type: 'approve' } });
  await feed.suggest({
    user: reader.id,
    text: 'Во дворе открыли каток',
    media: { files: [{ kind: 'photo', fileId: 'AgAC-rink' }] },
  });
  await feed.dispatcher?.drain();
  const preview = transport
    .to(reader.platformId)
    .findLast((m) => m.kind === 'text' && m.buttons !== undefined);
  const confirm = preview?.kind === 'text' ? preview.buttons?.[0]?.[0] : undefined;
  if (confirm === undefined)
    throw new Error('[anonboard] [story] the suggestion had no preview with buttons');
  await feed.press({ user: reader.id, token: confirm.token });
  await feed.dispatcher?.drain();
  await board.dispatcher?.drain();
  return { author, reader, chat, transport };
}
