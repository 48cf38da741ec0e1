import { fileURLToPath } from 'node:url';
import { mainRunner } from '@examples/shared';

export type { MainProcess } from '@examples/shared';

/** The board's settings (and the demo switch): the test's own environment must not leak them. */
const settings = new Set([
  'BOT_TOKEN',
  'TELEGRAM_API_ROOT',
  'DATABASE_PATH',
  'DATABASE_URL',
  'LOCALE',
  'ADMIN_IDS',
  'PORT',
  'HOST',
  'WEBAPP_URL',
  'WEBHOOK_URL',
  'WEBHOOK_SECRET',
  'SANDBOX_DEMO',
]);

const example = {
  exampleDir: fileURLToPath(new URL('..', import.meta.url)),
  isSetting: (name: string) => settings.has(name),
};

/**
 * `runMain(env, args)` starts `src/main.ts` as a child process, as `npm start` runs it, with only
 * the given settings; `killMains()` kills those still running (for `afterEach`).
 */
export const { run: runMain, killAll: killMains } = mainRunner(example);

/**
 * `runRidingMain(env)` starts `test/support/riding-main.ts`: the same process, with a lone
 * delivery's record waiting ten minutes for the next transaction, and a line when one starts
 * waiting. `killRidingMains()` kills those still running.
 */
export const { run: runRidingMain, killAll: killRidingMains } = mainRunner({
  ...example,
  entry: 'test/support/riding-main.ts',
});
