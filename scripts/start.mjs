// `npm start`: installs the workspace (pnpm through npx, nothing global needed), then runs the
// ad-board example bot. Without BOT_TOKEN the example starts its offline sandbox.
import { spawnSync } from 'node:child_process';

const pnpm = (args) => {
  const result = spawnSync('npx', ['-y', 'pnpm@10', ...args], {
    stdio: 'inherit',
    env: process.env,
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

pnpm(['install', '--frozen-lockfile']);
pnpm(['--filter', '@examples/anon-board-bot', 'start']);
