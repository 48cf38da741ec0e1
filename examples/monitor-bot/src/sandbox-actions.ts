import type { Message, SimulatedChannel, SimulatedUser } from '@anonboard/bot-api-emulator';
import { buttonNumber, readSandboxLine, type SandboxControl } from '@examples/shared';

/** One line typed in the sandbox, understood. */
export type SandboxAction =
  | SandboxControl
  | { readonly kind: 'send'; readonly who: string; readonly text: string }
  | { readonly kind: 'press'; readonly who: string; readonly button: number }
  | { readonly kind: 'photo'; readonly who: string; readonly caption: string }
  | { readonly kind: 'forward'; readonly who: string; readonly channel: string }
  | { readonly kind: 'post'; readonly channel: string; readonly text: string };

/** What a simulated person does (a channel's post is played by the sandbox itself). */
export type PersonAction = Extract<SandboxAction, { who: string }>;

/**
 * Reads a sandbox line: `bob: text` sends (`\n` is a new line), `city: text` posts in a channel,
 * `bob press 2`, `dave forward city`, `alice photo [caption]`, `help`, `demo`, `quit`.
 */
export function parseAction(
  line: string,
  people: readonly string[],
  channels: readonly string[],
): SandboxAction {
  const read = readSandboxLine(line);
  if (read.kind !== 'says' && read.kind !== 'does') return read;
  const who = read.name;
  if (read.kind === 'says' && channels.includes(who)) {
    return { kind: 'post', channel: who, text: read.text };
  }
  if (!people.includes(who)) return unknownName(who, people, channels);
  if (read.kind === 'says') return { kind: 'send', who, text: read.text };
  const { verb, arg } = read;
  switch (verb) {
    case 'press': {
      const button = buttonNumber(arg);
      return button === undefined
        ? { kind: 'error', message: 'press takes a button number, like: alice press 1' }
        : { kind: 'press', who, button };
    }
    case 'photo':
      return { kind: 'photo', who, caption: arg };
    case 'forward':
      return channels.includes(arg)
        ? { kind: 'forward', who, channel: arg }
        : { kind: 'error', message: `forward takes a channel: ${channels.join(', ')}` };
    default:
      return { kind: 'error', message: `unknown action "${verb}"; type help` };
  }
}

/** Acts as a simulated person; throws an Error with a readable message when it cannot. */
export async function perform(
  user: SimulatedUser,
  action: PersonAction,
  channels: ReadonlyMap<string, SimulatedChannel>,
): Promise<void> {
  switch (action.kind) {
    case 'send': {
      const command = /^\/(\w+)(?:\s+([\s\S]*))?$/.exec(action.text);
      if (command?.[1] !== undefined) await user.command(command[1], command[2] ?? '');
      else await user.send(action.text);
      return;
    }
    case 'press': {
      const message = newestWithButtons(user);
      const buttons = (message?.reply_markup?.inline_keyboard ?? []).flat();
      const button = buttons[action.button - 1];
      if (message === undefined || button === undefined || !('callback_data' in button)) {
        throw new Error(`${user.user.first_name} has no button ${action.button} to press`);
      }
      await user.press(message, button.callback_data);
      return;
    }
    case 'photo':
      await user.sendPhoto(action.caption === '' ? {} : { caption: action.caption });
      return;
    case 'forward': {
      const channel = channels.get(action.channel);
      const post = channel?.lastPost();
      if (channel === undefined || post === undefined) {
        throw new Error(`${action.channel} has posted nothing to forward yet`);
      }
      await user.forwardFrom({ chat: channel, messageId: post.message_id });
      return;
    }
    default:
      return action satisfies never;
  }
}

// --- Internal helpers ---

function newestWithButtons(user: SimulatedUser): Message | undefined {
  return user.received.findLast((m) => (m.reply_markup?.inline_keyboard.length ?? 0) > 0);
}

function unknownName(
  who: string,
  people: readonly string[],
  channels: readonly string[],
): SandboxAction {
  return {
    kind: 'error',
    message: `unknown name "${who}"; people: ${people.join(', ')}; channels: ${channels.join(', ')}`,
  };
}
