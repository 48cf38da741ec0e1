// `pnpm bench`: runs each benchmark in its own process, prints every figure as a JSON line, and
// writes docs/benchmarks.md with the machine it ran on. Flags after the names pass through:
//   pnpm bench                      every benchmark, default sizes
//   pnpm bench relay ingest -- --messages 5000
import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Figure } from './report.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const all = [
  'full-stack',
  'cpu-per-relay',
  'relay',
  'ingest',
  'memory',
  'cost',
  'scale-out',
  'dispatcher',
].filter((name) => readdirSync(here).includes(`${name}.ts`));
const args = process.argv.slice(2).filter((a) => a !== '--');
const firstFlag = args.findIndex((a) => a.startsWith('--'));
const names = (firstFlag < 0 ? args : args.slice(0, firstFlag)).filter((a) => all.includes(a));
const flags = firstFlag < 0 ? [] : args.slice(firstFlag);
const chosen = names.length > 0 ? names : all;

function runOne(name: string): Promise<Figure[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--conditions=dev-source', '--import', 'tsx', `${here}${name}.ts`, ...flags],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const figures: Figure[] = [];
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        console.log(line);
        if (line.startsWith('{')) figures.push(JSON.parse(line) as Figure);
      }
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(figures)
        : reject(new Error(`[anonboard] [bench] ${name} exited with ${code}`)),
    );
  });
}

const results: [string, Figure[]][] = [];
for (const name of chosen) {
  console.error(`[anonboard] [bench] ${name}…`);
  results.push([name, await runOne(name)]);
}

const cpu = cpus();
const lines = [
  '# Benchmarks',
  '',
  '<!-- Written by `pnpm bench` (benchmarks/src/run.ts). Numbers vary between runs and machines. -->',
  '',
  `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${process.platform}/${process.arch}.`,
  `Run: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC${flags.length > 0 ? `, flags \`${flags.join(' ')}\`` : ''}.`,
  '',
];
for (const [name, figures] of results) {
  lines.push(
    `## ${name}`,
    '',
    '| figure | value | unit | goal | met |',
    '| --- | ---: | --- | --- | --- |',
  );
  for (const f of figures) {
    lines.push(
      `| ${f.compares ?? f.name} | ${f.value} | ${f.unit} | ${f.goal ?? ''} | ${f.met === undefined ? '' : f.met ? 'yes' : '**no**'} |`,
    );
  }
  lines.push('');
}
writeFileSync(new URL('../../docs/benchmarks.md', import.meta.url), `${lines.join('\n')}\n`);
console.error('[anonboard] [bench] wrote docs/benchmarks.md');
