import type {
  ChatId,
  MessageLink,
  MessageMapRepository,
  MessageSide,
  UserId,
} from '@anonboard/core';
import type { GatheredWrite, TxScope } from './scope.js';
import { defineSql } from './statement.js';

/** The SQL of the message map. */
export const messagesSql = defineSql('messages', {
  // Rows $1…$5 as arrays (one row per element: both sides of every link, each key once), in key
  // order, so two transactions linking the same messages lock their rows in the same order and
  // cannot deadlock on them.
  linkAll: `INSERT INTO message_links (user_id, message_id, chat_id, peer_user_id, peer_message_id)
    SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::bigint[])
    ON CONFLICT (user_id, message_id) DO UPDATE SET chat_id = EXCLUDED.chat_id,
      peer_user_id = EXCLUDED.peer_user_id, peer_message_id = EXCLUDED.peer_message_id`,
  find: `SELECT chat_id, peer_user_id, peer_message_id FROM message_links
    WHERE user_id = $1 AND message_id = $2`,
});

interface LinkRow {
  readonly chat_id: string;
  readonly peer_user_id: string;
  /** bigint: a string from node-postgres. */
  readonly peer_message_id: string;
}

export class PostgresMessageMapRepository implements MessageMapRepository {
  constructor(private readonly db: TxScope) {}

  async link(chatId: string, a: MessageSide, b: MessageSide): Promise<void> {
    // Nothing reads the outcome: gathered with the transaction's other links (a batch's
    // deliveries), they leave as one statement with the next one sent (see TxScope.gather).
    this.db.gather(links, { chatId, a, b });
  }

  async find(side: MessageSide): Promise<MessageLink | undefined> {
    const row = await this.db.row<LinkRow>(messagesSql.find, [side.userId, side.messageId]);
    if (row === undefined) return undefined;
    return {
      chatId: row.chat_id as ChatId,
      peer: { userId: row.peer_user_id as UserId, messageId: Number(row.peer_message_id) },
    };
  }
}

/**
 * Links of a transaction, sent together: both rows of each (one for a message linked to itself),
 * a key linked again keeping its last link (as one statement after another would), in key
 * order, so two transactions linking the same messages lock their rows in the same order.
 */
const links: GatheredWrite<{ chatId: string; a: MessageSide; b: MessageSide }> = {
  statements: (items) => {
    const rows = new Map<string, readonly [MessageSide, string, MessageSide]>();
    for (const { chatId, a, b } of items) {
      rows.set(keyOf(a), [a, chatId, b]);
      rows.set(keyOf(b), [b, chatId, a]);
    }
    const sorted = [...rows.values()].sort(([x], [y]) =>
      before(x, y) ? -1 : before(y, x) ? 1 : 0,
    );
    return [
      [
        messagesSql.linkAll,
        [
          sorted.map(([side]) => side.userId),
          sorted.map(([side]) => side.messageId),
          sorted.map(([, chatId]) => chatId),
          sorted.map(([, , peer]) => peer.userId),
          sorted.map(([, , peer]) => peer.messageId),
        ],
      ],
    ];
  },
};

function keyOf(side: MessageSide): string {
  return `${side.messageId} ${side.userId}`;
}

function before(a: MessageSide, b: MessageSide): boolean {
  return a.userId === b.userId ? a.messageId < b.messageId : a.userId < b.userId;
}
