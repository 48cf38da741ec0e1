import { spawnSync } from 'node:child_process';
import {
  accessSync,
  constants,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  files: string[];
};
const launcher = join(packageDir, manifest.bin['anonboard-userbot'] ?? 'missing');

const scratch = mkdtempSync(join(tmpdir(), 'userbot-bin-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the package's launcher in a folder of its own, with or without a built dist/bin.js. */
function installed(name: string, builtBin: string | undefined): string {
  const root = join(scratch, name);
  mkdirSync(join(root, 'bin'), { recursive: true });
  copyFileSync(launcher, join(root, 'bin', 'anonboard-userbot.js'));
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }');
  if (builtBin !== undefined) {
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'dist', 'bin.js'), builtBin);
  }
  return join(root, 'bin', 'anonboard-userbot.js');
}

describe('the anonboard-userbot command', () => {
  it('is a checked-in launcher, so installing links it before anything is built', () => {
    // pnpm warns "Failed to create bin" when the target is missing at link time (dist/ is built later).
    expect(manifest.bin['anonboard-userbot']).toMatch(/^\.\/bin\//);
    expect(manifest.files).toContain('bin');
    expect(readFileSync(launcher, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    expect(() => accessSync(launcher, constants.X_OK)).not.toThrow();
  });

  it('runs the built command with its arguments', () => {
    const bin = installed('built', "console.log('ran', ...process.argv.slice(2));\n");
    const run = spawnSync(process.execPath, [bin, 'login'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('ran login\n');
    expect(run.status).toBe(0);
  });

  it('says what to do when the package is not built yet', () => {
    const run = spawnSync(process.execPath, [installed('unbuilt', undefined), 'login'], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      '[anonboard] [userbot] this copy of @anonboard/adapter-userbot is not built yet: run `npx -y pnpm@10 run build` in the repository first',
    );
  });

  it('does not hide an error of the command itself', () => {
    const bin = installed('broken', "import './missing-helper.js';\n");
    const run = spawnSync(process.execPath, [bin], { encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('missing-helper.js');
    expect(run.stderr).not.toContain('not built yet');
  });
});
