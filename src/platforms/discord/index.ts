// Paperboy on Discord: startDiscord() wires REST, the interaction core, gateway or HTTP mode, and digest delivery.
import type { Logger } from 'pino';
import type { CommandSpec } from '../../app/command.js';
import { parseLine } from '../../app/parse-line.js';
import type { PlatformAdapter, RunningPlatform } from '../../app/platform.js';
import type { Runtime } from '../../app/runtime.js';
import type { Services } from '../../app/types.js';
import type { DiscordConfig } from '../../config.js';
import type { RequestListener } from '../../http/server.js';
import { countedDelivery, type Metrics } from '../../metrics.js';
import { createDiscordDelivery } from './delivery.js';
import { isShardProcess, startDiscordSharded, startGateway } from './gateway.js';
import { createDiscordInteractionHandler, INTERACTIONS_PATH } from './http-handler.js';
import { createInteractionCore, type LineParser } from './interaction-core.js';
import { createRest } from './rest.js';
import { startStashCleanup } from './stash-cleanup.js';

export { createDiscordDelivery } from './delivery.js';
export { isShardProcess, startDiscordSharded, startGateway } from './gateway.js';
export { createDiscordInteractionHandler, INTERACTIONS_PATH } from './http-handler.js';
export { createInteractionCore, type InteractionCore, type LineParser } from './interaction-core.js';
export { inviteUrl, registrationJson, registrationProblems } from './registration.js';
export { renderView } from './render.js';
export { createRest } from './rest.js';

export type DiscordRole = 'http' | 'gateway' | 'shard-manager' | 'shard';

/** What this process does on Discord, from the configuration and (for shard children) the environment. */
export function discordRole(config: DiscordConfig, env?: NodeJS.ProcessEnv): DiscordRole {
  if (config.interactions === 'http') return 'http';
  if (isShardProcess(env)) return 'shard';
  return config.shards === undefined ? 'gateway' : 'shard-manager';
}

/** A runtime (main.ts shares one) or the commands to build one from: starting with neither is a type error. */
export type StartDiscordOptions = DiscordOptionsBase &
  ({ runtime: Runtime } | { commands: readonly CommandSpec[] });

interface DiscordOptionsBase {
  config: DiscordConfig;
  services: Services;
  /** Reads the command lines buttons carry (default: the shared line parser over `commands`). */
  parseLine?: LineParser;
  logger: Logger;
  metrics?: Metrics;
  /** Entry script each shard child runs (DISCORD_SHARDS): normally the path of main.js itself. */
  shardScript?: string;
  env?: NodeJS.ProcessEnv;
  /** PAPERBOY_ADMINS (config.admins): may configure any channel. */
  admins?: readonly string[];
  /** Answer within this or defer (default 2 s; Discord allows 3 s, transit included). */
  deferAfterMs?: number;
}

/**
 * Digests post through REST in any role (the scheduler decides whether to use it); routes are POST
 * /discord/interactions in HTTP mode, else none; a shard child runs no scheduler and serves nothing else.
 */
export interface DiscordRuntime extends RunningPlatform {
  role: DiscordRole;
}

export async function startDiscord(options: StartDiscordOptions): Promise<DiscordRuntime> {
  const { config, services, logger } = options;
  const log = logger.child({ platform: 'discord' });
  const role = discordRole(config, options.env);
  const rest = createRest({ apiUrl: config.apiUrl, ...(config.token ? { token: config.token } : {}) });
  // Interaction answers go through their own client: Discord exempts them from the global limit digests obey.
  const interactionRest = createRest({ apiUrl: config.apiUrl, interactions: true });
  const commands = 'runtime' in options ? options.runtime.commands : options.commands;
  const core = createInteractionCore({
    commands,
    ...('runtime' in options ? { runtime: options.runtime } : {}),
    services,
    parseLine: options.parseLine ?? ((line) => parseLine(line, commands)),
    rest: interactionRest,
    logger: log,
    ...(options.metrics ? { metrics: options.metrics } : {}),
    ...(options.admins ? { admins: options.admins } : {}),
    ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
  });
  const deliveryPort = countedDelivery(
    createDiscordDelivery({ rest, store: services.store, logger: log }),
    options.metrics,
  );
  options.metrics?.followCatalog(() => services.search.size);
  const stops: (() => Promise<void>)[] = [];
  // Shard children share the manager's store: one process cleans up.
  if (role !== 'shard') {
    const stopCleanup = startStashCleanup({ store: services.store, clock: services.clock, logger: log });
    stops.push(async () => stopCleanup());
  }
  const httpRoutes: Record<string, RequestListener> = {};

  if (role === 'http') {
    if (!config.publicKey) throw new Error('DISCORD_INTERACTIONS=http needs DISCORD_PUBLIC_KEY');
    httpRoutes[INTERACTIONS_PATH] = createDiscordInteractionHandler({
      publicKey: config.publicKey,
      core,
      logger: log,
    });
    log.info({ path: INTERACTIONS_PATH }, 'discord HTTP interactions enabled');
  } else {
    if (!config.token) throw new Error('Discord gateway mode needs DISCORD_TOKEN');
    if (role === 'shard-manager') {
      if (!options.shardScript)
        throw new Error('DISCORD_SHARDS needs the entry script for the shard processes');
      const sharded = await startDiscordSharded({
        token: config.token,
        script: options.shardScript,
        shards: config.shards ?? 'auto',
        rest,
        logger: log,
      });
      stops.push(sharded.stop);
    } else {
      const gateway = await startGateway({
        token: config.token,
        apiUrl: config.apiUrl,
        core,
        rest,
        logger: log,
        store: services.store,
      });
      stops.push(gateway.stop);
    }
  }

  return {
    role,
    deliveryPort,
    httpRoutes,
    runsScheduler: role !== 'shard',
    exclusive: role === 'shard',
    async stop() {
      // Give deferred answers a moment to land before the connections go.
      await Promise.race([core.idle(), new Promise((r) => setTimeout(r, 5_000).unref())]);
      for (const stop of stops.reverse()) await stop();
    },
  };
}

/** Discord as main.ts starts it: HTTP interactions, the gateway, or one shard of it. */
export const discordPlatform: PlatformAdapter = {
  name: 'discord',
  start({ config, entryScript, ...shared }) {
    if (!config.discord) throw new Error('Discord is not configured: set DISCORD_TOKEN');
    const shards = entryScript ? { shardScript: entryScript } : {};
    return startDiscord({ ...shared, ...shards, config: config.discord, admins: config.admins });
  },
};
