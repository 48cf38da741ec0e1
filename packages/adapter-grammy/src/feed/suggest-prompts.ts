import type { Locale, Texts } from '@anonboard/core';
import type { Message } from 'grammy/types';

/**
 * Who was asked for the text of a post by `/suggest`, so their next message is the suggestion.
 * Kept in memory with a deadline; the question itself is sent with Telegram's `force_reply`, so
 * an answer given as a reply to it is recognised without this memory (after a restart, or on
 * another bot instance).
 *
 * ```ts
 * const prompts = new SuggestPrompts(10 * 60_000);
 * prompts.arm(42);
 * prompts.isWaiting(42); // true, for ten minutes or until cleared
 * ```
 */
export class SuggestPrompts {
  private readonly waiting = new Map<number, number>();

  constructor(
    private readonly waitMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The person with this Telegram id was just asked for a text. */
  arm(telegramId: number): void {
    this.sweep();
    this.waiting.set(telegramId, this.now() + this.waitMs);
  }

  /** Whether the person's next message is the text of their post. */
  isWaiting(telegramId: number): boolean {
    const until = this.waiting.get(telegramId);
    return until !== undefined && until > this.now();
  }

  /** The question was answered (or replaced by another command). */
  clear(telegramId: number): void {
    this.waiting.delete(telegramId);
  }

  // --- Internal helpers ---

  /** Drops expired entries, so people who never answered do not pile up. */
  private sweep(): void {
    const now = this.now();
    for (const [id, until] of this.waiting) if (until <= now) this.waiting.delete(id);
  }
}

/** Whether `message` answers the bot's `/suggest` question by replying to it (in any locale). */
export function answersSuggestPrompt(message: Message, botId: number, texts: Texts): boolean {
  const asked = message.reply_to_message;
  if (asked?.from?.id !== botId || asked.text === undefined) return false;
  return (['ru', 'en'] as const satisfies readonly Locale[]).some(
    (locale) => texts.render('suggest.ask', undefined, locale) === asked.text,
  );
}
