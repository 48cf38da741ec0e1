import { GrammyError, HttpError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { api, emulator, pollingBot } from './helpers.js';

describe('fault injection', () => {
  it('answers 403, 429 with retry_after and 500 for the next N calls to a chat', async () => {
    const emu = await emulator();
    const client = api(emu);
    const alice = emu.user({ first_name: 'Alice' });
    const bob = emu.user({ first_name: 'Bob' });
    emu.fail(alice, { kind: 'forbidden', times: 1 });
    emu.fail(alice, { kind: 'rateLimited', times: 1, retryAfter: 7 });
    emu.fail(alice, { kind: 'serverError', times: 1 });

    const errors: GrammyError[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      errors.push(
        (await client.sendMessage(alice.id, 'hi').catch((e: unknown) => e)) as GrammyError,
      );
    }
    expect(errors.map((error) => [error.error_code, error.description])).toEqual([
      [403, 'Forbidden: bot was blocked by the user'],
      [429, 'Too Many Requests: retry after 7'],
      [500, 'Internal Server Error'],
    ]);
    expect(errors[1]?.parameters.retry_after).toBe(7);
    // Other chats are unaffected, and the faults are used up.
    await client.sendMessage(bob.id, 'fine');
    await client.sendMessage(alice.id, 'fine again');
    expect(alice.received.map((message) => message.text)).toEqual(['fine again']);
    expect(emu.stats).toMatchObject({ tooManyRequests: 1, faultsInjected: 3 });
  });

  it('drops the connection without an answer', async () => {
    const emu = await emulator();
    const alice = emu.user({ first_name: 'Alice' });
    emu.fail(alice.id, { kind: 'drop', times: 1 });
    const error = await api(emu)
      .sendMessage(alice.id, 'lost')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(emu.calls.at(-1)).toMatchObject({ method: 'sendMessage', status: 0 });
    expect(alice.received).toEqual([]);
  });

  it('stalls: the message is delivered, the answer held back for stallMs', async () => {
    const emu = await emulator();
    const alice = emu.user({ first_name: 'Alice' });
    emu.fail(alice, { kind: 'stall', stallMs: 200, methods: ['sendMessage'] });
    let answered = false;
    const sending = api(emu)
      .sendMessage(alice.id, 'accepted')
      .then((message) => {
        answered = true;
        return message;
      });
    // The person has it while the sender still waits for the answer.
    await emu.waitFor(() => alice.received.length === 1);
    expect(answered).toBe(false);
    expect((await sending).message_id).toBe(alice.received[0]?.message_id);
    expect(emu.calls.at(-1)).toMatchObject({ method: 'sendMessage', status: 200 });
  });

  it('stalls until the client goes away when no stallMs is given', async () => {
    const emu = await emulator();
    const alice = emu.user({ first_name: 'Alice' });
    emu.fail(alice, { kind: 'stall' });
    const gone = new AbortController();
    const sending = api(emu)
      // grammY types its signal with the `abort-controller` shim; Node's own is the same at run time.
      .sendMessage(
        alice.id,
        'accepted, never answered',
        undefined,
        gone.signal as Parameters<ReturnType<typeof api>['sendMessage']>[3],
      )
      .catch((e: unknown) => e);
    await emu.waitFor(() => alice.received.length === 1);
    gone.abort();
    expect(await sending).toBeInstanceOf(HttpError);
    // The next call is answered as usual.
    await api(emu).sendMessage(alice.id, 'fine');
    expect(alice.received.map((m) => m.text)).toEqual(['accepted, never answered', 'fine']);
  });

  it('limits faults to the listed methods, and "*" matches every chat', async () => {
    const emu = await emulator();
    const client = api(emu);
    const alice = emu.user({ first_name: 'Alice' });
    const news = emu.channel({ title: 'News', username: 'news' });
    emu.fail('*', { kind: 'serverError', times: 2, methods: ['sendPhoto'] });
    await client.sendMessage(alice.id, 'text is fine');
    await expect(client.sendPhoto(alice.id, 'p')).rejects.toThrow('Internal Server Error');
    await expect(client.sendPhoto('@news', 'p')).rejects.toThrow('Internal Server Error');
    await client.sendPhoto('@news', 'p');
    expect(news.posts).toHaveLength(1);
  });

  it('blockBot makes a user answer 403 until unblockBot, with my_chat_member updates', async () => {
    const emu = await emulator();
    const statuses: string[] = [];
    const errors: number[] = [];
    await pollingBot(emu, (bot) => {
      bot.on('my_chat_member', (ctx) => {
        statuses.push(ctx.myChatMember.new_chat_member.status);
      });
      bot.on('message', async (ctx) => {
        await ctx.reply('hello');
      });
    });
    const alice = emu.user({ first_name: 'Alice' });
    const client = api(emu);
    emu.blockBot(alice);
    await client.sendMessage(alice.id, 'anyone?').catch((error: unknown) => {
      if (error instanceof GrammyError) errors.push(error.error_code);
    });
    await expect(alice.send('cannot')).rejects.toThrow('blocked the bot');
    emu.unblockBot(alice);
    await alice.send('back');
    await emu.idle();
    expect(errors).toEqual([403]);
    expect(statuses).toEqual(['kicked', 'member']);
    expect(alice.lastReceived()?.text).toBe('hello');
  });
});
