import type { Message, SimulatedUser } from '@anonboard/bot-api-emulator';
import { buttonNumber, readSandboxLine, type SandboxControl } from '@examples/shared';

/** One line typed in the sandbox, understood. */
export type SandboxAction =
  | SandboxControl
  | { readonly kind: 'send'; readonly who: string; readonly text: string }
  | { readonly kind: 'reply'; readonly who: string; readonly text: string }
  | { readonly kind: 'press'; readonly who: string; readonly button: number }
  | { readonly kind: 'open'; readonly who: string }
  | { readonly kind: 'photo'; readonly who: string; readonly caption: string }
  | { readonly kind: 'album'; readonly who: string }
  | { readonly kind: 'contact'; readonly who: string };

/** What a simulated person can do (everything but the sandbox's own lines). */
export type PersonAction = Exclude<SandboxAction, SandboxControl>;

/**
 * Reads a sandbox line: `bob: text` sends (`\n` is a new line), `bob press 2`, `alice open`,
 * `alice reply text`, `alice photo [caption]`, `alice album`, `alice contact`, `help`, `demo`,
 * `quit`.
 */
export function parseAction(line: string, people: readonly string[]): SandboxAction {
  const read = readSandboxLine(line);
  if (read.kind !== 'says' && read.kind !== 'does') return read;
  const who = read.name;
  if (!people.includes(who)) return unknownPerson(who, people);
  if (read.kind === 'says') return { kind: 'send', who, text: read.text };
  const { verb, arg } = read;
  switch (verb) {
    case 'press': {
      const button = buttonNumber(arg);
      return button === undefined
        ? { kind: 'error', message: 'press takes a button number, like: bob press 1' }
        : { kind: 'press', who, button };
    }
    case 'reply':
      return arg === ''
        ? { kind: 'error', message: 'reply takes a text, like: alice reply Хорошо' }
        : { kind: 'reply', who, text: arg };
    case 'open':
      return { kind: 'open', who };
    case 'photo':
      return { kind: 'photo', who, caption: arg };
    case 'album':
      return { kind: 'album', who };
    case 'contact':
      return { kind: 'contact', who };
    default:
      return { kind: 'error', message: `unknown action "${verb}"; type help` };
  }
}

/** Acts as a simulated person; throws an Error with a readable message when it cannot. */
export async function perform(
  user: SimulatedUser,
  action: PersonAction,
  latestAdPayload: string | undefined,
): Promise<void> {
  switch (action.kind) {
    case 'send':
      await user.send(action.text);
      return;
    case 'reply': {
      const last = user.lastReceived();
      if (last === undefined) throw new Error('there is nothing to reply to yet');
      await user.reply(last, action.text);
      return;
    }
    case 'press': {
      const message = user.received.findLast((m) => callbackData(m).length > 0);
      const data = message && callbackData(message)[action.button - 1];
      if (message === undefined || data === undefined) {
        throw new Error(`${action.who} has no button ${action.button} to press`);
      }
      await user.press(message, data);
      return;
    }
    case 'open': {
      const payload = latestAdPayload;
      if (payload === undefined)
        throw new Error('nobody has an ad link yet: publish one with /newad');
      await user.command('start', payload);
      return;
    }
    case 'photo':
      await user.sendPhoto(action.caption === '' ? {} : { caption: action.caption });
      return;
    case 'album':
      await user.sendAlbum([{ type: 'photo', caption: 'album' }, { type: 'photo' }]);
      return;
    case 'contact':
      await user.sendContact();
      return;
    default:
      action satisfies never;
  }
}

// --- Internal helpers ---

function unknownPerson(who: string, people: readonly string[]): SandboxAction {
  return { kind: 'error', message: `"${who}" is nobody here; people: ${people.join(', ')}` };
}

function callbackData(message: Message): string[] {
  return (message.reply_markup?.inline_keyboard ?? [])
    .flat()
    .flatMap((b) =>
      'callback_data' in b && b.callback_data !== undefined ? [b.callback_data] : [],
    );
}
