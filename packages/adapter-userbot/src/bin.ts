#!/usr/bin/env node
// `npx anonboard-userbot login`: see cli.ts.
import { runCli } from './cli.js';

runCli(process.argv.slice(2), { env: process.env }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
