// Composition root for `npm start`: with no Discord or Slack credentials, the interactive console on the catalog.
import { createServices } from './app/services.js';
import { runConsoleApp } from './platforms/console/app.js';
import { startConsoleBackground } from './platforms/console/background.js';

const FIXABLE = new Set(['ConfigError', 'StoreOpenError', 'CatalogError']);

async function start(): Promise<number> {
  return runConsoleApp({
    env: process.env,
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    createServices: (config, logger) => createServices(config, { logger }),
    startBackground: startConsoleBackground,
  });
}

start().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const fixable = error instanceof Error && FIXABLE.has(error.name);
    const message =
      error instanceof Error ? (fixable ? error.message : (error.stack ?? error.message)) : String(error);
    process.stderr.write(`paperboy: ${message}\n`);
    process.exitCode = fixable ? 2 : 1;
  },
);
