// The monitor bot: channel monitoring, suggested posts and a moderation queue publishing to a
// channel. With BOT_TOKEN it serves Telegram; without it, an offline sandbox plays the bot
// against a local Bot API emulator.
import { monitoringOffReason } from '@anonboard/adapter-userbot';
import { runBotProcess } from '@examples/shared';
import { createMonitorBot } from './bot.js';
import { loadConfig } from './config.js';
import { runSandbox } from './sandbox.js';

runBotProcess({
  loadConfig,
  runSandbox,
  notices: (config) =>
    config.userbot === undefined
      ? [`${monitoringOffReason} (suggestions and forwarded messages still work)`]
      : [],
  createBot: createMonitorBot,
  runningLines(app, config, database) {
    const monitoring =
      app.userbot === undefined
        ? 'monitoring off'
        : `monitoring ${app.userbot.watching().length} source(s)`;
    const running = `@${app.bot.botInfo.username} is running (long polling; ${monitoring}); publishing to ${config.channel}; database ${database}`;
    if (app.port === undefined) return [running];
    return [running, `HTTP on ${config.host ?? '0.0.0.0'}:${app.port}: /healthz, /metrics`];
  },
});
