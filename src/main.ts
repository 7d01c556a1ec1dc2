// Composition root for `npm start`: the chat platforms when configured (PAPERBOY_MODE=server), else the console.
import { fileURLToPath } from 'node:url';
import { papersCommands } from '../commands/index.js';
import { parseLine } from './app/parse-line.js';
import { type AppServices, createServices, startMode } from './app/services.js';
import { type Config, readConfig } from './config.js';
import type { DeliveryPort } from './digest/types.js';
import { startHttpServer } from './http/server.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';
import { runConsoleApp } from './platforms/console/app.js';
import { startConsoleBackground } from './platforms/console/background.js';
import { startScheduler } from './schedule/scheduler.js';
import { startLiveSources } from './sources/index.js';

/** Problems the person can fix (configuration, catalog files, the database URL): one line, exit 2. */
const FIXABLE = new Set(['ConfigError', 'StoreOpenError', 'CatalogError']);

function startConsole(): Promise<number> {
  return runConsoleApp({
    env: process.env,
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    createServices: (config, logger) => createServices(config, { logger }),
    startBackground: startConsoleBackground,
  });
}

/** Resolves once a stop signal arrived and everything started was stopped, newest first. */
function untilStopped(stops: (() => Promise<unknown>)[], log: (msg: string) => void): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const stop = async (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      log(`${signal}: stopping`);
      for (const fn of stops.reverse()) await fn().catch(() => undefined);
      // Anything still holding the event loop open after a clean stop must not keep the process alive.
      setTimeout(() => process.exit(process.exitCode ?? 0), 10_000).unref();
      resolve(0);
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}

async function startServer(config: Config): Promise<number> {
  const logger = createLogger(config.logLevel);
  const services: AppServices = await createServices(config, { logger });
  const stops: (() => Promise<unknown>)[] = [() => services.close()];
  const metrics = createMetrics();
  metrics.catalogSize.set(services.search.size);
  const ports: DeliveryPort[] = [];
  const routes = {};
  let runsScheduler = true;

  // Loaded only here, so the console does not pay for discord.js.
  const { isShardProcess, startDiscord } = await import('./platforms/discord/index.js');
  if (config.discord) {
    const discord = await startDiscord({
      config: config.discord,
      services,
      commands: papersCommands,
      parseLine: (line) => parseLine(line, papersCommands),
      logger,
      metrics,
      shardScript: fileURLToPath(import.meta.url),
      admins: config.admins,
    });
    stops.push(() => discord.stop());
    ports.push(discord.deliveryPort);
    Object.assign(routes, discord.httpRoutes);
    runsScheduler = discord.runsScheduler;
  }
  // A shard child only holds its gateway connection; its manager serves HTTP, digests and sources.
  if (isShardProcess()) return untilStopped(stops, (m) => logger.info(m));

  const http = await startHttpServer({
    port: config.port,
    routes,
    registry: metrics.registry,
    logger,
    health: async () => {
      const store = await services.store.ping().catch(() => false);
      return { ready: store, checks: { store, papers: services.search.size } };
    },
  });
  stops.push(() => http.close());
  if (runsScheduler) {
    const scheduler = startScheduler({
      store: services.store,
      planner: services.digest,
      summarizer: services.summarizer,
      papers: services.search,
      ports,
      logger,
      clock: services.clock,
      graceHours: config.digestGraceHours,
    });
    stops.push(() => scheduler.stop());
  }
  if (config.sources.enabled.length > 0) {
    const sources = startLiveSources({
      config: config.sources,
      store: services.store,
      search: services.search,
      clock: services.clock,
      logger,
    });
    stops.push(() => sources.refresher.stop());
  }
  logger.info(
    { platforms: ports.map((p) => p.platform), port: http.port, catalog: services.describe() },
    'paperboy started',
  );
  return untilStopped(stops, (m) => logger.info(m));
}

async function main(): Promise<number> {
  const config = readConfig(process.env);
  return startMode(config) === 'console' ? startConsole() : startServer(config);
}

main().then(
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
