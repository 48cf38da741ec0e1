import { PassThrough } from 'node:stream';
import type { UserAuthParams } from 'telegram/client/auth.js';
import { describe, expect, it } from 'vitest';
import { UserbotError } from '../src/errors.js';
import {
  createTerminalPrompter,
  type LoginClient,
  type LoginPrompter,
  login,
} from '../src/login.js';

const hash = '0123456789abcdef0123456789abcdef';

/** A prompter answering from a script, remembering what it was asked and told. */
function scripted(answers: Record<string, string[]>) {
  const asked: string[] = [];
  const secretAsked: string[] = [];
  const said: string[] = [];
  const next = (question: string) => {
    const key = Object.keys(answers).find((k) => question.startsWith(k));
    const answer = key === undefined ? undefined : answers[key]?.shift();
    if (answer === undefined) throw new Error(`unexpected question: ${question}`);
    return answer;
  };
  const prompter: LoginPrompter = {
    ask: async (q) => {
      asked.push(q);
      return next(q);
    },
    askSecret: async (q) => {
      secretAsked.push(q);
      return next(q);
    },
    say: (text) => {
      said.push(text);
    },
  };
  return { prompter, asked, secretAsked, said };
}

/**
 * Behaves like GramJS's `client.start`: asks the phone, then the code until it is right (each
 * wrong one through `onError`), then the 2FA password; records what it received.
 */
function fakeClient(options: { code?: string; password?: string } = {}) {
  const received: {
    credentials?: { apiId: number; apiHash: string };
    phone?: string;
    password?: string;
  } = {};
  let closed = false;
  const create = (credentials: { apiId: number; apiHash: string }): LoginClient => {
    received.credentials = credentials;
    return {
      async start(params: UserAuthParams) {
        received.phone =
          typeof params.phoneNumber === 'string' ? params.phoneNumber : await params.phoneNumber();
        for (;;) {
          const code = await params.phoneCode(true);
          if (code === (options.code ?? '12345')) break;
          if (await params.onError(new Error('PHONE_CODE_INVALID')))
            throw new Error('AUTH_USER_CANCEL');
        }
        if (options.password !== undefined) {
          if (params.password === undefined) throw new Error('no password callback');
          received.password = await params.password('my cat');
        }
      },
      session: () => '1SESSION',
      close: async () => {
        closed = true;
      },
    };
  };
  return { create, received, closed: () => closed };
}

describe('login', () => {
  it('asks phone, code (again after a wrong one) and the 2FA password unechoed; returns the session', async () => {
    const { prompter, asked, secretAsked, said } = scripted({
      Phone: ['+7 (999) 123-45-67'],
      Code: ['00000', '12 345'],
      '2FA': ['correct horse'],
    });
    const client = fakeClient({ password: 'correct horse' });
    const session = await login({
      prompter,
      env: { TG_API_ID: '123', TG_API_HASH: hash },
      createClient: client.create,
    });
    expect(session).toBe('1SESSION');
    expect(client.received).toEqual({
      credentials: { apiId: 123, apiHash: hash },
      phone: '+79991234567',
      password: 'correct horse',
    });
    expect(asked).toEqual([
      'Phone number, international format (+79991234567): ',
      'Code from the Telegram app: ',
      'Code from the Telegram app: ',
    ]);
    expect(secretAsked).toEqual(['2FA password (hint: my cat): ']);
    expect(said).toEqual([
      '[anonboard] [userbot] login: PHONE_CODE_INVALID',
      '[anonboard] [userbot] logged in. Put the line below in TG_SESSION; keep it secret: it is a full login',
    ]);
    expect(said.join('\n')).not.toContain('correct horse');
    expect(client.closed()).toBe(true);
  });

  it('asks for api id and hash when the environment lacks them', async () => {
    const { prompter, asked } = scripted({
      api_id: ['777'],
      api_hash: [hash],
      Phone: ['+1'],
      Code: ['12345'],
    });
    const client = fakeClient();
    await login({ prompter, createClient: client.create });
    expect(client.received.credentials).toEqual({ apiId: 777, apiHash: hash });
    expect(asked.slice(0, 2)).toEqual(['api_id (from https://my.telegram.org): ', 'api_hash: ']);
  });

  it('gives up after maxErrors wrong codes', async () => {
    const { prompter } = scripted({ Phone: ['+1'], Code: ['1', '2', '3'] });
    const client = fakeClient();
    const failing = login({
      prompter,
      env: { TG_API_ID: '1', TG_API_HASH: hash },
      createClient: client.create,
      maxErrors: 3,
    });
    await expect(failing).rejects.toThrow(UserbotError);
    await expect(failing).rejects.toThrow(
      '[anonboard] [userbot] login failed (3 errors, last: PHONE_CODE_INVALID)',
    );
    expect(client.closed()).toBe(true);
  });

  it('rejects a malformed api id before touching Telegram', async () => {
    const { prompter } = scripted({});
    const client = fakeClient();
    await expect(
      login({
        prompter,
        env: { TG_API_ID: 'abc', TG_API_HASH: hash },
        createClient: client.create,
      }),
    ).rejects.toMatchObject({ code: 'invalid_config' });
    expect(client.received.credentials).toBeUndefined();
  });
});

describe('createTerminalPrompter', () => {
  function terminal() {
    const input = Object.assign(new PassThrough(), { isTTY: true });
    const output = new PassThrough();
    let shown = '';
    output.on('data', (chunk: Buffer) => {
      shown += chunk.toString();
    });
    const prompter = createTerminalPrompter({ input, output });
    return { input, prompter, shown: () => shown };
  }

  it('echoes answers but not the password', async () => {
    const { input, prompter, shown } = terminal();
    const phone = prompter.ask('Phone: ');
    input.write('+79991234567\r');
    expect(await phone).toBe('+79991234567');
    const password = prompter.askSecret('2FA password: ');
    input.write('hunter22\r');
    expect(await password).toBe('hunter22');
    prompter.say('done');
    prompter.close();
    expect(shown()).toContain('Phone: ');
    expect(shown()).toContain('+79991234567');
    expect(shown()).toContain('2FA password: ');
    expect(shown()).toContain('done\n');
    expect(shown()).not.toContain('hunter22');
  });
});
