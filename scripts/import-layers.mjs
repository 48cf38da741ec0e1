#!/usr/bin/env node
// Which way core's imports point. Core is drawn as layers, lowest first (below); an import from
// a file to a file of a higher layer points upward, against the architecture (counted once per
// pair of files). Prints the imports
// between folders, then every upward one with its file and line, then the count.
//
//   node scripts/import-layers.mjs            # the table and the count
//   node scripts/import-layers.mjs --upward   # also every upward import
//   node scripts/import-layers.mjs --max 0    # only the upward ones; exits 1 when more than 0
//                                             (lint runs this: an upward import fails the build)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../packages/core/src');

/**
 * Lowest first. A path belongs to the first layer with a prefix it starts with.
 *
 * - vocabulary: what the outside world is told (effects) and in which words (texts).
 * - records: each domain's data, a file of types and pure helpers in its domain's folder (an ad,
 *   a chat, …; an action token's payload). Ports are written in these words, so records sit below
 *   them; the rest of a domain (its machine and service) sits above the shell.
 * - shell: what every domain uses — service context, unit of work, refusal, policy — with the
 *   transition-table mechanism (machine/) and what the operator sees (operations/).
 * - delivery: the outbox, below the domains it delivers for.
 */
const layers = [
  { name: 'foundation', prefixes: ['ids.ts', 'errors.ts'] },
  { name: 'vocabulary', prefixes: ['effects.ts', 'texts/'] },
  {
    name: 'records',
    prefixes: [
      'users/user.ts',
      'ads/ad.ts',
      'invites/invite.ts',
      'chats/chat.ts',
      'moderation/item.ts',
      'feed/source.ts',
      'shell/actions.ts',
    ],
  },
  { name: 'ports', prefixes: ['ports/'] },
  { name: 'shell', prefixes: ['shell/', 'machine/', 'operations/'] },
  // The outbox delivers whatever the domains wrote and knows none of them: they register what a
  // delivery means to them (outbox/delivery-rules.ts), so an import of a domain from here fails.
  { name: 'delivery', prefixes: ['outbox/'] },
  {
    name: 'domains',
    prefixes: ['users/', 'ads/', 'invites/', 'chats/', 'safety/', 'moderation/', 'feed/'],
  },
  { name: 'storage', prefixes: ['storage/'] },
  { name: 'facades', prefixes: ['facades/'] },
  { name: 'entries', prefixes: ['index.ts', 'machines.ts', 'testing', 'sql.ts'] },
];

function layerOf(path) {
  const index = layers.findIndex((layer) => layer.prefixes.some((p) => path.startsWith(p)));
  if (index < 0) throw new Error(`[anonboard] [import-layers] ${path} is in no layer: add it`);
  return index;
}

/** The folder a path is in (`chats`), or the file itself for top-level files. */
const folderOf = (path) => (path.includes('/') ? path.slice(0, path.indexOf('/')) : path);

function* sources(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (name.endsWith('.ts')) yield path;
  }
}

// `import … from './x.js'`, `export … from '../y.js'`, `import('./z.js')`: relative ones only.
const specifier = /(?:from\s+|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

const edges = [];
for (const file of sources(root)) {
  const from = relative(root, file);
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    for (const match of line.matchAll(specifier)) {
      const to = relative(root, resolve(dirname(file), match[1].replace(/\.js$/, '.ts')));
      edges.push({ from, to, line: i + 1 });
    }
  });
}

const between = new Map();
for (const { from, to } of edges) {
  const key = `${folderOf(from)} → ${folderOf(to)}`;
  if (folderOf(from) !== folderOf(to)) between.set(key, (between.get(key) ?? 0) + 1);
}
// A file that imports another twice (a type and a value) points upward once.
const seen = new Set();
const upward = edges.filter(({ from, to }) => {
  if (layerOf(to) <= layerOf(from) || seen.has(`${from} ${to}`)) return false;
  seen.add(`${from} ${to}`);
  return true;
});

const maxAt = process.argv.indexOf('--max');
if (maxAt < 0) {
  console.log(`core: ${edges.length} relative imports; layers, lowest first:`);
  for (const layer of layers) console.log(`  ${layer.name}: ${layer.prefixes.join(' ')}`);
  console.log('\nimports between folders:');
  for (const [key, count] of [...between].sort()) console.log(`  ${key}  ${count}`);
}
if (process.argv.includes('--upward') || (maxAt >= 0 && upward.length > 0)) {
  console.log('\nupward imports:');
  for (const { from, to, line } of upward) {
    console.log(
      `  ${from}:${line} → ${to}  (${layers[layerOf(from)].name} → ${layers[layerOf(to)].name})`,
    );
  }
}
console.log(`\nupward imports in core: ${upward.length}`);
if (maxAt >= 0 && upward.length > Number(process.argv[maxAt + 1])) process.exit(1);
