#!/usr/bin/env node
// `npx anonboard-userbot login`. This launcher is checked in, not built, so a package manager can
// link the command before the package is built (a bin pointing into dist/ is missing then).
const built = new URL('../dist/bin.js', import.meta.url);
try {
  await import(built.href);
} catch (error) {
  // Only dist/bin.js itself missing means "not built"; anything else is the command's own error.
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || error.url !== built.href) throw error;
  console.error(
    '[anonboard] [userbot] this copy of @anonboard/adapter-userbot is not built yet: run `npx -y pnpm@10 run build` in the repository first',
  );
  process.exitCode = 1;
}
