import { UserbotError } from './errors.js';
import { describeError, line } from './logger.js';
import { createTerminalPrompter, type LoginClient, type LoginPrompter, login } from './login.js';

/**
 * What {@link runCli} talks to; all optional (defaults: the terminal, a real GramJS client).
 *
 * ```ts
 * const code = await runCli(['login'], { env: process.env, stdout: (l) => out.push(l) });
 * ```
 */
export interface CliDeps {
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Where the session string (and usage) go: the only output meant for capture. */
  readonly stdout?: (text: string) => void;
  /** Where errors go. */
  readonly stderr?: (text: string) => void;
  /** Asks the questions (default: the terminal, prompts on stderr, password hidden). */
  readonly prompter?: LoginPrompter;
  readonly createClient?: (credentials: { apiId: number; apiHash: string }) => LoginClient;
}

/**
 * The help of `anonboard-userbot`.
 *
 * ```ts
 * console.log(cliUsage);
 * ```
 */
export const cliUsage = `Usage: anonboard-userbot <command>

Commands:
  login   log a Telegram user account in and print its session string for TG_SESSION
          (asks for phone, code and 2FA password; TG_API_ID / TG_API_HASH are read from
          the environment or asked for; get them at https://my.telegram.org)
  help    show this help

Example:
  TG_SESSION=$(npx anonboard-userbot login)`;

/**
 * The `anonboard-userbot` command line; resolves with the exit code (0 ok, 1 failed, 2 usage).
 *
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2), { env: process.env });
 * ```
 */
export async function runCli(argv: readonly string[], deps: CliDeps = {}): Promise<number> {
  const stdout = deps.stdout ?? ((text: string) => process.stdout.write(`${text}\n`));
  const stderr = deps.stderr ?? ((text: string) => process.stderr.write(`${text}\n`));
  const [command] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    stdout(cliUsage);
    return 0;
  }
  if (command !== 'login') {
    stderr(
      command === undefined ? cliUsage : `${line(`unknown command "${command}"`)}\n${cliUsage}`,
    );
    return 2;
  }
  const terminal = deps.prompter === undefined ? createTerminalPrompter() : undefined;
  const prompter = deps.prompter ?? terminal;
  if (prompter === undefined) return 1;
  try {
    const session = await login({
      prompter,
      env: deps.env ?? {},
      ...(deps.createClient === undefined ? {} : { createClient: deps.createClient }),
    });
    stdout(session);
    return 0;
  } catch (error) {
    stderr(
      error instanceof UserbotError ? error.message : line(`login failed: ${describeError(error)}`),
    );
    return 1;
  } finally {
    terminal?.close();
  }
}
