#!/usr/bin/env node
// The `paperboy` command line: runs the compiled CLI (built by `npm install` through `prepare`).
import { existsSync } from 'node:fs';
import { buildIfStale } from './build-if-stale.js';

// `start` runs the bot from dist/: rebuilt first only when a source is newer, so a start takes a second, not a tsc.
// Any command builds a checkout that has never been built (no `npm install` yet ran `prepare`).
if (
  (process.argv[2] === 'start' || !existsSync(new URL('../dist/src/cli.js', import.meta.url))) &&
  !buildIfStale()
) {
  process.exit(1);
}

const { loadEnvFile } = await import('../dist/src/env-file.js');
const { main } = await import('../dist/src/cli.js');

try {
  // `.env` in the working directory, under whatever the real environment already sets.
  loadEnvFile(process.env);
} catch (error) {
  console.error(`paperboy: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`paperboy: internal error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
