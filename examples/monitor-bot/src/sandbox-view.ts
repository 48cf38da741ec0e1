import type { Message, SimulatedChannel, SimulatedUser } from '@anonboard/bot-api-emulator';

const mediaKinds = [
  'photo',
  'video',
  'animation',
  'voice',
  'video_note',
  'audio',
  'document',
  'sticker',
] as const;

/** Continuation lines of a long message start under its first line. */
const INDENT = '        ';

/** A message as the transcript shows it: its text (lines kept), `[photo]`, numbered buttons. */
export function describeMessage(message: Message): string {
  const kind = mediaKinds.find((k) => message[k] !== undefined);
  const body = message.text ?? message.caption ?? '';
  const parts = [
    kind === undefined ? '' : `[${kind}]`,
    body.replaceAll('\n', `\n${INDENT}`),
    ...buttonsOf(message).map((label, i) => `[${i + 1}: ${label}]`),
  ];
  return parts.filter((p) => p !== '').join(' ');
}

/** The labels of a message's inline buttons, in order. */
export function buttonsOf(message: Message): string[] {
  return (message.reply_markup?.inline_keyboard ?? []).flat().map((b) => b.text);
}

/**
 * Prints what each simulated person received since the last call (with the bot's answers to
 * their button presses), messages the bot edited since (admins' cards after a decision), and
 * what the channel published.
 */
export class Inbox {
  private readonly seen = new Map<string, { messages: Map<number, string>; answers: number }>();

  constructor(
    private readonly people: ReadonlyMap<string, SimulatedUser>,
    private readonly channel: SimulatedChannel,
    private readonly print: (line: string) => void,
  ) {}

  /** Prints everything new; returns how many lines it printed. */
  flush(): number {
    let printed = 0;
    for (const [name, user] of this.people) {
      const seen = this.seenOf(name);
      printed += this.show(`${name} ←`, user.received, seen.messages);
      for (const answer of user.callbackAnswers.slice(seen.answers)) {
        if (answer.text !== undefined) this.print(`    ${name} ← (button answer) ${answer.text}`);
      }
      seen.answers = user.callbackAnswers.length;
    }
    const channel = this.seenOf('#channel');
    printed += this.show(`📢 ${this.channel.chat.title} ←`, this.channel.posts, channel.messages);
    return printed;
  }

  // --- Internal helpers ---

  private show(who: string, messages: readonly Message[], seen: Map<number, string>): number {
    let printed = 0;
    for (const message of messages) {
      const shown = describeMessage(message);
      const before = seen.get(message.message_id);
      if (before === shown) continue;
      seen.set(message.message_id, shown);
      this.print(`    ${who} ${before === undefined ? '' : '(edited) '}${shown}`);
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
