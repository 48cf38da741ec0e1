import { Readable } from 'node:stream';
import type { SandboxOptions } from '../sandbox/session.js';

/** What a sandbox did with the lines typed into it. */
export interface SandboxRun {
  readonly code: number;
  /** Everything it printed, one line each. */
  readonly transcript: string;
}

/**
 * Types `lines` into an interactive sandbox, as if on stdin, and collects what it prints.
 *
 * ```ts
 * const { code, transcript } = await typeIntoSandbox((options) => runSandbox(config, options), ['bob: /start', 'quit']);
 * ```
 */
export async function typeIntoSandbox(
  run: (options: SandboxOptions) => Promise<number>,
  lines: readonly string[],
): Promise<SandboxRun> {
  const printed: string[] = [];
  const code = await run({
    demo: false,
    input: Readable.from(lines.join('\n')),
    print: (line) => printed.push(line),
  });
  return { code, transcript: printed.join('\n') };
}
