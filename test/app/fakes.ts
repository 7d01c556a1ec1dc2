// Small fakes of the ports (store, search, summariser, digest planner, clock) for command and console tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { CommandContext, Services } from '../../src/app/types.js';
import { loadCatalog } from '../../src/catalog/index.js';
import type { Paper, PaperInput } from '../../src/catalog/paper.js';
import { createDigestPlanner } from '../../src/digest/planner.js';
import type { DigestPick, DigestPlanner, DigestRequest } from '../../src/digest/types.js';
import { silentLogger } from '../../src/logger.js';
import { createSearchEngine } from '../../src/search/index.js';
import type { SearchEngine, SearchHit, SearchOutcome } from '../../src/search/types.js';
import { openStore } from '../../src/store/index.js';
import type { ChannelKey, Store } from '../../src/store/types.js';
import { createSummarizer } from '../../src/summarize/index.js';
import type { Overview, Summarizer, Summary } from '../../src/summarize/types.js';
import { FakeClock } from '../support/fake-clock.js';
import { paper as buildPaper } from '../support/paper.js';

/** Command tests search abstracts too: each paper has a one-line one unless the test gives its own. */
export function paper(input: Partial<PaperInput> & { id: string; title: string }): Paper {
  return buildPaper({ abstract: `${input.title}. We study it.`, ...input });
}

export const PAPERS: Paper[] = [
  paper({
    id: '2405.04233',
    title: 'Derivative-Free Guidance in Continuous and Discrete Diffusion Models',
    abstract:
      'Diffusion models excel at capturing natural design spaces. We propose a sampling method with soft value functions.',
    authors: [
      'Masatoshi Uehara',
      'Yulai Zhao',
      'Ehsan Hajiramezanali',
      'Gabriele Scalia',
      'Tommaso Biancalani',
    ],
    links: {
      abs: 'https://arxiv.org/abs/2405.04233',
      pdf: 'https://arxiv.org/pdf/2405.04233',
      code: 'https://github.com/masa-ue/SVDD',
    },
    listed: '2024-05-08',
    trending: { rank: 1, upvotes: 42 },
  }),
  paper({
    id: '2412.16145',
    title: 'Offline Reinforcement Learning for LLM Multi-Step Reasoning',
    abstract: 'Improving multi-step reasoning of language models with offline reinforcement learning (RL).',
    authors: ['Huaijie Wang', 'Shibo Hao'],
    links: { abs: 'https://arxiv.org/abs/2412.16145' },
    listed: '2024-12-20',
    trending: { rank: 2, upvotes: 30 },
  }),
  paper({
    id: '2403.03950',
    title: 'Stop Regressing: Training Value Functions via Classification for Scalable Deep RL',
    abstract: 'Value functions are a central component of deep reinforcement learning (RL).',
    listed: '2024-03-06',
    trending: { rank: 3 },
  }),
  paper({
    id: 'models-of-human-preference',
    title: 'Models of human preference for learning reward functions',
    abstract: 'Reward hacking and preference models: how people judge trajectories.',
    trending: { rank: 4 },
  }),
];

const words = (text: string): string[] => text.toLowerCase().match(/[a-z0-9.]+/g) ?? [];

/** Matches papers containing every query word; `!` anywhere is a "syntax error" to exercise error values. */
export class FakeSearch implements SearchEngine {
  private papers = new Map<string, Paper>();
  readonly queries: string[] = [];

  constructor(papers: readonly Paper[] = PAPERS) {
    this.upsert(papers);
  }

