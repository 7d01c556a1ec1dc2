// Paperboy on Slack: startSlack() wires Bolt (HTTP on the shared server, or Socket Mode), OAuth and delivery.
import { App, HTTPReceiver, type InstallationStore } from '@slack/bolt';
import type { Logger } from 'pino';
import type { CommandSpec } from '../../app/command.js';
import type { PlatformAdapter, RunningPlatform } from '../../app/platform.js';
import type { Runtime } from '../../app/runtime.js';
import type { Services } from '../../app/types.js';
import { type Clock, systemClock } from '../../clock.js';
import type { SlackConfig } from '../../config.js';
import type { RequestListener } from '../../http/server.js';
import { countedDelivery, type Metrics } from '../../metrics.js';
import { startPruning } from '../../store/prune.js';
import { boltLogger } from './bolt-logger.js';
import {
  createSlackDelivery,
  DELIVERY_NAMESPACES,
  DELIVERY_RECORD_TTL_MS,
  type SlackDeliveryOptions,
} from './delivery.js';
import { type LineParser, registerHandlers } from './handlers.js';
import { createInstallationStore, installedBotToken } from './installation-store.js';
import { MANIFEST_SCOPES } from './manifest.js';
import { createPermissions, HANDLER_CLIENT_RETRIES } from './permissions.js';
import { ScopeWarnings } from './scopes.js';

export { createSlackDelivery } from './delivery.js';
export type { LineParser } from './handlers.js';
export { createInstallationStore } from './installation-store.js';
export { slackManifest } from './manifest.js';
export { renderView } from './render.js';

export const EVENTS_PATH = '/slack/events';
export const INSTALL_PATH = '/slack/install';
export const OAUTH_REDIRECT_PATH = '/slack/oauth_redirect';

/**
 * The shared command pipeline (main.ts passes one), or the parser for `/papers …` lines and the command lines
 * buttons carry, to build one here: starting with neither is a type error.
 */
export type StartSlackOptions = SlackOptionsBase & ({ runtime: Runtime } | { parseLine: LineParser });

interface SlackOptionsBase {
  config: SlackConfig;
  services: Services;
  /** The /papers subcommands, for a runtime built here. */
  commands?: readonly CommandSpec[];
  logger: Logger;
  /** PAPERBOY_ADMINS (config.admins): may configure any channel. */
  admins?: readonly string[];
  /** Answer in the acknowledgement when done by then, else through response_url (default 2 s). */
  answerWithinMs?: number;
  /** Counts commands, their latency and digests, as for Discord. */
  metrics?: Metrics;
  /** Delivery tuning, for tests. */
  /** Tests with a frozen clock pace with minIntervalMs 0, or a `sleep` that moves their fake clock on. */
  delivery?: Pick<SlackDeliveryOptions, 'minIntervalMs' | 'maxRetryWaitMs' | 'retry' | 'sleep'>;
}

/** Digests post with chat.postMessage; routes are POST /slack/events (and the OAuth pages), none in Socket Mode. */
export interface SlackRuntime extends RunningPlatform {
  mode: SlackConfig['mode'];
}

