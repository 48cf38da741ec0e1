import { badRequest } from './errors.js';

/**
 * How the bot answered a button press (the `answerCallbackQuery` parameters), plus the data of
 * the press it answers.
 *
 * ```ts
 * await alice.press(alice.lastReceived()!);
 * await emu.waitFor(() => alice.callbackAnswers[0]?.text === 'Approved');
 * ```
 */
export interface CallbackAnswer {
  callback_query_id: string;
  data: string | undefined;
  text?: string;
  show_alert: boolean;
  url?: string;
  cache_time?: number;
}

interface PendingQuery {
  readonly chatId: number;
  readonly userId: number;
  readonly data: string | undefined;
  answered: boolean;
}

/** Callback queries created by presses, and the answers the bot gave them. */
export class CallbackRegistry {
  private sequence = 0;
  private readonly queries = new Map<string, PendingQuery>();
  private readonly answers = new Map<number, CallbackAnswer[]>();

  create(userId: number, chatId: number, data: string | undefined): string {
    this.sequence += 1;
    // Telegram's ids are opaque decimal strings; derive one that is unique per press.
    const id = (BigInt(userId) * 4_294_967_296n + BigInt(this.sequence)).toString();
    this.queries.set(id, { chatId, userId, data, answered: false });
    return id;
  }

  /** The chat a query's message lives in, for fault targeting. */
  chatOf(queryId: string): number | undefined {
    return this.queries.get(queryId)?.chatId;
  }

  answer(queryId: string, answer: Omit<CallbackAnswer, 'callback_query_id' | 'data'>): void {
    const query = this.queries.get(queryId);
    if (query === undefined || query.answered) {
      throw badRequest('query is too old and response timeout expired or query ID is invalid');
    }
    query.answered = true;
    this.answersFor(query.userId).push({ callback_query_id: queryId, data: query.data, ...answer });
  }

  answersFor(userId: number): CallbackAnswer[] {
    let list = this.answers.get(userId);
    if (list === undefined) {
      list = [];
      this.answers.set(userId, list);
    }
    return list;
  }
}
