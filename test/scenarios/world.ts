// The services every adapter of the scenario suite runs on: the bundled seed catalog plus papers from recorded
// payloads, the real search engine, summariser, planner and SQLite store, a fixed clock and a tight rate limit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRateLimiter } from '../../src/app/command-quota.js';
import type { Services } from '../../src/app/types.js';
import { loadCatalog } from '../../src/catalog/index.js';
import type { Paper } from '../../src/catalog/paper.js';
import { createDigestPlanner } from '../../src/digest/planner.js';
import { silentLogger } from '../../src/logger.js';
import { createMetrics, type Metrics } from '../../src/metrics.js';
import { createSearchEngine } from '../../src/search/index.js';
import { HfDailyItemSchema, hfItemToPaper } from '../../src/sources/hf.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { createSummarizer } from '../../src/summarize/index.js';
import { paper } from '../app/fakes.js';
import { FakeClock } from '../support/fake-clock.js';
import { real } from '../support/real.js';

/** Monday 12 May 2025, 10:00 UTC: the scenario suite's "now" on every adapter. */
export const NOW = new Date('2025-05-12T10:00:00Z');

/** Commands a user may send before the polite refusal; the fixed clock never refills the bucket. */
export const BURST = 5;

/** "Breaking the Memory Barrier…" (arXiv 2410.17243), from Hugging Face's recorded daily list of 25 Oct 2024. */
export const MEMORY_BARRIER_ID = '2410.17243';
export const MEMORY_BARRIER_TITLE = 'Breaking the Memory Barrier';

/**
 * The only invented paper: no recorded payload has "Q&A" in a title, and Slack's `&amp;` needs one to be found.
 * Its words appear in no other paper, so a search that lost the `&` finds nothing or something else.
 */
export const QA_TITLE = 'Q&A over long documents with retrieval';

let catalog: Promise<Paper[]> | undefined;

/** Seed catalog + the two papers of the recorded HF daily list + one invented Q&A paper. */
export function scenarioCatalog(): Promise<Paper[]> {
  catalog ??= (async () => {
    const seed = (await loadCatalog([])).papers;
    const items = JSON.parse(real('hf/daily-papers-2024-10-25-older-shape.json')) as unknown[];
    const recorded = items.map((item) => {
      const parsed = HfDailyItemSchema.parse(item);
      return hfItemToPaper(parsed, '2024-10-25');
    });
    const qa = paper({
      id: '2410.99001',
      title: QA_TITLE,
      abstract: 'Question answering (Q&A) over long documents.',
      links: { abs: 'https://arxiv.org/abs/2410.99001' },
    });
    return [...seed, ...recorded, qa];
  })();
  return catalog;
}

export interface World {
  services: Services;
  /** What /metrics would show; the chat adapters record into it. */
  metrics: Metrics;
  store: Store;
  /** The fake clock everything reads: scenarios of scheduled posts move it. */
  clock: FakeClock;
  close(): Promise<void>;
}

/** The scenario catalog at NOW, unless a test brings its own papers and moment. */
export async function scenarioWorld(options: { papers?: Paper[]; now?: Date } = {}): Promise<World> {
  const clock = new FakeClock(options.now ?? NOW);
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-scenarios-'));
  const store = await openStore(`sqlite:${join(dir, 'paperboy.db')}`, { clock });
  const search = createSearchEngine(options.papers ?? (await scenarioCatalog()));
  const services: Services = {
    search,
    summarizer: createSummarizer({ llm: null, cache: store }),
    digest: createDigestPlanner(search),
    store,
    clock,
    logger: silentLogger(),
    limiter: createRateLimiter({ limit: { burst: BURST, perMs: 10_000 }, clock }),
  };
  return {
    services,
    metrics: createMetrics({ defaults: false }),
    store,
    clock,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
