#!/usr/bin/env node
// The `paperboy` command line: runs the compiled CLI (built by `npm install` through `prepare`).
import { main } from '../dist/src/cli.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`paperboy: internal error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
