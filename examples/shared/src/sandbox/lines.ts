/** Lines every sandbox understands the same way, and a line it could not understand. */
export type SandboxControl =
  | { readonly kind: 'help' | 'quit' | 'demo' }
  | { readonly kind: 'error'; readonly message: string };

/** A typed sandbox line, taken apart; each example gives `says` and `does` their meaning. */
export type SandboxLine =
  | { readonly kind: 'help' | 'quit' | 'demo' }
  /** `name: text`, with `\n` typed as two characters turned into a new line. */
  | { readonly kind: 'says'; readonly name: string; readonly text: string }
  /** `name verb arg…`, the words of `arg` joined by single spaces. */
  | { readonly kind: 'does'; readonly name: string; readonly verb: string; readonly arg: string };

/**
 * Takes a sandbox line apart: `help` (or `?`), `quit` (or `exit`), `demo`, `bob: text`, or
 * `bob verb arg`. Names are lower-cased, so `Bob: hi` is bob speaking.
 *
 * ```ts
 * readSandboxLine('bob press 2'); // { kind: 'does', name: 'bob', verb: 'press', arg: '2' }
 * ```
 */
export function readSandboxLine(line: string): SandboxLine {
  const trimmed = line.trim();
  if (trimmed === 'help' || trimmed === '?') return { kind: 'help' };
  if (trimmed === 'quit' || trimmed === 'exit') return { kind: 'quit' };
  if (trimmed === 'demo') return { kind: 'demo' };
  const said = /^(\w+):\s*(.+)$/s.exec(trimmed);
  if (said?.[1] !== undefined && said[2] !== undefined) {
    return { kind: 'says', name: said[1].toLowerCase(), text: said[2].replaceAll('\\n', '\n') };
  }
  const [name = '', verb = '', ...rest] = trimmed.split(/\s+/);
  return { kind: 'does', name: name.toLowerCase(), verb, arg: rest.join(' ') };
}

/**
 * The button of `press N`, counted from 1 (button 1 when N is left out); undefined when N is not
 * a whole number from 1 up.
 *
 * ```ts
 * buttonNumber('2'); // 2
 * buttonNumber(''); // 1
 * ```
 */
export function buttonNumber(arg: string): number | undefined {
  const button = Number(arg || '1');
  return Number.isInteger(button) && button >= 1 ? button : undefined;
}
