import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'anonboard-sqlite-'));
let n = 0;

/** A fresh database path in this test file's temp directory, removed after its tests. */
export function tempPath(name = 'db'): string {
  return join(dir, `${name}-${++n}.sqlite`);
}

/** The temp directory of this test file. */
export const tempDir = dir;

afterAll(() => rmSync(dir, { recursive: true, force: true }));
