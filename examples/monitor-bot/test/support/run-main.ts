import { fileURLToPath } from 'node:url';
import { mainRunner } from '@examples/shared';

export type { MainProcess } from '@examples/shared';

/** Settings the test's own environment must not leak into the child. */
const settings =
  /^(BOT_TOKEN|TELEGRAM_API_ROOT|DATABASE_PATH|DATABASE_URL|CHANNEL_ID|ADMIN_IDS|LOCALE|DEFAULT_THRESHOLD|FEED_TOPIC|SANDBOX_DEMO|SCORER.*|GIGACHAT_.*|OPENAI_.*|TG_.*)$/;

/**
 * `runMain(env, args)` starts `src/main.ts` as a child process, as `pnpm start` runs it, with
 * only the given settings; `killMains()` kills those still running (for `afterEach`).
 */
export const { run: runMain, killAll: killMains } = mainRunner({
  exampleDir: fileURLToPath(new URL('../..', import.meta.url)),
  isSetting: (name) => settings.test(name),
});

/** A session string GramJS accepts (a made-up auth key: it logs nobody in). */
export function fakeSession(): string {
  const raw = Buffer.concat([
    Buffer.from([2, 0, 9]),
    Buffer.from('127.0.0.1'),
    Buffer.from([0x01, 0xbb]),
    Buffer.alloc(256, 7),
  ]);
  return `1${raw.toString('base64')}`;
}
