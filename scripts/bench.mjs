// `pnpm bench`: runs every packages/*/bench/*.ts with tsx against the sources; each prints one
// JSON line per figure. Extra arguments are passed through (sizes are flags).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const benches = readdirSync(join(root, 'packages'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => {
    const dir = join(root, 'packages', d.name, 'bench');
    try {
      return readdirSync(dir)
        .filter((f) => f.endsWith('.ts'))
        .map((f) => join(dir, f));
    } catch {
      return [];
    }
  });
if (benches.length === 0) console.log('no benchmarks found under packages/*/bench');
for (const file of benches) {
  const result = spawnSync(
    'npx',
    ['tsx', '--conditions=dev-source', file, ...process.argv.slice(2)],
    {
      stdio: 'inherit',
      cwd: root,
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}