export async function startSlack(options: StartSlackOptions): Promise<SlackRuntime> {
  const { config, services } = options;
  const log = options.logger.child({ platform: 'slack' });
  const logger = boltLogger(log);
  // Handler calls (users.info, views.*) retry a little and time out, so a Slack outage cannot hold them for
  // Bolt's default of 10 retries over 30 minutes.
  const clientOptions = { slackApiUrl: config.apiUrl, retryConfig: HANDLER_CLIENT_RETRIES, timeout: 5_000 };
  // One log line per workspace and missing scope, whether a command or a digest met it first; a new install
  // (which may grant what was missing) starts the workspace afresh.
  const scopeWarnings = new ScopeWarnings(log);
  const installationStore: InstallationStore | undefined = config.oauth
    ? healOnInstall(createInstallationStore(services.store), scopeWarnings)
    : undefined;
  const oauth =
    config.oauth && installationStore
      ? {
          clientId: config.oauth.clientId,
          clientSecret: config.oauth.clientSecret,
          stateSecret: config.oauth.stateSecret,
          installationStore,
          scopes: [...BOT_SCOPES],
          installerOptions: {
            installPath: INSTALL_PATH,
            redirectUriPath: OAUTH_REDIRECT_PATH,
            directInstall: true,
            clientOptions,
          },
        }
      : {};

  let app: App;
  const httpRoutes: Record<string, RequestListener> = {};
  if (config.mode === 'socket') {
    app = new App({
      token: config.botToken,
      appToken: config.appToken,
      socketMode: true,
      logger,
      clientOptions,
    });
  } else {
    if (!config.signingSecret) throw new Error('Slack HTTP mode needs SLACK_SIGNING_SECRET');
    // Bolt's own receiver: its signature check and 5-minute replay window stay on.
    const receiver = new HTTPReceiver({
      signingSecret: config.signingSecret,
      endpoints: EVENTS_PATH,
      logger,
      ...oauth,
    });
    app = new App({
      receiver,
      logger,
      clientOptions,
      ...(config.botToken ? { token: config.botToken } : {}),
    });
    httpRoutes[EVENTS_PATH] = guardSlackRequests(receiver.requestListener, log);
    if (config.oauth) {
      httpRoutes[INSTALL_PATH] = receiver.requestListener;
      httpRoutes[OAUTH_REDIRECT_PATH] = receiver.requestListener;
    }
  }

  const permissions = createPermissions({
    logger: log,
    ...(options.admins ? { admins: options.admins } : {}),
  });
  const inflight = registerHandlers(app, {
    services,
    scopeWarnings,
    ...('runtime' in options ? { runtime: options.runtime } : { parseLine: options.parseLine }),
    ...(options.commands ? { commands: options.commands } : {}),
    permissions,
    logger: log,
    ...(installationStore ? { installations: installationStore } : {}),
    ...(options.answerWithinMs !== undefined ? { answerWithinMs: options.answerWithinMs } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  app.error(async (error) => {
    log.error({ err: error }, 'slack handler failed');
  });

  const tokenFor = async (team: string) =>
    config.botToken ?? (installationStore ? installedBotToken(installationStore, team) : undefined);
  const deliveryPort = countedDelivery(
    createSlackDelivery({
      tokenFor,
      apiUrl: config.apiUrl,
      kv: services.store,
      logger: log,
      scopeWarnings,
      // Pacing reads the services' clock like the rest of the app, so a test's fake clock paces its posts.
      clock: services.clock,
      ...options.delivery,
    }),
    options.metrics,
  );
  options.metrics?.followCatalog(() => services.search.size);

  const stopPruning = startPruning({
    store: services.store,
    clock: services.clock,
    logger: log,
    rules: DELIVERY_NAMESPACES.map((namespace) => ({ namespace, ttlMs: DELIVERY_RECORD_TTL_MS })),
  });

  if (config.mode === 'socket') {
    await app.start();
    log.info('slack connected over Socket Mode');
  } else {
    log.info({ path: EVENTS_PATH, oauth: Boolean(config.oauth) }, 'slack HTTP events enabled');
  }

  return {
    mode: config.mode,
    deliveryPort,
    httpRoutes,
    runsScheduler: true,
    async stop() {
      stopPruning();
      await Promise.race([inflight.idle(), new Promise((r) => setTimeout(r, 5_000).unref())]);
      if (config.mode === 'socket') await app.stop();
    },
  };
}

/** The bot scopes the features need; the manifest and the OAuth install ask for exactly these. */
export const BOT_SCOPES = MANIFEST_SCOPES;

/** Slack signs a request as it sends it; a little clock skew is fine, a timestamp from the future is not. */
export const MAX_FUTURE_SKEW_SECONDS = 60;

/**
 * In front of Bolt's receiver: refuses timestamps from the future (Bolt checks only that a request is under
 * 5 minutes old, so a request signed for later would stay replayable for longer), and answers Slack's retries
 * (X-Slack-Retry-Num) at once without running anything again: commands and interactions are never retried,
 * and Slack retries an event only when the first copy was not acknowledged in time. Bolt acknowledges before
 * its handlers finish, so by then the first copy is being handled (App Home, or forgetting a deleted channel).
 */
export function guardSlackRequests(
  listener: RequestListener,
  logger: Logger,
  clock: Clock = systemClock,
): RequestListener {
  return (req, res) => {
    const timestamp = Number(req.headers['x-slack-request-timestamp']);
    if (Number.isFinite(timestamp) && timestamp > clock.now().getTime() / 1000 + MAX_FUTURE_SKEW_SECONDS) {
      logger.warn({ remote: req.socket.remoteAddress }, 'slack request from the future refused');
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'request timestamp is in the future' }));
      return;
    }
    if (req.headers['x-slack-retry-num'] !== undefined) {
      res.writeHead(200, { 'x-slack-no-retry': '1' });
      res.end();
      return;
    }
    return listener(req, res);
  };
}

/** Slack as main.ts starts it: Events API over the shared server, or Socket Mode. */
export const slackPlatform: PlatformAdapter = {
  name: 'slack',
  start({ config, entryScript: _unused, ...shared }) {
    if (!config.slack) throw new Error('Slack is not configured: set SLACK_BOT_TOKEN');
    return startSlack({ ...shared, config: config.slack, admins: config.admins });
  },
};

/** The install store, telling the scope warnings of each installation stored (the OAuth flow's success). */
export function healOnInstall(store: InstallationStore, scopes: ScopeWarnings): InstallationStore {
  return {
    fetchInstallation: (query, logger) => store.fetchInstallation(query, logger),
    ...(store.deleteInstallation
      ? {
          deleteInstallation: (query, logger) =>
            store.deleteInstallation?.(query, logger) ?? Promise.resolve(),
        }
      : {}),
    async storeInstallation(installation, logger) {
      await store.storeInstallation(installation, logger);
      for (const id of [installation.team?.id, installation.enterprise?.id]) if (id) scopes.installed(id);
    },
  };
}
