import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const exampleDir = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
const settings = ['BOT_TOKEN', 'TELEGRAM_API_ROOT', 'DATABASE_PATH', 'LOCALE', 'ADMIN_IDS', 'PORT'];

/** `src/main.ts` running as a child process, as `npm start` runs it. */
export interface MainProcess {
  readonly child: ChildProcess;
  /** Everything printed so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
}

/** Starts `src/main.ts` with only the given settings (the test's own environment is cleared of them). */
export function runMain(env: Record<string, string>, args: readonly string[] = []): MainProcess {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !settings.includes(name) && name !== 'SANDBOX_DEMO',
    ),
  );
  const child = spawn(tsx, ['--conditions=dev-source', 'src/main.ts', ...args], {
    cwd: exampleDir,
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
  return { child, stdout: () => out, stderr: () => err, exited };
}
