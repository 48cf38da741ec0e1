import { type ChildProcess, spawn } from 'node:child_process';

/** An example's `src/main.ts` running as a child process, as its `start` script runs it. */
export interface MainProcess {
  readonly child: ChildProcess;
  /** Everything printed so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
}

/** Starts an example's main process; {@link mainRunner} makes one. */
export interface MainRunner {
  /** Starts `src/main.ts` with only the given settings (the test's own are cleared). */
  run(env: Record<string, string>, args?: readonly string[]): MainProcess;
  /** Kills what is still running and waits for it to exit: for `afterEach`. */
  killAll(): Promise<void>;
}

/** Which example to run, and which variables are its settings. */
export interface MainRunnerOptions {
  /** The example's folder (where `src/main.ts` is). */
  readonly exampleDir: string;
  /** Whether a variable is one of the example's settings, kept out of the test's environment. */
  readonly isSetting: (name: string) => boolean;
  /**
   * The file to run instead of `src/main.ts`, relative to `exampleDir`: a test's variant of the
   * process (`test/support/riding-main.ts`).
   */
  readonly entry?: string;
}

/**
 * Runs an example's `src/main.ts` in child processes, as `tsx --conditions=dev-source` does, so a
 * test sees exactly what an operator would: the output, the exit code, signals. Node loads tsx
 * itself (`--import tsx`): the child is the bot's own process, so a SIGKILL kills the bot (the
 * `tsx` command would run it in a grandchild that outlives a SIGKILL of its parent).
 *
 * ```ts
 * const { run, killAll } = mainRunner({ exampleDir, isSetting: (name) => name === 'BOT_TOKEN' });
 * afterEach(killAll);
 * const main = run({ LOCALE: 'fr' });
 * expect(await main.exited).toBe(1);
 * ```
 */
export function mainRunner(options: MainRunnerOptions): MainRunner {
  const running: MainProcess[] = [];
  return {
    run(env, args = []) {
      const base = Object.fromEntries(
        Object.entries(process.env).filter(([name]) => !options.isSetting(name)),
      );
      const child = spawn(
        process.execPath,
        ['--conditions=dev-source', '--import', 'tsx', options.entry ?? 'src/main.ts', ...args],
        {
          cwd: options.exampleDir,
          env: { ...base, ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let out = '';
      let err = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        err += chunk.toString('utf8');
      });
      const exited = new Promise<number | null>((resolve) =>
        child.once('exit', (code) => resolve(code)),
      );
      const main: MainProcess = { child, stdout: () => out, stderr: () => err, exited };
      running.push(main);
      return main;
    },
    async killAll() {
      for (const main of running.splice(0)) {
        if (main.child.exitCode === null && main.child.signalCode === null) {
          main.child.kill('SIGKILL');
          await main.exited;
        }
      }
    },
  };
}
