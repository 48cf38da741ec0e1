import type {
  ChatId,
  MessageLink,
  MessageMapRepository,
  MessageSide,
  UserId,
} from '@anonboard/core';
import type { TxScope } from './scope.js';
import { defineSql } from './statement.js';

/** The SQL of the message map. */
export const messagesSql = defineSql('messages', {
  // Both sides in one statement; rows in key order, so two transactions linking the same pair
  // lock its rows in the same order and cannot deadlock on them.
  link: `INSERT INTO message_links (user_id, message_id, chat_id, peer_user_id, peer_message_id)
    VALUES ($1, $2, $3, $4, $5), ($4, $5, $3, $1, $2)
    ON CONFLICT (user_id, message_id) DO UPDATE SET chat_id = EXCLUDED.chat_id,
      peer_user_id = EXCLUDED.peer_user_id, peer_message_id = EXCLUDED.peer_message_id`,
  // A message linked to itself: one row.
  linkSelf: `INSERT INTO message_links (user_id, message_id, chat_id, peer_user_id, peer_message_id)
    VALUES ($1, $2, $3, $1, $2)
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
    if (a.userId === b.userId && a.messageId === b.messageId) {
      this.db.later(messagesSql.linkSelf, [a.userId, a.messageId, chatId]);
      return;
    }
    const [first, second] = before(a, b) ? [a, b] : [b, a];
    // Nothing reads the outcome: sent without waiting, it travels with the next statement.
    this.db.later(messagesSql.link, [
      first.userId,
      first.messageId,
      chatId,
      second.userId,
      second.messageId,
    ]);
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

function before(a: MessageSide, b: MessageSide): boolean {
  return a.userId === b.userId ? a.messageId < b.messageId : a.userId < b.userId;
}
