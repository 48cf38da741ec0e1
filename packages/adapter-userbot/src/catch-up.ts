import { Api, type TelegramClient, utils } from 'telegram';
import { type FloodPolicy, withFloodWait } from './flood.js';
import { consoleLogger, line } from './logger.js';

/**
 * Remembers the last message id seen per source, so that after downtime the watcher fetches
 * what it missed. Keep it in memory ({@link MemoryCursorStore}, the default: catch-up then covers
 * reconnects, not restarts) or persist it (a file, a table) to catch up across restarts.
 *
 * ```ts
 * const cursors: CursorStore = {
 *   get: async (ref) => (await db.get('select id from cursors where ref = ?', ref))?.id,
 *   set: async (ref, id) => void db.run('insert or replace into cursors values (?, ?)', ref, id),
 * };
 * ```
 */
export interface CursorStore {
  /** The last message id seen in the source, if any. */
  get(sourceRef: string): Promise<number | undefined>;
  /** Records that `messageId` was seen (the watcher only ever moves a cursor forward). */
  set(sourceRef: string, messageId: number): Promise<void>;
}

/**
 * A {@link CursorStore} in memory.
 *
 * ```ts
 * const watcher = createSourceWatcher({ client, feed, cursors: new MemoryCursorStore() });
 * ```
 */
export class MemoryCursorStore implements CursorStore {
  private readonly cursors = new Map<string, number>();

  async get(sourceRef: string): Promise<number | undefined> {
    return this.cursors.get(sourceRef);
  }

  async set(sourceRef: string, messageId: number): Promise<void> {
    this.cursors.set(sourceRef, messageId);
  }
}

/**
 * The messages of a source newer than `afterId`, oldest first, at most `limit` of them (the
 * newest ones when more were missed; `truncated` tells). FloodWait is honoured. When GramJS
 * does not know the chat id yet (a fresh process), the source's public `username` is resolved
 * instead, and used only if it still names the same chat.
 *
 * ```ts
 * const { messages } = await fetchMissed(client, '-1001234', { afterId: 41, limit: 100, username: 'city_news' });
 * for (const message of messages) await ingest(message);
 * ```
 */
export async function fetchMissed(
  client: TelegramClient,
  sourceRef: string,
  options: {
    readonly afterId: number;
    readonly limit: number;
    readonly username?: string | undefined;
    readonly flood?: Partial<FloodPolicy>;
  },
): Promise<{ messages: Api.Message[]; truncated: boolean }> {
  const { afterId, limit } = options;
  const peer = await withFloodWait(
    `getInputEntity ${sourceRef}`,
    () => inputPeerOf(client, sourceRef, options.username),
    options.flood,
  );
  const found = await withFloodWait(
    `getMessages ${sourceRef}`,
    () => client.getMessages(peer, { minId: afterId, limit }),
    options.flood,
  );
  const messages = [...found]
    .filter((m): m is Api.Message => m instanceof Api.Message && m.id > afterId)
    .sort((a, b) => a.id - b.id);
  const truncated = found.length >= limit;
  if (truncated) {
    (options.flood?.logger ?? consoleLogger).warn(
      line(
        `catch-up of ${sourceRef} reached its limit of ${limit} messages: older missed ones are skipped`,
      ),
    );
  }
  return { messages, truncated };
}

// --- Internal helpers ---

async function inputPeerOf(
  client: TelegramClient,
  sourceRef: string,
  username: string | undefined,
): Promise<Api.TypeInputPeer> {
  try {
    return await client.getInputEntity(sourceRef);
  } catch (error) {
    if (username === undefined) throw error;
    const byName = await client.getInputEntity(username);
    if (utils.getPeerId(byName) === sourceRef) return byName;
    throw error;
  }
}
