// Composition of what every platform shares: catalog → search engine, summariser, digest planner, store.
import type { Logger } from 'pino';
import { type Clock, systemClock } from '../clock.js';
import type { Config } from '../config.js';
import { createDigestPlanner } from '../digest/planner.js';
import { createKeepServices } from '../keep/services.js';
import { createSearchEngine } from '../search/index.js';
import { loadServingCatalog } from '../sources/serving.js';
import { openStore, redactDatabaseUrl } from '../store/index.js';
import { createSummarizer } from '../summarize/index.js';
import { plural } from '../views/format.js';
import { limiterFromConfig } from './command-quota.js';
import type { Services } from './types.js';
import { WorkLane } from './work-lane.js';

export interface AppServices extends Services {
  /** What was loaded, for logs and the console's welcome. */
  readonly catalog: { papers: number; fetched: number; warnings: number; files: string[] };
  /** One line: "57 papers from the bundled seed · store sqlite:./data/paperboy.db". */
  describe(): string;
  close(): Promise<void>;
}

export interface CreateServicesOptions {
  logger: Logger;
  clock?: Clock;
  /** Counts rate-limit refusals (server mode); the console has no metrics. */
  metrics?: { rateLimited: { inc(labels: { platform: string }): void } };
}

/**
 * Opens the store (running migrations), loads the catalog files plus the papers live sources fetched earlier,
 * and builds the search engine and digest planner over them, plus the per-user rate limiter
 * (PAPERBOY_RATE_LIMIT). Fails with one clear message (catalog or store).
 */
export async function createServices(config: Config, options: CreateServicesOptions): Promise<AppServices> {
  const { logger } = options;
  const clock = options.clock ?? systemClock;
  const store = await openStore(config.databaseUrl, { logger, clock });
  try {
    const catalog = await loadServingCatalog({ catalogPaths: config.catalogPaths, store, logger });
    const search = createSearchEngine(catalog.papers);
    const summarizer = createSummarizer({ llm: config.llm, cache: store, logger });
    const digest = createDigestPlanner(search);
    const limiter = limiterFromConfig(config.rateLimit, clock, options.metrics);
    const files = catalog.files.map((f) => f.file);
    const summary = {
      papers: catalog.papers.length,
      fetched: catalog.fetched,
      warnings: catalog.warnings.length,
      files,
    };
    const source = config.catalogPaths.length > 0 ? config.catalogPaths.join(', ') : 'the bundled seed';
    return {
      search,
      summarizer,
      digest,
      store,
      clock,
      logger,
      ...(limiter ? { limiter } : {}),
      lane: new WorkLane(),
      tldrSources: config.summarySources,
      keep: createKeepServices(config),
      catalog: summary,
      describe: () =>
        [
          `${plural(summary.papers, 'paper')} from ${source}`,
          summary.fetched > 0 ? `${summary.fetched} fetched` : '',
          summary.warnings > 0 ? `${plural(summary.warnings, 'record')} skipped (see the log)` : '',
          `store ${redactDatabaseUrl(config.databaseUrl)}`,
        ]
          .filter(Boolean)
          .join(' · '),
      close: () => store.close(),
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/**
 * What `npm start` runs: the server (HTTP endpoints, chat platforms, digest scheduler, live sources) when a
 * platform is configured or PAPERBOY_MODE=server, else the local console.
 */
export function startMode(config: Pick<Config, 'mode' | 'discord' | 'slack'>): 'console' | 'server' {
  if (config.mode !== 'auto') return config.mode;
  return config.discord || config.slack ? 'server' : 'console';
}
