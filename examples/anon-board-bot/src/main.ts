// The ad-board bot: `npm start` at the repository root runs this file. With BOT_TOKEN it serves
// Telegram; without it, an offline sandbox plays the bot against a local Bot API emulator.
import { createBoardBot } from './bot.js';
import { ConfigError, loadConfig } from './config.js';
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

  let app: ReturnType<typeof createBoardBot>;
  try {
    app = createBoardBot({ ...config, botToken: token });
  } catch (error) {
    fail(`[anonboard] could not open the database: ${describe(error)}`);
  }
  let stopping = false;
  const shutdown = async (signal: string) => {
    stopping = true;
    console.log(`[anonboard] ${signal}: stopping…`);
    await app.stop();
    console.log('[anonboard] stopped; the state is in', config.databasePath);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  try {
    await app.start((error) => {
      console.error(`[anonboard] polling stopped: ${describe(error)}`);
      void app.stop().finally(() => process.exit(1));
    });
  } catch (error) {
    if (stopping) return; // a signal arrived while connecting
    await app.stop().catch(() => {});
    fail(`[anonboard] could not start the bot: ${describe(error)}`);
  }
  console.log(
    `[anonboard] @${app.bot.botInfo.username} is running (long polling); database ${config.databasePath}`,
  );
}

main().catch((error: unknown) => fail(`[anonboard] ${describe(error)}`));
