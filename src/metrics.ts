// Prometheus metrics (prom-client): one registry per process, passed to whatever records.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { DeliveryPort } from './digest/types.js';

export interface Metrics {
  registry: Registry;
  commands: Counter<'command' | 'platform' | 'outcome'>;
  commandSeconds: Histogram<'command' | 'platform'>;
  digestsPosted: Counter<'platform'>;
  digestsFailed: Counter<'platform' | 'reason'>;
  /** Digest slots settled without a post: nothing new (silence chosen), already sent, missed beyond the grace. */
  digestsSkipped: Counter<'platform' | 'reason'>;
  sourceRefreshes: Counter<'source' | 'outcome'>;
  catalogSize: Gauge;
  rateLimited: Counter<'platform'>;
  /** Makes `paperboy_catalog_papers` read the live catalog at every scrape (papers arrive while serving). */
  followCatalog(size: () => number): void;
}

export function createMetrics(options: { defaults?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaults ?? true) collectDefaultMetrics({ register: registry, prefix: 'paperboy_' });
  const registers = [registry];
  let catalog: (() => number) | undefined;
  return {
    registry,
    commands: new Counter({
      name: 'paperboy_commands_total',
      help: 'Commands served, by name, platform and outcome (ok, error, refused)',
      labelNames: ['command', 'platform', 'outcome'],
      registers,
    }),
    commandSeconds: new Histogram({
      name: 'paperboy_command_duration_seconds',
      help: 'Time to answer a command',
      labelNames: ['command', 'platform'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    digestsPosted: new Counter({
      name: 'paperboy_digests_posted_total',
      help: 'Digests confirmed by the platform',
      labelNames: ['platform'],
      registers,
    }),
    digestsFailed: new Counter({
      name: 'paperboy_digests_failed_total',
      help: 'Digest delivery attempts that failed',
      labelNames: ['platform', 'reason'],
      registers,
    }),
    digestsSkipped: new Counter({
      name: 'paperboy_digests_skipped_total',
      help: 'Digest slots settled without a post, by reason (nothing-new, already-sent, missed)',
      labelNames: ['platform', 'reason'],
      registers,
    }),
    sourceRefreshes: new Counter({
      name: 'paperboy_source_refreshes_total',
      help: 'Live source refreshes, by source and outcome',
      labelNames: ['source', 'outcome'],
      registers,
    }),
    catalogSize: new Gauge({
      name: 'paperboy_catalog_papers',
      help: 'Papers in the served catalog',
      registers,
      collect() {
        if (catalog) this.set(catalog());
      },
    }),
    rateLimited: new Counter({
      name: 'paperboy_rate_limited_total',
      help: 'Commands refused because a user sent too many',
      labelNames: ['platform'],
      registers,
    }),
    followCatalog(size) {
      catalog = size;
    },
  };
}

/** Counts what a delivery port reports: digests posted, and failed by reason (rate-limited, unreachable, …). */
export function countedDelivery(
  port: DeliveryPort,
  metrics: Pick<Metrics, 'digestsPosted' | 'digestsFailed'> | undefined,
): DeliveryPort {
  if (!metrics) return port;
  return {
    platform: port.platform,
    async deliver(post) {
      const result = await port.deliver(post);
      if (result.ok) metrics.digestsPosted.inc({ platform: port.platform });
      else metrics.digestsFailed.inc({ platform: port.platform, reason: result.kind });
      return result;
    },
  };
}
