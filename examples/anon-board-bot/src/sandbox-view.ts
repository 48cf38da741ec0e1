import type { Message, SimulatedUser } from '@anonboard/bot-api-emulator';

const mediaKinds = [
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
] as const;

/** A message in one line: its text, or `[photo] caption`, with numbered buttons. */
export function describeMessage(message: Message): string {
  const kind = mediaKinds.find((k) => message[k] !== undefined);
  const body = message.text ?? message.caption ?? '';
  const parts = [
    kind === undefined ? '' : `[${kind}]`,
    body.replaceAll('\n', ' ⏎ '),
    message.reply_to_message === undefined ? '' : '(reply)',
    ...buttonsOf(message).map((label, i) => `[${i + 1}: ${label}]`),
  ];
  return parts.filter((p) => p !== '').join(' ');
}

/** The labels of a message's inline buttons, in order. */
export function buttonsOf(message: Message): string[] {
  return (message.reply_markup?.inline_keyboard ?? []).flat().map((b) => b.text);
}

/**
 * Prints what each simulated person received since the last call (and the bot's answers to
 * their button presses).
 */
export class Inbox {
  private readonly seen = new Map<string, { messages: Set<number>; answers: number }>();
  /** The `/start` payload of the newest ad link anyone received. */
  latestAdPayload: string | undefined;

  constructor(
    private readonly people: ReadonlyMap<string, SimulatedUser>,
    private readonly print: (line: string) => void,
  ) {}

  /** Prints everything new; returns how many lines it printed. */
  flush(): number {
    let printed = 0;
    for (const [name, user] of this.people) {
      const seen = this.seen.get(name) ?? { messages: new Set<number>(), answers: 0 };
      this.seen.set(name, seen);
      for (const message of user.received) {
        if (seen.messages.has(message.message_id)) continue;
        seen.messages.add(message.message_id);
        this.latestAdPayload =
          /\?start=([\w-]+)/.exec(message.text ?? '')?.[1] ?? this.latestAdPayload;
        this.print(`    ${name} ← ${describeMessage(message)}`);
        printed++;
      }
      for (const answer of user.callbackAnswers.slice(seen.answers)) {
        if (answer.text !== undefined) this.print(`    ${name} ← (button answer) ${answer.text}`);
      }
      seen.answers = user.callbackAnswers.length;
    }
    return printed;
  }
}