  search(query: string, options: { limit?: number; offset?: number } = {}): SearchOutcome {
    this.queries.push(query);
    if (query.includes('!')) return { ok: false, message: 'The query has a stray "!": remove it.' };
    const terms = words(query.replace(/"/g, ''));
    const hits: SearchHit[] = [];
    for (const p of this.papers.values()) {
      const text = words(`${p.id} ${p.title} ${p.abstract}`);
      const matched = terms.filter((t) => text.some((w) => w.startsWith(t)));
      if (terms.length > 0 && matched.length === terms.length)
        hits.push({ paper: p, score: matched.length, matched });
    }
    const offset = options.offset ?? 0;
    const limit = options.limit ?? 10;
    return { ok: true, hits: hits.slice(offset, offset + limit), total: hits.length };
  }

  suggest(prefix: string, limit = 10): SearchHit[] {
    const outcome = this.search(prefix, { limit });
    return outcome.ok ? outcome.hits : [];
  }

  resolve(reference: string): Paper | undefined {
    const ref = reference.trim().replace(/^https?:\/\/arxiv\.org\/(abs|pdf)\//, '');
    const byId = this.papers.get(ref);
    if (byId) return byId;
    const terms = words(reference);
    return [...this.papers.values()].find((p) => {
      const title = words(p.title);
      return terms.length >= 2 && terms.every((t) => title.includes(t));
    });
  }

  get(id: string) {
    return this.papers.get(id);
  }

  upsert(papers: readonly Paper[]) {
    for (const p of papers) this.papers.set(p.id, p);
  }

  get size() {
    return this.papers.size;
  }

  all() {
    return this.papers.values();
  }
}

export class FakeSummarizer implements Summarizer {
  failFor = new Set<string>();
  async summarize(p: Paper): Promise<Summary> {
    if (this.failFor.has(p.id)) throw new Error('model unavailable');
    return {
      tldr: `In short: ${p.title.toLowerCase()}.`,
      keyPoints: ['Problem: it is hard.', 'Method: a new idea.'],
      by: 'builtin',
    };
  }
  async overview(papers: readonly Paper[]): Promise<Overview> {
    return {
      themes: `Themes: ${papers.length} papers.`,
      lines: papers.map((p) => ({ id: p.id, line: p.title })),
    };
  }
}

/** Picks papers whose text contains a topic word, skipping sent ones and excluded words. */
export class FakePlanner implements DigestPlanner {
  readonly requests: DigestRequest[] = [];
  constructor(private readonly search: SearchEngine) {}
  select(request: DigestRequest): DigestPick[] {
    this.requests.push(request);
    const picks: DigestPick[] = [];
    for (const p of this.search.all()) {
      if (request.sent.has(p.id)) continue;
      const text = `${p.title} ${p.abstract}`.toLowerCase();
      if (request.exclude.some((x) => text.includes(x.toLowerCase()))) continue;
      const matched = request.topics.filter((t) => words(t).some((w) => text.includes(w)));
      if (matched.length === 0) continue;
      picks.push({
        paper: p,
        score: matched.length,
        reason: `matches: ${matched.join(', ')}`,
        matchedTopics: matched,
      });
    }
    return picks.slice(0, request.count);
  }
}

/** Pretends these papers were already posted to the channel, through the real ledger. */
export async function markAsSent(store: Store, key: ChannelKey, paperIds: string[], slot = '2024-01-01') {
  const delivery = await store.claimDelivery(key, slot, paperIds, 'test', 60_000);
  if (!delivery) throw new Error(`slot ${slot} already taken`);
  await store.markSent(delivery.id, []);
}

/** The app tests' clock: the one fake clock of test/support, under the name these tests know. */
export { FakeClock as FixedClock } from '../support/fake-clock.js';

export interface FakeWorld {
  services: Services;
  store: Store;
  search: FakeSearch;
  summarizer: FakeSummarizer;
  planner: FakePlanner;
  clock: FakeClock;
}

const open: { store: Store; dir: string }[] = [];

// Every world's SQLite file is closed and removed after its test.
afterEach(async () => {
  for (const { store, dir } of open.splice(0)) {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Fake search, summariser and planner over a real SQLite store in a temporary directory; now is Monday 13 May 2024, 10:00 UTC unless told otherwise. */
export async function fakeWorld(now = new Date('2024-05-13T10:00:00Z')): Promise<FakeWorld> {
  const clock = new FakeClock(now);
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-commands-'));
  const store = await openStore(`sqlite:${join(dir, 'paperboy.db')}`, { clock });
  open.push({ store, dir });
  const search = new FakeSearch();
  const summarizer = new FakeSummarizer();
  const planner = new FakePlanner(search);
  return {
    services: { search, summarizer, digest: planner, store, clock, logger: silentLogger() },
    store,
    search,
    summarizer,
    planner,
    clock,
  };
}

export const CHANNEL: ChannelKey = { platform: 'slack', workspace: 'T1', channel: 'C1' };

export function admin(channel: ChannelKey = CHANNEL): CommandContext {
  return { channel, user: { id: 'U1', name: 'ada', canManage: true } };
}

export function member(channel: ChannelKey = CHANNEL): CommandContext {
  return { channel, user: { id: 'U2', name: 'bob', canManage: false } };
}

let seedPapers: Promise<Paper[]> | undefined;

/** The real catalog (bundled seed, listed 8 May 2025), search engine, built-in summariser, digest planner and SQLite store; now is Monday 12 May 2025 unless told otherwise. */
export async function seedWorld(
  now = new Date('2025-05-12T10:00:00Z'),
): Promise<Omit<FakeWorld, 'search' | 'planner' | 'summarizer'>> {
  seedPapers ??= loadCatalog([]).then((c) => c.papers);
  const world = await fakeWorld(now);
  const search = createSearchEngine(await seedPapers);
  const summarizer = createSummarizer({ llm: null, cache: world.store });
  const services: Services = { ...world.services, search, summarizer, digest: createDigestPlanner(search) };
  return { ...world, services };
}
