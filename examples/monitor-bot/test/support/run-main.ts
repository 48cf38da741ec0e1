import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const exampleDir = fileURLToPath(new URL('../..', import.meta.url));
const tsx = fileURLToPath(new URL('../../../../node_modules/.bin/tsx', import.meta.url));
/** Settings the test's own environment must not leak into the child. */
const settings =
  /^(BOT_TOKEN|TELEGRAM_API_ROOT|DATABASE_PATH|DATABASE_URL|CHANNEL_ID|ADMIN_IDS|LOCALE|DEFAULT_THRESHOLD|FEED_TOPIC|SANDBOX_DEMO|SCORER.*|GIGACHAT_.*|OPENAI_.*|TG_.*)$/;

/** `src/main.ts` running as a child process, as `pnpm start` runs it. */
export interface MainProcess {
  readonly child: ChildProcess;
  /** Everything printed so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
}

/** Starts `src/main.ts` with only the given settings. */
export function runMain(env: Record<string, string>, args: readonly string[] = []): MainProcess {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !settings.test(name)),
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

/** A session string GramJS accepts (a made-up auth key: it logs nobody in). */
export function fakeSession(): string {
  const raw = Buffer.concat([
    Buffer.from([2, 0, 9]),
    Buffer.from('127.0.0.1'),
    Buffer.from([0x01, 0xbb]),
    Buffer.alloc(256, 7),
  ]);
  return `1${raw.toString('base64')}`;
}
