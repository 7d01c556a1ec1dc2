// Composition root: the console when no chat platform is configured, else the server (Discord, Slack, digests, sources).
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cardActions, papersCommands } from '../commands/index.js';
import type { PlatformAdapter } from './app/platform.js';
import { createRuntime } from './app/runtime.js';
import { type AppServices, createServices, startMode } from './app/services.js';
import { type Config, readConfig } from './config.js';
import type { DeliveryPort } from './digest/types.js';
import { loadEnvFile } from './env-file.js';
import { createFollowupRunner } from './followups/runner.js';
import { createFeedRoute, FEEDS_PREFIX } from './http/feeds.js';
import { startHttpServer } from './http/server.js';
import { retryZoteroBacklog } from './keep/services.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';
import { runConsoleApp } from './platforms/console/app.js';
import { startConsoleBackground } from './platforms/console/background.js';
import { createReadingGroupJobs } from './reading-group/jobs.js';
import { type Scheduler, startScheduler } from './schedule/scheduler.js';
import { startLiveSources } from './sources/index.js';

/** How often saves that Zotero refused for being down are tried again. */
const ZOTERO_RETRY_MS = 15 * 60_000;

const FIXABLE = new Set(['ConfigError', 'StoreOpenError', 'CatalogError', 'EnvFileError']);

/** The /papers subcommands, for the other composition root (the `paperboy` CLI): only main.ts imports commands/. */
export { cardActions, papersCommands };

/**
 * The chat platforms, in start order. Each SDK loads only when its platform is configured: the console starts
 * seconds faster without them.
 */
const PLATFORMS: { configured(config: Config): boolean; load(): Promise<PlatformAdapter> }[] = [
  {
    configured: (config) => Boolean(config.discord),
    load: async () => (await import('./platforms/discord/index.js')).discordPlatform,
  },
  {
    configured: (config) => Boolean(config.slack),
    load: async () => (await import('./platforms/slack/index.js')).slackPlatform,
  },
];

async function startConsole(env: NodeJS.ProcessEnv, config: Config): Promise<number> {
  return runConsoleApp({
    env,
    reason:
      config.mode === 'console'
        ? 'PAPERBOY_MODE=console: local console'
        : 'no DISCORD_TOKEN or SLACK_BOT_TOKEN set: local console',
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    commands: papersCommands,
    createServices: (config, logger) => createServices(config, { logger }),
    startBackground: (services, port, config, note) =>
      startConsoleBackground(services, port, config, note, { cardActions }),
  });
}

