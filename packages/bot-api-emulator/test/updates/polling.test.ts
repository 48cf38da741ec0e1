import { describe, expect, it } from 'vitest';
import { api, emulator, pollingBot } from '../helpers.js';

async function call(apiRoot: string, token: string, method: string, body: object = {}) {
  const response = await fetch(`${apiRoot}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('long polling with grammY', () => {
  it('delivers a user message and stores the reply', async () => {
    const emu = await emulator();
    await pollingBot(emu, (bot) => {
      bot.on('message:text', (ctx) => ctx.reply(`echo: ${ctx.message.text}`));
    });
    const alice = emu.user({ first_name: 'Alice', username: 'alice' });
    const sent = await alice.send('hello');
    await emu.idle();
    expect(alice.lastReceived()?.text).toBe('echo: hello');
    // The user and the bot share the chat's message id counter.
    expect(alice.lastReceived()?.message_id).toBe(sent.message_id + 1);
    expect(alice.lastReceived()?.from).toMatchObject({ is_bot: true, username: 'anonboard_bot' });
  });

  it('handles commands with payloads in order, and idle() waits for the handlers', async () => {
    const emu = await emulator();
    const seen: string[] = [];
    await pollingBot(emu, (bot) => {
      bot.command('start', async (ctx) => {
        seen.push(ctx.match);
        await ctx.reply(`payload ${ctx.match}`);
      });
    });
    const bob = emu.user({ first_name: 'Bob' });
    await bob.command('start', 'ad_1');
    await bob.command('start', 'ad_2');
    await emu.idle();
    expect(seen).toEqual(['ad_1', 'ad_2']);
    expect(bob.received.map((message) => message.text)).toEqual(['payload ad_1', 'payload ad_2']);
  });

  it('answers a waiting getUpdates as soon as an update arrives', async () => {
    const emu = await emulator();
    const alice = emu.user({ first_name: 'Alice' });
    const waiting = api(emu).getUpdates({ timeout: 30 });
    await new Promise((resolve) => setTimeout(resolve, 30)); // let the call start waiting
    await alice.send('wake up');
    const updates = await waiting;
    expect(updates.map((update) => update.message?.text)).toEqual(['wake up']);
  });

  it('keeps updates until they are confirmed by offset, and honours limit', async () => {
    const emu = await emulator();
    const alice = emu.user({ first_name: 'Alice' });
    await alice.send('one');
    await alice.send('two');
    await alice.send('three');
    const client = api(emu);
    const first = await client.getUpdates({ limit: 2 });
    expect(first.map((update) => update.message?.text)).toEqual(['one', 'two']);
    // Not confirmed yet: fetched again.
    expect(await client.getUpdates({ limit: 1 })).toHaveLength(1);
    const last = first.at(-1)?.update_id ?? 0;
    const rest = await client.getUpdates({ offset: last + 1 });
    expect(rest.map((update) => update.message?.text)).toEqual(['three']);
    await client.getUpdates({ offset: (rest[0]?.update_id ?? 0) + 1 });
    await emu.idle({ timeout: 100 });
  });

  it('drops update kinds left out of allowed_updates', async () => {
    const emu = await emulator();
    const alice = emu.user({ first_name: 'Alice' });
    const client = api(emu);
    await client.getUpdates({ allowed_updates: ['callback_query'] });
    await alice.send('ignored');
    expect(await client.getUpdates()).toEqual([]);
    expect(emu.updates).toHaveLength(1); // still recorded
  });

  it('terminates a waiting getUpdates with 409 when another one arrives', async () => {
    const emu = await emulator();
    let settled = false;
    const first = call(emu.apiRoot, emu.token, 'getUpdates', { timeout: 30 }).finally(() => {
      settled = true;
    });
    // Quick calls end whichever long poll is waiting; repeat until the first one was waiting.
    await emu.waitFor(async () => {
      const quick = await call(emu.apiRoot, emu.token, 'getUpdates', { timeout: 0 });
      expect(quick.body).toEqual({ ok: true, result: [] });
      return settled;
    });
    const { status, body } = await first;
    expect(status).toBe(409);
    expect(body.description).toMatch(/^Conflict: terminated by other getUpdates request/);
  });

  it('stops cleanly and confirms the last update on bot.stop()', async () => {
    const emu = await emulator();
    const bot = await pollingBot(emu, (b) => {
      b.on('message', (ctx) => ctx.reply('ok'));
    });
    const alice = emu.user({ first_name: 'Alice' });
    await alice.send('hi');
    await emu.waitFor(() => alice.lastReceived());
    await bot.stop();
    expect(bot.isRunning()).toBe(false);
    await emu.idle({ timeout: 500 });
  });
});
