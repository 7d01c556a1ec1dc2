// Builds the configured live sources and their refresh service: what main.ts and the CLI call.
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { SourcesConfig } from '../config.js';
import type { SearchEngine } from '../search/types.js';
import type { KeyValueStore, PaperStore } from '../store/types.js';
import { createArxivSource } from './arxiv.js';
import { createHfSource } from './hf.js';
import { createHubLookup } from './hf-repos.js';
import { createPacer, type HttpDeps, systemHttpDeps } from './http.js';
import { createRefreshService, type RefreshService, type RefreshServiceDeps } from './refresh.js';
import { type SourceRefresher, startSourceRefresher } from './scheduler.js';
import { lookupTitle, runTitleResolution } from './title-lookup.js';
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
          hub: createHubLookup({ apiUrl: config.hf.apiUrl, deps, policy, logger: options.logger }),
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
  /** Look up arXiv ids for id-less papers by title after the start-up refresh (default true). */
  resolveTitles?: boolean;
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
  if (options.resolveTitles === false) return { service, refresher };
  // Papers without an arXiv id (the bundled page has none) get one by exact title, once the start-up refresh
  // is done; the answers are cached in the Store, so this costs requests only for titles not asked this week.
  const deps = options.deps ?? systemHttpDeps;
  const abort = new AbortController();
  const pacer = createPacer(3_000, deps);
  const titles = refresher.startup
    .then(() =>
      abort.signal.aborted
        ? undefined
        : runTitleResolution({
            papers: () => options.search.all(),
            kv: options.store,
            store: options.store,
            search: options.search,
            clock: options.clock,
            lookup: (title) =>
              lookupTitle(title, {
                apiUrl: config.arxiv.apiUrl,
                deps,
                pacer,
                policy: { timeoutMs: config.timeoutMs, attempts: 2, baseDelayMs: 3_000 },
                signal: abort.signal,
              }),
            logger: logger.child({ component: 'titles' }),
            signal: abort.signal,
          }),
    )
    .catch((error: unknown) => logger.warn({ err: error }, 'titles: lookup failed'));
  return {
    service,
    refresher: {
      startup: refresher.startup,
      async stop() {
        abort.abort();
        await Promise.all([refresher.stop(), titles]);
      },
    },
  };
}
