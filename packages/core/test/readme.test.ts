import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));
const example = `${here}readme-example.generated.ts`;

afterAll(() => rmSync(example, { force: true }));

it('the README quick start runs as written', async () => {
  const readme = readFileSync(`${here}../README.md`, 'utf8');
  const code = /## Quick start\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(code).toBeDefined();
  const logged: unknown[] = [];
  writeFileSync(
    example,
    `${(code as string).replaceAll('console.log(', 'globalThis.__readmeLog(')}\nexport {};\n`,
  );
  (globalThis as { __readmeLog?: (v: unknown) => void }).__readmeLog = (v) => logged.push(v);
  await import(/* @vite-ignore */ example);
  expect(logged).toEqual([
    expect.objectContaining({ kind: 'copy', from: '1002', messageIds: [42] }),
  ]);
});
