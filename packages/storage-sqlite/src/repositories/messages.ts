import type {
  ChatId,
  MessageLink,
  MessageMapRepository,
  MessageSide,
  UserId,
} from '@anonboard/core';
import type { Database } from 'better-sqlite3';
import type { TxScope } from './scope.js';
import type { Statement } from './statement.js';

/** The SQL of the message map (exported for query-plan tests). */
export const messagesSql = {
  // Both sides in one statement, each naming the other.
  link: `INSERT INTO message_links (user_id, message_id, chat_id, peer_user_id, peer_message_id)
    VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)
    ON CONFLICT (user_id, message_id) DO UPDATE SET chat_id = excluded.chat_id,
      peer_user_id = excluded.peer_user_id, peer_message_id = excluded.peer_message_id`,
  find: `SELECT chat_id, peer_user_id, peer_message_id FROM message_links
    WHERE user_id = ? AND message_id = ?`,
} as const;

export interface LinkRow {
  readonly chat_id: string;
  readonly peer_user_id: string;
  readonly peer_message_id: number;
}

type LinkParams = [string, number, string, string, number, string, number, string, string, number];

export interface MessageStatements {
  readonly link: Statement<LinkParams>;
  readonly find: Statement<[string, number], LinkRow>;
}

export function prepareMessages(db: Database): MessageStatements {
  return {
    link: db.prepare<LinkParams>(messagesSql.link),
    find: db.prepare<[string, number], LinkRow>(messagesSql.find),
  };
}

export class SqliteMessageMapRepository implements MessageMapRepository {
  constructor(
    private readonly s: MessageStatements,
    private readonly scope: TxScope,
  ) {}

  async link(chatId: string, a: MessageSide, b: MessageSide): Promise<void> {
    this.scope.check();
    this.s.link.run(
      a.userId,
      a.messageId,
      chatId,
      b.userId,
      b.messageId,
      b.userId,
      b.messageId,
      chatId,
      a.userId,
      a.messageId,
    );
  }

  async find(side: MessageSide): Promise<MessageLink | undefined> {
    this.scope.check();
    const row = this.s.find.get(side.userId, side.messageId);
    if (row === undefined) return undefined;
    return {
      chatId: row.chat_id as ChatId,
      peer: { userId: row.peer_user_id as UserId, messageId: row.peer_message_id },
    };
  }
}
