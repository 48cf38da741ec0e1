import { describe, expect, it } from 'vitest';
import { cliUsage, runCli } from '../src/cli.js';
import type { LoginClient, LoginPrompter } from '../src/login.js';

const env = { TG_API_ID: '123', TG_API_HASH: '0123456789abcdef0123456789abcdef' };

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t: string) => void out.push(t),
    stderr: (t: string) => void err.push(t),
  };
}

const prompter: LoginPrompter = {
  ask: async (q) => (q.startsWith('Phone') ? '+79991234567' : '12345'),
  askSecret: async () => 'pw',
  say: () => {},
};

const client = (start: LoginClient['start']) => (): LoginClient => ({
  start,
  session: () => '1SESSION',
  close: async () => {},
});

describe('runCli', () => {
  it('prints only the session string on stdout after login', async () => {
    const streams = io();
    const code = await runCli(['login'], {
      ...streams,
      env,
      prompter,
      createClient: client(async (params) => {
        if (typeof params.phoneNumber !== 'string') await params.phoneNumber();
        await params.phoneCode(false);
      }),
    });
    expect(code).toBe(0);
    expect(streams.out).toEqual(['1SESSION']);
    expect(streams.err).toEqual([]);
  });

  it('fails with one clear line', async () => {
    const streams = io();
    const code = await runCli(['login'], {
      ...streams,
      env,
      prompter,
      createClient: client(async () => {
        throw new Error('PHONE_NUMBER_BANNED');
      }),
    });
    expect(code).toBe(1);
    expect(streams.out).toEqual([]);
    expect(streams.err).toEqual(['[anonboard] [userbot] login failed (PHONE_NUMBER_BANNED)']);
  });

  it('shows help, and usage for unknown commands', async () => {
    const help = io();
    expect(await runCli(['help'], help)).toBe(0);
    expect(help.out).toEqual([cliUsage]);
    const unknown = io();
    expect(await runCli(['logout'], unknown)).toBe(2);
    expect(unknown.err[0]).toMatch(/^\[anonboard\] \[userbot\] unknown command "logout"\nUsage:/);
    const none = io();
    expect(await runCli([], none)).toBe(2);
    expect(none.err).toEqual([cliUsage]);
  });
});
