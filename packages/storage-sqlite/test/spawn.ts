import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const script = fileURLToPath(new URL('./fixtures/child.ts', import.meta.url));

/** A child process running `fixtures/child.ts`, with its output as lines. */
export interface Child {
  readonly process: ChildProcessWithoutNullStreams;
  /** Every line printed so far. */
  readonly lines: string[];
  /** Resolves once a printed line satisfies `test`. */
  waitFor(test: (line: string) => boolean): Promise<string>;
  /** Resolves with the exit code (or the signal) once the process has ended. */
  readonly exited: Promise<number | NodeJS.Signals>;
}

/** Starts `fixtures/child.ts <mode> <args…>` under tsx, resolving workspace packages to source. */
export function startChild(mode: string, ...args: string[]): Child {
  const child = spawn(
    process.execPath,
    ['--conditions=dev-source', '--import', 'tsx', script, mode, ...args],
    { cwd: packageDir, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const lines: string[] = [];
  const waiters: { test: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const waiter of [...waiters]) {
      if (waiter.test(line)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  const exited = new Promise<number | NodeJS.Signals>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? signal ?? -1));
  });
  return {
    process: child,
    lines,
    exited,
    waitFor(test) {
      const seen = lines.find(test);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.push({ test, resolve });
        void exited.then((how) =>
          reject(new Error(`child exited (${String(how)}) before the expected line:\n${stderr}`)),
        );
      });
    },
  };
}
