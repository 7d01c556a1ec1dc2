// Starts real Bolt behind Paperboy's shared HTTP server, talking to a local mock Slack API, for end-to-end tests.
import { papersCommands } from '../../../commands/index.js';
import { parseLine } from '../../../src/app/parse-line.js';
import type { Services } from '../../../src/app/types.js';
import type { Paper } from '../../../src/catalog/paper.js';
import type { SlackConfig } from '../../../src/config.js';
import type { DigestPlanner } from '../../../src/digest/types.js';
import { type RunningServer, startHttpServer } from '../../../src/http/server.js';
import type { Metrics } from '../../../src/metrics.js';
import { type LineParser, type SlackRuntime, startSlack } from '../../../src/platforms/slack/index.js';
import { createSearchEngine } from '../../../src/search/index.js';
import type { Store } from '../../../src/store/types.js';
import {
  captureLogger,
  echoSummarizer,
  fixedClock,
  MemoryStore,
  paper,
  WordSearch,
} from '../../digest/fakes.js';
import { MockSlack } from './mock-slack.js';
import { SIGNING_SECRET } from './signed.js';
import { testParseLine } from './test-commands.js';

export const papers = [
  ...Array.from({ length: 30 }, (_, i) =>
    paper({
      id: `2505.${String(10000 + i)}`,
      title: `Diffusion models study ${i}`,
      abstract: `We study diffusion number ${i}.`,
      authors: ['Ada Lovelace'],
      links: { abs: `https://arxiv.org/abs/2505.${String(10000 + i)}` },
    }),
  ),
  paper({
    id: '2505.99999',
    title: 'Attention <!channel> diffusion',
    abstract: 'Ping <!here> everyone.',
    links: { abs: 'https://arxiv.org/abs/2505.99999' },
  }),
];

export interface Harness<S extends Store = MemoryStore> {
  mock: MockSlack;
  runtime: SlackRuntime;
  server: RunningServer;
  store: S;
  services: Services;
  events: string;
  logs: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  answerWithinMs?: number;
  admins?: string[];
  config?: Partial<SlackConfig>;
  parseLine?: LineParser;
  limiter?: Services['limiter'];
  /** A search engine instead of the word-matching fake (say, the real one over a few papers). */
  search?: Services['search'];
  metrics?: Metrics;
  /** Delivery settings instead of the default (no pacing, no retries). */
  delivery?: NonNullable<Parameters<typeof startSlack>[0]['delivery']>;
}

/** Harness options with a store of the test's own (a real one, for what MemoryStore does not keep). */
export type HarnessWithStore<S extends Store> = HarnessOptions & { store: S };

/** The harness running the real /papers commands through the shared line parser, over `catalog` when given. */
export function startRealHarness(options: HarnessOptions & { catalog?: Paper[] } = {}): Promise<Harness> {
  const { catalog, ...rest } = options;
  return startHarness({
    parseLine: (line) => parseLine(line, papersCommands),
    ...(catalog ? { search: createSearchEngine(catalog) } : {}),
    ...rest,
  });
}

/** A real paper that Slack's escaping tests and button tests both look for by its arXiv link. */
export const MEMORY_BARRIER: Paper = paper({
  id: '2410.17243',
  title: 'Breaking the Memory Barrier: Near Infinite Batch Size Scaling for Contrastive Loss',
  abstract: 'Contrastive loss with a tile-based computation strategy.',
  links: { abs: 'https://arxiv.org/abs/2410.17243' },
});

export async function startHarness(options?: HarnessOptions): Promise<Harness>;
export async function startHarness<S extends Store>(options: HarnessWithStore<S>): Promise<Harness<S>>;
export async function startHarness(
  options: HarnessOptions & { store?: Store } = {},
): Promise<Harness<Store>> {
  const mock = await new MockSlack().start();
  const search = new WordSearch(papers);
  const digest: DigestPlanner = {
    select: (r) => {
      const out = search.search(r.topics.join(' '), { limit: r.count });
      if (!out.ok) return [];
      return out.hits
        .filter((hit) => !r.sent.has(hit.paper.id))
        .map((hit) => ({
          paper: hit.paper,
          score: hit.score,
          reason: `matches: ${r.topics.join(', ')}`,
          matchedTopics: r.topics,
        }));
    },
  };
  const clock = fixedClock('2025-05-20T09:00:00Z');
  const store = options.store ?? new MemoryStore(clock);
  const { logger, lines } = captureLogger();
  const services: Services = {
    search: options.search ?? search,
    summarizer: echoSummarizer,
    digest,
    store,
    clock,
    logger,
    ...(options.limiter ? { limiter: options.limiter } : {}),
  };
  const runtime = await startSlack({
    config: {
      mode: 'http',
      botToken: 'xoxb-test',
      signingSecret: SIGNING_SECRET,
      apiUrl: mock.apiUrl,
      ...options.config,
    },
    services,
    parseLine: options.parseLine ?? testParseLine,
    logger,
    answerWithinMs: options.answerWithinMs ?? 1000,
    ...(options.admins ? { admins: options.admins } : {}),
    delivery: options.delivery ?? { minIntervalMs: 0, retry: { retries: 0 } },
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  const server = await startHttpServer({
    routes: runtime.httpRoutes,
    health: async () => ({ ready: true, checks: {} }),
    logger,
    port: 0,
    host: '127.0.0.1',
  });
  return {
    mock,
    runtime,
    server,
    store,
    services,
    events: `http://127.0.0.1:${server.port}/slack/events`,
    logs: lines,
    async close() {
      await runtime.stop();
      await server.close();
      await mock.stop();
    },
  };
}
