// The monitor bot: channel monitoring, suggested posts and a moderation queue publishing to a
// channel. With BOT_TOKEN it serves Telegram; without it, an offline sandbox plays the bot
// against a local Bot API emulator.
import { monitoringOffReason } from '@anonboard/adapter-userbot';
import { createMonitorBot, type MonitorBot } from './bot.js';
import { ConfigError, describeDatabase, loadConfig } from './config.js';
import { runSandbox } from './sandbox.js';

/** One clear line for the operator, no stack trace. */
function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^\[anonboard\] /, '');
}

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }

  const token = config.botToken;
  if (token === undefined) {
    const demo = process.argv.includes('--demo') || process.env.SANDBOX_DEMO === '1';
    process.exitCode = await runSandbox(config, { demo });
    return;
  }

  if (config.userbot === undefined) {
    console.log(`${monitoringOffReason} (suggestions and forwarded messages still work)`);
  }
  const database = describeDatabase(config.database);
  const opening = createMonitorBot({ ...config, botToken: token });
  let stopping = false;
  const shutdown = async (signal: string) => {
    stopping = true;
    console.log(`[anonboard] ${signal}: stopping…`);
    const opened = await opening.catch(() => undefined);
    await opened?.stop();
    console.log('[anonboard] stopped; the state is in', database);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  let app: MonitorBot;
  try {
    app = await opening;
  } catch (error) {
    fail(`[anonboard] could not open the database: ${describe(error)}`);
  }
  if (stopping) return; // a signal arrived while connecting; `shutdown` stops it
  try {
    await app.start((error) => {
      console.error(`[anonboard] polling stopped: ${describe(error)}`);
      void app.stop().finally(() => process.exit(1));
    });
  } catch (error) {
    if (stopping) return;
    await app.stop().catch(() => {});
    fail(`[anonboard] could not start the bot: ${describe(error)}`);
  }
  const monitoring =
    app.userbot === undefined
      ? 'monitoring off'
      : `monitoring ${app.userbot.watching().length} source(s)`;
  console.log(
    `[anonboard] @${app.bot.botInfo.username} is running (long polling; ${monitoring}); publishing to ${config.channel}; database ${database}`,
  );
}

main().catch((error: unknown) => fail(`[anonboard] ${describe(error)}`));
