// The ad-board bot: `npm start` at the repository root runs this file. With BOT_TOKEN it serves
// Telegram; without it, an offline sandbox plays the bot against a local Bot API emulator.
import { runBotProcess } from '@examples/shared';
import { createBoardBot } from './bot.js';
import { loadConfig } from './config.js';
import { runSandbox } from './sandbox.js';

runBotProcess({
  loadConfig,
  runSandbox,
  createBot: createBoardBot,
  runningLines(app, config, database) {
    const webhook = config.webhook;
    const how = webhook === undefined ? 'long polling' : `webhook ${webhook.url}`;
    const running = `@${app.bot.botInfo.username} is running (${how}); database ${database}`;
    if (app.port === undefined) return [running];
    const host = config.host ?? '0.0.0.0';
    const routes = `the Mini App at /, /healthz, /metrics${webhook === undefined ? '' : `, the webhook at ${webhook.path}`}`;
    return [running, `HTTP on ${host}:${app.port}: ${routes}`];
  },
});
