// In-memory fakes of the ports the Discord adapter touches (search, store, summarizer, planner), and sample papers.
import type { Services } from '../../../src/app/types.js';
import { type Paper, PaperSchema } from '../../../src/catalog/paper.js';
import { silentLogger } from '../../../src/logger.js';
import type { SearchEngine, SearchHit } from '../../../src/search/types.js';
import {
  type ChannelKey,
  type ChannelRecord,
  type ChannelSettings,
  DEFAULT_SETTINGS,
  type Delivery,
  type Store,
} from '../../../src/store/types.js';

export function paper(id: string, title: string, extra: Partial<Paper> = {}): Paper {
  return PaperSchema.parse({
    id,
    arxivId: id,
    title,
    abstract: `${title}. We study it.`,
    authors: ['Ada Lovelace', 'Alan Turing'],
    source: 'hf',
    listed: '2025-05-02',
    links: {
      abs: `https://arxiv.org/abs/${id}`,
      pdf: `https://arxiv.org/pdf/${id}`,
      hf: `https://huggingface.co/papers/${id}`,
    },
    trending: { rank: 1, upvotes: 10 },
    ...extra,
  });
}

export const PAPERS: Paper[] = [
  paper('2505.00001', 'Diffusion Models Beat GANs Again', {
    trending: { rank: 1, upvotes: 120 },
    links: {
      abs: 'https://arxiv.org/abs/2505.00001',
      pdf: 'https://arxiv.org/pdf/2505.00001',
      hf: 'https://huggingface.co/papers/2505.00001',
      code: 'https://github.com/example/diffusion',
    },
  }),
  paper('2505.00002', 'Reward Hacking in RLHF', { trending: { rank: 2, upvotes: 80 } }),
  paper('2505.00003', 'Diffusion Policies for Robots', { trending: { rank: 3, upvotes: 40 } }),
  paper('2505.00004', '@everyone Attention Is <@123456789012345678> All', { trending: { rank: 4 } }),
];

export class FakeSearch implements SearchEngine {
  constructor(private papers: Paper[] = PAPERS) {}
  suggestCalls: string[] = [];
  search(query: string, options: { limit?: number; offset?: number } = {}) {
    const q = query.toLowerCase();
    const hits = this.papers
      .filter((p) => p.title.toLowerCase().includes(q))
      .map((paper) => ({ paper, score: 1, matched: [q] }));
    const offset = options.offset ?? 0;
    return { ok: true as const, hits: hits.slice(offset, offset + (options.limit ?? 5)), total: hits.length };
  }
  suggest(prefix: string, limit = 10): SearchHit[] {
    this.suggestCalls.push(prefix);
    const q = prefix.toLowerCase();
    if (!q) return [];
    return this.papers
      .filter((p) =>
        p.title
          .toLowerCase()
          .split(/\s+/)
          .some((w) => w.startsWith(q)),
      )
      .slice(0, limit)
      .map((paper) => ({ paper, score: 1, matched: [q] }));
  }
  resolve(reference: string) {
    return this.papers.find((p) => p.id === reference || reference.endsWith(p.id));
  }
  get(id: string) {
    return this.papers.find((p) => p.id === id);
  }
  upsert(papers: readonly Paper[]) {
    this.papers.push(...papers);
  }
  get size() {
    return this.papers.length;
  }
  all() {
    return this.papers;
  }
}

const keyOf = (k: ChannelKey) => `${k.platform}/${k.workspace}/${k.channel}`;

export class MemoryStore implements Store {
  readonly kind = 'sqlite' as const;
  channels = new Map<string, ChannelRecord>();
  values = new Map<string, string>();
  async migrate() {}
  async ping() {
    return true;
  }
  async close() {}
  async getChannel(key: ChannelKey) {
    return this.channels.get(keyOf(key));
  }
  async listChannels() {
    return [...this.channels.values()];
  }
  async updateChannel(key: ChannelKey, change: Partial<ChannelSettings>, by: string) {
    const now = new Date().toISOString();
    const old = this.channels.get(keyOf(key));
    const record: ChannelRecord = {
      ...DEFAULT_SETTINGS,
      ...key,
      createdAt: now,
      unreachable: null,
      failures: 0,
      ...old,
      ...change,
      updatedAt: now,
      updatedBy: by,
      version: (old?.version ?? 0) + 1,
    };
    this.channels.set(keyOf(key), record);
    return record;
  }
  async removeChannel(key: ChannelKey) {
    return this.channels.delete(keyOf(key));
  }
  async setUnreachable(key: ChannelKey, reason: string | null) {
    const c = this.channels.get(keyOf(key));
    if (c) c.unreachable = reason ? { reason, since: new Date().toISOString() } : null;
  }
  async recordFailure(key: ChannelKey) {
    const c = this.channels.get(keyOf(key));
    if (!c) return 0;
    c.failures += 1;
    return c.failures;
  }
  async sentPaperIds() {
    return new Set<string>();
  }
  async claimDelivery(): Promise<Delivery | undefined> {
    return undefined;
  }
  async markSent() {}
  async markFailed() {}
  async getDelivery() {
    return undefined;
  }
  async listDeliveries() {
    return [];
  }
  async upsertPapers() {}
  async loadPapers() {
    return [];
  }
  async getValue(namespace: string, key: string) {
    return this.values.get(`${namespace}:${key}`);
  }
  async setValue(namespace: string, key: string, value: string) {
    this.values.set(`${namespace}:${key}`, value);
  }
  async deleteValue(namespace: string, key: string) {
    this.values.delete(`${namespace}:${key}`);
  }
}

export function fakeServices(
  overrides: Partial<Services> = {},
): Services & { search: FakeSearch; store: MemoryStore } {
  return {
    search: new FakeSearch(),
    summarizer: {
      async summarize(p) {
        return { tldr: `TL;DR of ${p.title}.`, keyPoints: ['Problem.', 'Method.'], by: 'builtin' };
      },
      async overview(ps) {
        return { themes: 'themes', lines: ps.map((p) => ({ id: p.id, line: p.title })) };
      },
    },
    digest: { select: () => [] },
    store: new MemoryStore(),
    clock: { now: () => new Date('2025-05-02T09:00:00Z') },
    logger: silentLogger(),
    ...overrides,
  } as Services & { search: FakeSearch; store: MemoryStore };
}
