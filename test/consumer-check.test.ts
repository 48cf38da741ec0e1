import { execFile } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The packages as a grammY developer gets them: `pnpm pack` every publishable package, install
// the tarballs with plain npm into a project outside the workspace, and use them from there.
// Needs the build (the verify chain builds before it tests) and the npm registry (the tarballs'
// own dependencies, installed with --ignore-scripts: no native build, so SQLite is typechecked
// and loaded but not opened here). Slow by nature: a few minutes on a cold npm cache.
const root = join(import.meta.dirname, '..');
const fixtures = join(import.meta.dirname, 'consumer');
const scratch = mkdtempSync(join(tmpdir(), 'anonboard-consumer-'));
const tarballs = join(scratch, 'tarballs');
const project = join(scratch, 'project');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const publishable = readdirSync(join(root, 'packages'))
  .map((name) => manifest(join(root, 'packages', name)))
  .filter((pkg) => pkg.private !== true)
  .map((pkg) => pkg.name as string)
  .sort();
/** `@anonboard/core` → its tarball's file name. */
const tarballOf = (name: string) =>
  readdirSync(tarballs).find((file) => file.startsWith(`${name.slice(1).replace('/', '-')}-`));

// npm and pnpm hand their scripts npm_* variables (npm_config_local_prefix: the workspace) that a
// nested npm would take as its own configuration; the registry, if one is set, is kept.
const env = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !key.startsWith('npm_') || key === 'npm_config_registry',
  ),
);
const run = async (file: string, args: string[], cwd = project) =>
  (await promisify(execFile)(file, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 })).stdout;
/** Packages whose own declarations fail under skipLibCheck false, whoever imports them. */
const knownForeignErrors = ['grammy'];
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const attw = join(root, 'node_modules/@arethetypeswrong/cli/dist/index.js');

beforeAll(async () => {
  mkdirSync(project, { recursive: true });
  await run(
    'npx',
    ['-y', 'pnpm@10', '-r', '--filter', './packages/*', 'pack', '--pack-destination', tarballs],
    root,
  );

  // Versions of the peers and types the packages are built and tested with.
  const dev = {
    ...manifest(root).devDependencies,
    ...manifest(join(root, 'packages/adapter-grammy')).devDependencies,
  };
  const local = Object.fromEntries(
    publishable.map((name) => [name, `file:../tarballs/${tarballOf(name)}`]),
  );
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify(
      {
        name: 'anonboard-consumer',
        private: true,
        type: 'module',
        dependencies: {
          ...local,
          grammy: dev.grammy,
          vitest: dev.vitest,
          '@types/node': dev['@types/node'],
        },
        // The tarballs depend on each other by version: these resolve to the local ones.
        overrides: Object.fromEntries(publishable.map((name) => [name, `$${name}`])),
      },
      null,
      2,
    )}\n`,
  );
  cpSync(fixtures, project, { recursive: true });
  await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error']);
}, 600_000);

// Generous: a typecheck with skipLibCheck false reads every dependency's declarations.
describe('the packed packages in a fresh npm project', { timeout: 300_000 }, () => {
  it('packs every publishable package', () => {
    expect(publishable.length).toBeGreaterThanOrEqual(9);
    for (const name of publishable) expect(tarballOf(name), name).toBeDefined();
  });

  it('typecheck as ESM with moduleResolution node16 (and a .cts CommonJS consumer) and bundler, skipLibCheck false', async () => {
    for (const config of ['tsconfig.node16.json', 'tsconfig.bundler.json']) {
      const output = await run(process.execPath, [tsc, '-p', config, '--pretty', 'false']).catch(
        (error: { stdout?: string }) => error.stdout ?? String(error),
      );
      const errors = output.split('\n').filter((line) => /error TS\d+/.test(line));
      // Nothing but diagnostics (and their indented continuations): tsc did run.
      const other = output.split('\n').filter((l) => l !== '' && !/^\s|error TS\d+/.test(l));
      expect(other, config).toEqual([]);
      // Ours: the consumer's files and every @anonboard declaration must be clean.
      const ours = errors.filter(
        (line) => !line.startsWith('node_modules/') || line.startsWith('node_modules/@anonboard/'),
      );
      expect(ours, config).toEqual([]);
      // Others' declarations have their own errors under skipLibCheck false (grammY's fetch shims
      // want DOM's Body and node-fetch's missing types): only those known ones may appear.
      const theirs = new Set(
        errors.map((line) => /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(line)?.[1]),
      );
      expect(
        [...theirs].filter((name) => name !== undefined && !knownForeignErrors.includes(name)),
        config,
      ).toEqual([]);
    }
  });

  it('load through require (CommonJS builds)', async () => {
    const loaded = JSON.parse(await run(process.execPath, ['require-all.cjs']));
    expect(Object.values(loaded)).toHaveLength(12);
    for (const [entry, type] of Object.entries(loaded)) expect(type, entry).toBe('function');
  });

  it("run core's README quick start, with @anonboard/core/testing and no vitest", async () => {
    const readme = readFileSync(join(root, 'packages/core/README.md'), 'utf8');
    const code = /## Quick start\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    writeFileSync(join(project, 'readme.mjs'), code);
    const output = await run(process.execPath, ['--import', './no-vitest.mjs', 'readme.mjs']);
    expect(output).toMatch(/kind: 'copy'[\s\S]*from: '1002'[\s\S]*messageIds: \[ 42 \]/);
    // The guard works: the vitest entry does import vitest.
    await expect(
      run(process.execPath, [
        '--import',
        './no-vitest.mjs',
        '-e',
        "import('@anonboard/core/testing/vitest')",
      ]),
    ).rejects.toThrow(/vitest was imported/);
  });

  it('run a small board bot against the emulator', async () => {
    const seen = JSON.parse(await run(process.execPath, ['bot.mjs']));
    expect(seen.bob).toEqual(expect.arrayContaining(['Still for sale?', 'Tomorrow at six?']));
    expect(seen.invite).toContain('Skis');
    // Anonymous: Bob never sees Alice's name or id.
    expect(JSON.stringify(seen.bob)).not.toMatch(/Alice|1002/);
  });

  it('pass publint (every message, suggestions included)', async () => {
    for (const name of publishable) {
      const file = join(tarballs, tarballOf(name) ?? '');
      const tarball = readFileSync(file);
      const { messages, pkg } = await publint({
        pack: { tarball: new Uint8Array(tarball).buffer },
        level: 'suggestion',
        strict: true,
      });
      expect(
        messages.map((m) => formatMessage(m, pkg)),
        name,
      ).toEqual([]);
    }
  });

  it('pass @arethetypeswrong/cli for every entry (node10, node16 CJS and ESM, bundler)', async () => {
    const reports = [];
    for (const name of publishable) {
      const file = join(tarballs, tarballOf(name) ?? '');
      const output = await run(process.execPath, [attw, file, '--format', 'json']).catch(
        (error: { stdout?: string }) => error.stdout ?? '{}',
      );
      reports.push({ name, report: JSON.parse(output) });
    }
    for (const { name, report } of reports) {
      const entries = Object.keys(report.analysis?.entrypoints ?? {});
      const exported = Object.keys(
        manifest(join(root, 'packages', name.split('/')[1] ?? '')).exports,
      );
      expect(entries, name).toEqual(exported);
      expect(report.problems, name).toEqual({});
    }
  });
});