/** Runs until SIGTERM/SIGINT; then stops taking commands, finishes the digests in flight and closes the store. */
async function startServer(config: Config): Promise<number> {
  const logger = createLogger(config.logLevel);
  const metrics = createMetrics();
  let services: AppServices | undefined;
  let ready = false;
  const stops: Array<{ name: string; stop: () => Promise<void> }> = [];
  const routes: Record<string, import('./http/server.js').RequestListener> = {};
  const health = async () => {
    const store = services ? await services.store.ping().catch(() => false) : false;
    return {
      ready: ready && store,
      checks: { papers: services?.search.size ?? 0, store },
    };
  };

  // METRICS_PORT keeps /metrics off the public port (the public server then has none).
  const metricsHttp =
    config.metricsPort === undefined
      ? undefined
      : await startHttpServer({
          port: config.metricsPort,
          routes: {},
          health,
          registry: metrics.registry,
          logger,
        });
  // The health endpoint answers 503 while the catalog loads, so orchestrators wait rather than restart us.
  const http = await startHttpServer({
    port: config.port,
    routes,
    health,
    ...(metricsHttp ? {} : { registry: metrics.registry }),
    logger,
  });
  try {
    services = await createServices(config, { logger, metrics });
  } catch (error) {
    // Nothing may keep the process up after a failed start: Docker and systemd restart it only once it exits.
    await http.close();
    throw error;
  }
  metrics.catalogSize.set(services.search.size);
  // The first searches would sort the vocabulary and build the typo index (most of a second for 50,000 papers):
  // paid here, before /healthz says ready, rather than by the first people to search after a restart.
  services.search.warm?.();
  logger.info({ catalog: services.describe() }, 'services ready');

  const runtime = createRuntime({ commands: papersCommands, services, logger, metrics });
  // Each channel's Atom feed of what it received, at an unguessable address that admins see in settings.
  routes[FEEDS_PREFIX] = createFeedRoute({
    store: services.store,
    paper: (id) => services?.search.get(id),
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
    logger,
  });
  const ports: DeliveryPort[] = [];
  let runsScheduler = true;
  for (const entry of PLATFORMS) {
    if (!entry.configured(config)) continue;
    const platform = await entry.load();
    const running = await platform.start({
      config,
      runtime,
      services,
      logger,
      metrics,
      entryScript: fileURLToPath(import.meta.url),
    });
    Object.assign(routes, running.httpRoutes);
    ports.push(running.deliveryPort);
    runsScheduler &&= running.runsScheduler;
    stops.push({ name: platform.name, stop: () => running.stop() });
    // A Discord shard child serves its shard and nothing else.
    if (running.exclusive) break;
  }

  let scheduler: Scheduler | undefined;
  if (runsScheduler) {
    const live = startLiveSources({
      config: config.sources,
      store: services.store,
      search: services.search,
      clock: services.clock,
      logger,
      metrics,
    });
    stops.unshift({ name: 'sources', stop: () => live.refresher.stop() });
    // Saves that Zotero missed during an outage go in when it is back, even if nobody saves again.
    const keep = services.keep;
    if (keep) {
      const ready = services;
      const zotero = setInterval(() => {
        retryZoteroBacklog(ready, keep).catch((err: unknown) => logger.warn({ err }, 'zotero retry failed'));
      }, ZOTERO_RETRY_MS);
      zotero.unref();
      stops.unshift({ name: 'zotero', stop: async () => clearInterval(zotero) });
    }
    if (ports.length > 0) {
      // Follow-ups on papers already sent, looked for after the digests of a tick (at most every 15 minutes).
      const followups = createFollowupRunner({
        store: services.store,
        papers: services.search,
        ports,
        clock: services.clock,
        logger,
      });
      scheduler = startScheduler({
        store: services.store,
        planner: services.digest,
        summarizer: services.summarizer,
        papers: services.search,
        ports,
        logger,
        clock: services.clock,
        graceHours: config.digestGraceHours,
        metrics,
        tldrSources: config.summarySources,
        // Digest cards get the same buttons as search results and previews.
        cardActions,
        alsoEachTick: [
          followups,
          createReadingGroupJobs({
            store: services.store,
            papers: services.search,
            summarizer: services.summarizer,
            ports,
            clock: services.clock,
            logger,
            tldrSources: config.summarySources,
          }),
        ],
      });
      const running = scheduler;
      stops.unshift({ name: 'scheduler', stop: () => running.stop(20_000) });
    }
  }
  ready = true;
  logger.info(
    { port: http.port, routes: Object.keys(routes), scheduler: scheduler !== undefined },
    'paperboy is running',
  );

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  logger.info({ signal }, 'shutting down');
  ready = false;
  await http.close();
  await metricsHttp?.close();
  for (const { name, stop } of stops) {
    await stop().catch((err: unknown) => logger.error({ err, part: name }, 'stop failed'));
  }
  await services.close();
  logger.info('stopped');
  return 0;
}

export interface StartOptions {
  /**
   * `.env` is already in `env`: the `paperboy` command line reads it once for every command, so `paperboy start`
   * does not read it again. `npm start` (node dist/src/main.js) has nobody before it and reads it here.
   */
  envFileRead?: boolean;
}

/**
 * `npm start` and `paperboy start`: reads `.env` (the environment wins), then runs the console or the server.
 * A start-up failure prints one line and resolves to its exit code: 2 for something to fix, 1 otherwise.
 */
export async function start(
  env: NodeJS.ProcessEnv = process.env,
  options: StartOptions = {},
): Promise<number> {
  try {
    if (options.envFileRead !== true) loadEnvFile(env);
    const config = readConfig(env);
    return await (startMode(config) === 'server' ? startServer(config) : startConsole(env, config));
  } catch (error) {
    const fixable = error instanceof Error && FIXABLE.has(error.name);
    const message =
      error instanceof Error ? (fixable ? error.message : (error.stack ?? error.message)) : String(error);
    process.stderr.write(`paperboy: ${message}\n`);
    const code = fixable ? 2 : 1;
    // Whatever was half started (a pool, a socket, a gateway) must not hold the process up: exit once the line is out.
    setTimeout(() => process.exit(code), 500).unref();
    return code;
  }
}

/** Run as a script (node dist/src/main.js, and each Discord shard child), not when `paperboy start` imports it. */
function isEntryScript(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryScript()) {
  start().then((code) => {
    process.exitCode = code;
  });
}
