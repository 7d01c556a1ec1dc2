// Builds the configured live sources and their refresh service: what main.ts and the CLI call.
import type { Logger } from 'pino';
import type { Clock } from '../app/types.js';
import type { SourcesConfig } from '../config.js';
import type { SearchEngine } from '../search/types.js';
import type { KeyValueStore, PaperStore } from '../store/types.js';
import { createArxivSource } from './arxiv.js';
import { createHfSource } from './hf.js';
import { type HttpDeps, systemHttpDeps } from './http.js';
import { createRefreshService, type RefreshService, type RefreshServiceDeps } from './refresh.js';
import { type SourceRefresher, startSourceRefresher } from './scheduler.js';
import type { PaperSource, SourceName } from './types.js';

export type { RefreshReport, RefreshService } from './refresh.js';
export type { SourceRefresher } from './scheduler.js';
export type { SourceStatus } from './status.js';
export { isSourceName, SOURCE_NAMES, type SourceName } from './types.js';

export function createSources(
  config: SourcesConfig,
  options: { logger: Logger; deps?: HttpDeps; only?: readonly SourceName[] },
): PaperSource[] {
  const deps = options.deps ?? systemHttpDeps;
  const policy = { timeoutMs: config.timeoutMs };
  const names = options.only ?? config.enabled;
  return names.map((name) =>
    name === 'hf'
      ? createHfSource({
          apiUrl: config.hf.apiUrl,
          days: config.hf.days,
          timeZone: config.timeZone,
          deps,
          policy,
          logger: options.logger,
        })
      : createArxivSource({
          apiUrl: config.arxiv.apiUrl,
          categories: config.arxiv.categories,
          maxResults: config.arxiv.maxResults,
          deps,
          policy,
          logger: options.logger,
        }),
  );
}

export interface LiveSourcesOptions {
  config: SourcesConfig;
  store: PaperStore & KeyValueStore;
  search: Pick<SearchEngine, 'get' | 'upsert' | 'all'>;
  clock: Clock;
  logger: Logger;
  deps?: HttpDeps;
  metrics?: RefreshServiceDeps['metrics'];
}

/**
 * For the composition root: builds the enabled sources, refreshes them at start-up (unless fresh) and on their
 * schedules, and feeds what they fetch into the Store and the serving search index.
 */
export function startLiveSources(options: LiveSourcesOptions): {
  service: RefreshService;
  refresher: SourceRefresher;
} {
  const { config, logger } = options;
  const service = createRefreshService({
    sources: createSources(config, { logger, ...(options.deps ? { deps: options.deps } : {}) }),
    store: options.store,
    search: options.search,
    clock: options.clock,
    logger,
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  const refresher = startSourceRefresher({
    service,
    kv: options.store,
    schedules: config.enabled.map((source) => ({ source, cron: config[source].cron })),
    timeZone: config.timeZone,
    refreshOnStart: config.refreshOnStart,
    clock: options.clock,
    logger,
  });
  return { service, refresher };
}
