import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Bot, GrammyError, webhookCallback } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { api, emulator } from '../helpers.js';

const servers: Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
}

describe('webhook delivery', () => {
  it('POSTs updates with the secret token header to a grammY webhook', async () => {
    const emu = await emulator();
    const bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
    bot.on('message:text', (ctx) => ctx.reply(`got ${ctx.message.text}`));
    const headers: IncomingHttpHeaders[] = [];
    const callback = webhookCallback(bot, 'http', { secretToken: 's3cret' });
    const url = await serve((req, res) => {
      headers.push(req.headers);
      void callback(req, res);
    });
    await bot.api.setWebhook(url, { secret_token: 's3cret' });

    const alice = emu.user({ first_name: 'Alice' });
    await alice.send('via webhook');
    await emu.idle();

    expect(alice.lastReceived()?.text).toBe('got via webhook');
    expect(headers[0]?.['x-telegram-bot-api-secret-token']).toBe('s3cret');
    expect(headers[0]?.['content-type']).toBe('application/json');
    const info = await bot.api.getWebhookInfo();
    expect(info).toMatchObject({ url, pending_update_count: 0 });
  });

  it('answers getUpdates with 409 while a webhook is set', async () => {
    const emu = await emulator();
    const client = api(emu);
    await client.setWebhook('http://127.0.0.1:9/hook');
    const error = await client.getUpdates().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect((error as GrammyError).error_code).toBe(409);
    expect((error as GrammyError).description).toBe(
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    );
    await client.deleteWebhook();
    expect(await client.getUpdates()).toEqual([]);
  });

  it('retries until the webhook answers 2xx and reports the last error', async () => {
    const emu = await emulator({ webhookRetryMs: 10 });
    let attempts = 0;
    const bodies: unknown[] = [];
    const url = await serve((req, res) => {
      attempts += 1;
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      req.on('end', () => {
        bodies.push(JSON.parse(body));
        res.statusCode = attempts < 3 ? 500 : 200;
        res.end();
      });
    });
    const client = api(emu);
    await client.setWebhook(url);
    const alice = emu.user({ first_name: 'Alice' });
    const message = await alice.send('retry me');
    await emu.idle();
    expect(attempts).toBe(3);
    expect(bodies[2]).toMatchObject({
      message: { message_id: message.message_id, text: 'retry me' },
    });
    const info = await client.getWebhookInfo();
    expect(info.last_error_message).toBe(
      'Wrong response from the webhook: 500 Internal Server Error',
    );
  });

  it('executes a method returned in the webhook response (webhook reply)', async () => {
    const emu = await emulator();
    const alice = emu.user({ first_name: 'Alice' });
    const url = await serve((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ method: 'sendMessage', chat_id: alice.id, text: 'instant' }));
    });
    await api(emu).setWebhook(url);
    await alice.send('ping');
    await emu.idle();
    await emu.waitFor(() => alice.lastReceived()?.text === 'instant');
  });
});
