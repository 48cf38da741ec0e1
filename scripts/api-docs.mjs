#!/usr/bin/env node
// The API reference in docs/api: TypeDoc (markdown) over every entry each package exports, read
// from the packages' `exports` (their `dev-source` files), so a new entry is documented without a
// list to keep. Deterministic on purpose: no source links (they would carry a git revision), no
// dates, no absolute paths; the test `test/api-docs.test.ts` regenerates it and fails on a diff.
//
//   node scripts/api-docs.mjs            # rewrites docs/api (pnpm docs:api)
//   node scripts/api-docs.mjs --out DIR  # writes it elsewhere (the test compares)
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Application, LogLevel, TSConfigReader } from 'typedoc';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Each package's exported source files, in the order of its `exports`. */
export function apiEntryPoints() {
  const packages = join(root, 'packages');
  return readdirSync(packages)
    .sort()
    .flatMap((name) => {
      const manifest = JSON.parse(readFileSync(join(packages, name, 'package.json'), 'utf8'));
      if (manifest.private) return [];
      return Object.values(manifest.exports ?? {}).map((entry) => {
        const source = entry['dev-source'];
        if (typeof source !== 'string') {
          throw new Error(`[anonboard] [api-docs] ${manifest.name}: an export has no dev-source`);
        }
        return relative(root, join(packages, name, source));
      });
    });
}

/** Writes the reference into `out` (emptied first). Resolves to the number of warnings. */
export async function writeApiDocs(out) {
  rmSync(out, { recursive: true, force: true });
  const app = await Application.bootstrapWithPlugins(
    {
      entryPoints: apiEntryPoints(),
      entryPointStrategy: 'resolve',
      tsconfig: join(root, 'tsconfig.json'),
      plugin: ['typedoc-plugin-markdown'],
      out,
      name: 'anonboard API reference',
      readme: 'none',
      outputFileStrategy: 'modules',
      disableSources: true,
      skipErrorChecking: true,
      logLevel: LogLevel.Warn,
    },
    // Only tsconfig.json is read: a stray typedoc.json must not change the output behind our back.
    [new TSConfigReader()],
  );
  const project = await app.convert();
  if (!project) throw new Error('[anonboard] [api-docs] TypeDoc could not convert the packages');
  await app.generateOutputs(project);
  if (app.logger.hasErrors()) throw new Error('[anonboard] [api-docs] TypeDoc reported errors');
  return app.logger.warningCount;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  const out = at > 0 ? resolve(process.argv[at + 1] ?? '') : join(root, 'docs/api');
  await writeApiDocs(out);
  console.log(`[api-docs] written to ${relative(process.cwd(), out) || '.'}`);
}
