import type { Message, SimulatedChannel, SimulatedUser } from '@anonboard/bot-api-emulator';

/**
 * The content kinds a transcript tags, in the order they are looked for. The emulator keeps the
 * same list for copies (`content/copy.ts`) but exports no helper naming a message's kind.
 */
const taggedKinds = [
  'photo',
  'video',
  'animation',
  'voice',
  'video_note',
  'audio',
  'document',
  'sticker',
  'location',
  'contact',
] as const satisfies ReadonlyArray<keyof Message>;

/** How a transcript writes a message. */
export interface MessageStyle {
  /** Stands for each new line of the text: ` ⏎ ` keeps a message on one line. */
  readonly lineBreak: string;
  /** Whether a reply says `(reply)`. */
  readonly markReplies: boolean;
}

/**
 * A message as a transcript shows it: `[photo]` (or another kind), its text or caption, and its
 * numbered buttons.
 *
 * ```ts
 * describeMessage(message, { lineBreak: ' ⏎ ', markReplies: true }); // '[photo] Вот он (reply) [1: Да]'
 * ```
 */
export function describeMessage(message: Message, style: MessageStyle): string {
  const kind = taggedKinds.find((k) => message[k] !== undefined);
  const body = message.text ?? message.caption ?? '';
  const parts = [
    kind === undefined ? '' : `[${kind}]`,
    body.replaceAll('\n', style.lineBreak),
    style.markReplies && message.reply_to_message !== undefined ? '(reply)' : '',
    ...buttonsOf(message).map((label, i) => `[${i + 1}: ${label}]`),
  ];
  return parts.filter((p) => p !== '').join(' ');
}

/**
 * The labels of a message's inline buttons, in order.
 *
 * ```ts
 * buttonsOf(card); // ['✅ Принять', '❌ Отклонить']
 * ```
 */
export function buttonsOf(message: Message): string[] {
  return (message.reply_markup?.inline_keyboard ?? []).flat().map((b) => b.text);
}

/** What an {@link Inbox} prints and how. */
export interface InboxOptions {
  readonly print: (line: string) => void;
  readonly style: MessageStyle;
  /** Show a message again, marked `(edited)`, when the bot edits it (admins' cards after a decision). */
  readonly showEdits: boolean;
  /** Hears each message the first time it is shown. */
  readonly onNew?: (message: Message) => void;
}

/**
 * Prints what each simulated person received since the last call (with the bot's answers to
 * their button presses), and what each channel published.
 *
 * ```ts
 * const inbox = new Inbox(people, [], { print, style, showEdits: false });
 * inbox.flush();
 * ```
 */
export class Inbox {
  private readonly seen = new Map<string, { messages: Map<number, string>; answers: number }>();

  constructor(
    private readonly people: ReadonlyMap<string, SimulatedUser>,
    private readonly channels: readonly SimulatedChannel[],
    private readonly options: InboxOptions,
  ) {}

  /** Prints everything new; returns how many messages it printed. */
  flush(): number {
    let printed = 0;
    for (const [name, user] of this.people) {
      const seen = this.seenOf(name);
      printed += this.show(`${name} ←`, user.received, seen.messages);
      for (const answer of user.callbackAnswers.slice(seen.answers)) {
        if (answer.text !== undefined) {
          this.options.print(`    ${name} ← (button answer) ${answer.text}`);
        }
      }
      seen.answers = user.callbackAnswers.length;
    }
    for (const channel of this.channels) {
      // `#` keeps a channel's record apart from a person's: names are words.
      const seen = this.seenOf(`#${channel.id}`);
      printed += this.show(`📢 ${channel.chat.title} ←`, channel.posts, seen.messages);
    }
    return printed;
  }

  // --- Internal helpers ---

  private show(who: string, messages: readonly Message[], seen: Map<number, string>): number {
    let printed = 0;
    for (const message of messages) {
      const before = seen.get(message.message_id);
      if (before !== undefined && !this.options.showEdits) continue;
      const shown = describeMessage(message, this.options.style);
      if (before === shown) continue;
      seen.set(message.message_id, shown);
      if (before === undefined) this.options.onNew?.(message);
      this.options.print(`    ${who} ${before === undefined ? '' : '(edited) '}${shown}`);
      printed++;
    }
    return printed;
  }

  private seenOf(name: string): { messages: Map<number, string>; answers: number } {
    const seen = this.seen.get(name) ?? { messages: new Map<number, string>(), answers: 0 };
    this.seen.set(name, seen);
    return seen;
  }
}
