import { createInterface } from 'node:readline';
import type { Emulator } from '@anonboard/bot-api-emulator';
import type { SandboxControl } from './lines.js';
import { waitUntilQuiet } from './settle.js';
import type { Inbox } from './view.js';

/** How a sandbox runs: interactively (lines from `input`) or the scripted demo. */
export interface SandboxOptions {
  readonly demo: boolean;
  /** Where typed lines come from; default stdin. */
  readonly input?: NodeJS.ReadableStream;
  /** Where the transcript goes; default `console.log`. */
  readonly print?: (line: string) => void;
}

/** The bot a sandbox plays with. */
export interface SandboxBot {
  /** Starts it and prints the sandbox's introduction. */
  start(): Promise<void>;
  /** Hands over what the bot holds back (pending albums) and drains its outbox. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

/** One example's sandbox: its bot, lines, demo and actions; {@link playSandbox} runs it. */
export interface SandboxScript<Action extends { readonly kind: string }> {
  readonly emu: Emulator;
  readonly bot: SandboxBot;
  /** Prints what everyone received after each action. */
  readonly inbox: Inbox;
  readonly print: (line: string) => void;
  /** What `help` prints (the interactive sandbox prints it first). */
  readonly help: string;
  /** The demo's lines, played as if typed. */
  readonly demo: readonly string[];
  /** Printed once the demo has played. */
  readonly demoSummary: string;
  /** Understands a typed line. */
  parse(line: string): Action | SandboxControl;
  /** Acts; an Error it throws is shown as `  ! message` and the line ends there. */
  perform(action: Action): Promise<void>;
}

/**
 * Plays a sandbox: starts the bot, then the demo, or the lines typed on `input` until `quit` or
 * the input ends (with no stdin, at once). After each action it waits for the bot to fall quiet
 * and prints what everyone received. Stops the bot and closes the emulator in the end, even when
 * starting failed. Resolves with the exit code.
 *
 * ```ts
 * process.exitCode = await playSandbox({ emu, bot, inbox, print, help, demo, demoSummary, parse, perform }, { demo: true });
 * ```
 */
export async function playSandbox<Action extends { readonly kind: string }>(
  script: SandboxScript<Action>,
  options: SandboxOptions,
): Promise<number> {
  try {
    await script.bot.start();
    if (options.demo) {
      for (const line of script.demo) await runLine(line, script);
      script.print(script.demoSummary);
      return 0;
    }
    script.print(script.help);
    const lines = createInterface({ input: options.input ?? process.stdin, terminal: false });
    for await (const line of lines) {
      if (line.trim() === '') continue;
      if ((await runLine(line, script)) === 'quit') break;
    }
    lines.close();
    return 0;
  } finally {
    await script.bot.stop();
    await script.emu.close();
  }
}

// --- Internal helpers ---

const controlKinds: ReadonlySet<string> = new Set(['help', 'quit', 'demo', 'error']);

function isControl(action: { readonly kind: string }): action is SandboxControl {
  return controlKinds.has(action.kind);
}

async function runLine<Action extends { readonly kind: string }>(
  line: string,
  script: SandboxScript<Action>,
): Promise<'quit' | undefined> {
  const action = script.parse(line);
  if (!isControl(action)) {
    script.print(`▶ ${line.trim()}`);
    try {
      await script.perform(action);
    } catch (error) {
      script.print(`  ! ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    await waitUntilQuiet(script.emu, () => script.bot.flush());
    script.inbox.flush();
    return undefined;
  }
  switch (action.kind) {
    case 'quit':
      return 'quit';
    case 'help':
      script.print(script.help);
      return undefined;
    case 'demo':
      for (const step of script.demo) await runLine(step, script);
      return undefined;
    case 'error':
      script.print(`  ! ${action.message}`);
      return undefined;
    default:
      return action satisfies never;
  }
}
