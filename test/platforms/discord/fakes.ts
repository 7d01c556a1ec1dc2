// Fakes of the ports the Discord adapter touches (search, summarizer, planner), a real SQLite store, sample papers.
import type { Services } from '../../../src/app/types.js';
import type { Paper } from '../../../src/catalog/paper.js';
import { silentLogger } from '../../../src/logger.js';
import type { SearchEngine, SearchHit } from '../../../src/search/types.js';
import { type OpenedStore, openStore } from '../../../src/store/index.js';
import { FakeClock } from '../../support/fake-clock.js';
import { paper as buildPaper } from '../../support/paper.js';

export function paper(id: string, title: string, extra: Partial<Paper> = {}): Paper {
  return buildPaper({
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
  private papers: Paper[];
  /** Keeps its own list: upsert must not add to the shared PAPERS other tests read. */
  constructor(papers: Paper[] = PAPERS) {
    this.papers = [...papers];
  }
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

/** Fake search and summaries over a real (in-memory) SQLite store, as the bot would use it. */
export async function fakeServices(
  overrides: Partial<Services> = {},
): Promise<Services & { search: FakeSearch; store: OpenedStore }> {
  const store = await openStore('sqlite::memory:');
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
    store,
    clock: new FakeClock('2025-05-02T09:00:00Z'),
    logger: silentLogger(),
    ...overrides,
  } as Services & { search: FakeSearch; store: OpenedStore };
}
