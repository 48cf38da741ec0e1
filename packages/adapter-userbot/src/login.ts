import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { Logger, TelegramClient } from 'telegram';
import type { UserAuthParams } from 'telegram/client/auth.js';
import { LogLevel } from 'telegram/extensions/Logger.js';
import { StringSession } from 'telegram/sessions/index.js';
import { parseApiHash, parseApiId } from './env.js';
import { UserbotError } from './errors.js';
import { describeError, line } from './logger.js';

/**
 * How the login talks to the person at the terminal.
 *
 * ```ts
 * const prompter: LoginPrompter = { ask: async () => '+79991234567', askSecret: async () => 'pw', say: console.error };
 * ```
 */
export interface LoginPrompter {
  /** Asks a question; resolves with the answer, trimmed. */
  ask(question: string): Promise<string>;
  /** Asks without echoing what is typed (the 2FA password). */
  askSecret(question: string): Promise<string>;
  /** Tells something (progress, errors). */
  say(text: string): void;
}

/**
 * The part of a GramJS client the login drives: `client.start` and the session it produced.
 *
 * ```ts
 * const session = new StringSession('');
 * const client = new TelegramClient(session, apiId, apiHash, {});
 * const loginClient: LoginClient = { start: (p) => client.start(p), session: () => session.save(), close: () => client.destroy() };
 * ```
 */
export interface LoginClient {
  /** GramJS's `client.start(params)`: connects, then asks for phone, code and password. */
  start(params: UserAuthParams): Promise<void>;
  /** The session string once logged in. */
  session(): string;
  close(): Promise<void>;
}

/**
 * Options of {@link login}.
 *
 * ```ts
 * const options: LoginOptions = { prompter, env: process.env };
 * ```
 */
export interface LoginOptions {
  readonly prompter: LoginPrompter;
  /** `TG_API_ID` / `TG_API_HASH` are taken from here when set; else they are asked for. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Makes the client; tests inject a fake `start` (default: a real GramJS client). */
  readonly createClient?: (credentials: { apiId: number; apiHash: string }) => LoginClient;
  /** Errors (wrong code, wrong password…) accepted before giving up (default 5). */
  readonly maxErrors?: number;
}

/**
 * Logs a user account in, asking for phone, code and 2FA password, and returns the session string
 * to put in `TG_SESSION`. The password goes to Telegram's SRP check and is never stored.
 *
 * ```ts
 * const session = await login({ prompter: createTerminalPrompter(), env: process.env });
 * console.log(session); // TG_SESSION=<this>
 * ```
 */
export async function login(options: LoginOptions): Promise<string> {
  const { prompter } = options;
  const env = options.env ?? {};
  const maxErrors = options.maxErrors ?? 5;
  const apiId = parseApiId(
    env.TG_API_ID?.trim() || (await prompter.ask('api_id (from https://my.telegram.org): ')),
  );
  const apiHash = parseApiHash(env.TG_API_HASH?.trim() || (await prompter.ask('api_hash: ')));
  const client = (options.createClient ?? createLoginClient)({ apiId, apiHash });
  let errorCount = 0;
  let lastError = '';
  try {
    await client.start({
      phoneNumber: async () =>
        (await prompter.ask('Phone number, international format (+79991234567): ')).replace(
          /[\s()-]/g,
          '',
        ),
      phoneCode: async (viaApp) =>
        (
          await prompter.ask(viaApp === true ? 'Code from the Telegram app: ' : 'Code from SMS: ')
        ).replace(/\s/g, ''),
      password: (hint) =>
        prompter.askSecret(hint ? `2FA password (hint: ${hint}): ` : '2FA password: '),
      onError: async (error) => {
        errorCount++;
        lastError = describeError(error);
        prompter.say(line(`login: ${lastError}`));
        return errorCount >= maxErrors;
      },
    });
    const session = client.session();
    if (session === '') throw new Error('no session was produced');
    prompter.say(
      line('logged in. Put the line below in TG_SESSION; keep it secret: it is a full login'),
    );
    return session;
  } catch (error) {
    if (error instanceof UserbotError) throw error;
    const why =
      errorCount >= maxErrors ? `${errorCount} errors, last: ${lastError}` : describeError(error);
    throw new UserbotError('login_failed', `login failed (${why})`, { cause: error });
  } finally {
    await client.close().catch(() => {});
  }
}

/**
 * A {@link LoginPrompter} on the terminal: questions on stderr (so stdout carries only the
 * session), answers from stdin, the password not echoed.
 *
 * ```ts
 * const prompter = createTerminalPrompter();
 * const phone = await prompter.ask('Phone: ');
 * prompter.close();
 * ```
 */
export function createTerminalPrompter(
  streams: { input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream } = {},
): LoginPrompter & { close(): void } {
  const input = streams.input ?? process.stdin;
  const output = streams.output ?? process.stderr;
  let muted = false;
  // readline echoes what is typed through this stream; muting it hides the password.
  const echo = new Writable({
    write(chunk, encoding, done) {
      if (!muted) output.write(chunk, encoding);
      done();
    },
  });
  const terminal = 'isTTY' in input && input.isTTY === true;
  const rl = createInterface({ input, output: echo, terminal });
  const question = (text: string) =>
    new Promise<string>((resolve) => rl.question(text, (answer) => resolve(answer.trim())));
  return {
    ask: question,
    async askSecret(text) {
      output.write(text);
      muted = true;
      try {
        return await question('');
      } finally {
        muted = false;
        output.write('\n');
      }
    },
    say: (text) => {
      output.write(`${text}\n`);
    },
    close: () => rl.close(),
  };
}

// --- Internal helpers ---

function createLoginClient(credentials: { apiId: number; apiHash: string }): LoginClient {
  const session = new StringSession('');
  const client = new TelegramClient(session, credentials.apiId, credentials.apiHash, {
    connectionRetries: 3,
    baseLogger: new Logger(LogLevel.ERROR),
  });
  return {
    start: (params) => client.start(params),
    session: () => session.save(),
    close: () => client.destroy(),
  };
}
