// Small fakes of the ports (store, search, summariser, digest planner, clock) for command and console tests.
import type { Clock, CommandContext, Services } from '../../src/app/types.js';
import type { Paper, PaperInput } from '../../src/catalog/paper.js';
import { PaperSchema } from '../../src/catalog/paper.js';
import type { DigestPick, DigestPlanner, DigestRequest } from '../../src/digest/types.js';
import { silentLogger } from '../../src/logger.js';
import type { SearchEngine, SearchHit, SearchOutcome } from '../../src/search/types.js';
import {
  type ChannelKey,
  type ChannelRecord,
  type ChannelSettings,
  DEFAULT_SETTINGS,
  type Delivery,
  type Store,
} from '../../src/store/types.js';
import type { Overview, Summarizer, Summary } from '../../src/summarize/types.js';

export function paper(input: Partial<PaperInput> & { id: string; title: string }): Paper {
  return PaperSchema.parse({ abstract: `${input.title}. We study it.`, source: 'json', ...input });
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

const keyOf = (k: ChannelKey) => `${k.platform}/${k.workspace}/${k.channel}`;

export class MemoryStore implements Store {
  readonly kind = 'sqlite' as const;
  private channels = new Map<string, ChannelRecord>();
  private deliveries: Delivery[] = [];
  private values = new Map<string, string>();
  private papers = new Map<string, Paper>();
  constructor(private readonly clock: Clock) {}

  async migrate() {}
  async ping() {
    return true;
  }
  async close() {}

  async getChannel(key: ChannelKey) {
    const record = this.channels.get(keyOf(key));
    return record ? structuredClone(record) : undefined;
  }
  async listChannels(filter: { platform?: string; workspace?: string } = {}) {
    return [...this.channels.values()].filter(
      (c) =>
        (!filter.platform || c.platform === filter.platform) &&
        (!filter.workspace || c.workspace === filter.workspace),
    );
  }
  async updateChannel(key: ChannelKey, change: Partial<ChannelSettings>, by: string) {
    const now = this.clock.now().toISOString();
    const current = this.channels.get(keyOf(key)) ?? {
      ...key,
      ...structuredClone(DEFAULT_SETTINGS),
      createdAt: now,
      updatedAt: now,
      updatedBy: by,
      version: 0,
      unreachable: null,
      failures: 0,
    };
    const next = {
      ...current,
      ...structuredClone(change),
      updatedAt: now,
      updatedBy: by,
      version: current.version + 1,
    };
    this.channels.set(keyOf(key), next);
    return structuredClone(next);
  }
  async removeChannel(key: ChannelKey) {
    return this.channels.delete(keyOf(key));
  }
  async setUnreachable(key: ChannelKey, reason: string | null) {
    const record = this.channels.get(keyOf(key));
    if (!record) return;
    record.unreachable = reason ? { reason, since: this.clock.now().toISOString() } : null;
    if (!reason) record.failures = 0;
  }
  async recordFailure(key: ChannelKey) {
    const record = this.channels.get(keyOf(key));
    if (!record) return 0;
    record.failures += 1;
    return record.failures;
  }
  async sentPaperIds(key: ChannelKey) {
    return new Set(this.deliveries.filter((d) => keyOf(d) === keyOf(key)).flatMap((d) => d.paperIds));
  }
  /** Test helper: pretend these papers were already posted. */
  markAsSent(key: ChannelKey, paperIds: string[]) {
    this.deliveries.push({
      ...key,
      id: `d${this.deliveries.length}`,
      slot: '2024-01-01',
      paperIds,
      status: 'sent',
      attempts: 1,
      nonce: 'n',
      error: null,
      owner: null,
      leaseUntil: null,
      createdAt: this.clock.now().toISOString(),
      sentAt: this.clock.now().toISOString(),
      messageIds: [],
    });
  }
  async claimDelivery(): Promise<Delivery | undefined> {
    throw new Error('not used by commands');
  }
  async markSent() {}
  async markFailed() {}
  async getDelivery(key: ChannelKey, slot: string) {
    return this.deliveries.find((d) => keyOf(d) === keyOf(key) && d.slot === slot);
  }
  async listDeliveries(key: ChannelKey) {
    return this.deliveries.filter((d) => keyOf(d) === keyOf(key));
  }
  get deliveryCount() {
    return this.deliveries.length;
  }
  async upsertPapers(papers: readonly Paper[]) {
    for (const p of papers) this.papers.set(p.id, p);
  }
  async loadPapers() {
    return [...this.papers.values()];
  }
  async getValue(ns: string, key: string) {
    return this.values.get(`${ns}/${key}`);
  }
  async setValue(ns: string, key: string, value: string) {
    this.values.set(`${ns}/${key}`, value);
  }
  async deleteValue(ns: string, key: string) {
    this.values.delete(`${ns}/${key}`);
  }
}

export class FixedClock implements Clock {
  constructor(public current: Date) {}
  now() {
    return new Date(this.current);
  }
}

export interface FakeWorld {
  services: Services;
  store: MemoryStore;
  search: FakeSearch;
  summarizer: FakeSummarizer;
  planner: FakePlanner;
  clock: FixedClock;
}

/** Monday 13 May 2024, 10:00 UTC unless told otherwise. */
export function fakeWorld(now = new Date('2024-05-13T10:00:00Z')): FakeWorld {
  const clock = new FixedClock(now);
  const store = new MemoryStore(clock);
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
