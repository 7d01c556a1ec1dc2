// Sources benchmark: a refresh that brings 1,000 new papers into the 52,719-paper arXiv catalog — merge, Store
// (SQLite file), search upsert — against rebuilding the whole index, the baseline it avoids.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog } from '../src/catalog/index.js';
import { type Paper, PaperSchema } from '../src/catalog/paper.js';
import { silentLogger } from '../src/logger.js';
import { createSearchEngine } from '../src/search/index.js';
import { createRefreshService } from '../src/sources/refresh.js';
import type { PaperSource } from '../src/sources/types.js';
import { openStore } from '../src/store/index.js';
import { type BenchSuite, report, sharedFile, time } from './kit.js';

const NEW = 1000;

/** 1,000 papers the catalog does not have: real abstracts (realistic tokens), new ids and titles, HF signals. */
function freshPapers(catalog: readonly Paper[], day: string, round: number): Paper[] {
  const step = Math.floor(catalog.length / NEW);
  return Array.from({ length: NEW }, (_, i) => {
    const base = catalog[i * step]!;
    return PaperSchema.parse({
      id: `2699.${String(10000 + i)}`,
      arxivId: `2699.${String(10000 + i)}`,
      title: `Zyxquant ${i}: ${base.title}`,
      abstract: base.abstract,
      authors: base.authors,
      categories: base.categories,
      keywords: ['benchmark'],
      published: day,
      listed: day,
      links: {
        abs: `https://arxiv.org/abs/2699.${10000 + i}`,
        hf: `https://huggingface.co/papers/2699.${10000 + i}`,
      },
      trending: { upvotes: (i * 7 + round * 13) % 300, rank: i + 1 },
      source: 'hf',
    });
  });
}

/** Wall and CPU time: on a shared machine the CPU figure shows the work, the wall figure what a user waits. */
async function measure<T>(fn: () => T | Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const cpu = process.cpuUsage();
  const { ms, value } = await time(fn);
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, value };
}

function sourceOf(papers: Paper[]): PaperSource {
  return {
    name: 'hf',
    fetch: async () => ({ source: 'hf', papers, skipped: 0, problems: [], requests: 1 }),
  };
}

const suite: BenchSuite = {
  name: 'sources',
  async run() {
    const file = sharedFile('eval', 'arxiv', 'catalog.jsonl');
    if (!file) {
      console.log('\n## sources\nskipped: ../shared/eval/arxiv/catalog.jsonl not found');
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-bench-sources-'));
    try {
      const loaded = await time(() => loadCatalog([file]));
      const catalog = loaded.value.papers;
      const built = await time(() => createSearchEngine(catalog));
      const search = built.value;
      const store = await openStore(`sqlite:${join(dir, 'sources.db')}`);
      let now = Date.parse('2026-03-02T03:00:00Z');
      const clock = { now: () => new Date(now) };

      const first = freshPapers(catalog, '2026-03-01', 0);
      const add = createRefreshService({
        sources: [sourceOf(first)],
        store,
        search,
        clock,
        logger: silentLogger(),
      });
      search.search('diffusion models', { limit: 10 }); // warm: the first query's own set-up is not the refresh's
      const added = await measure(() => add.refresh('hf'));
      const firstQuery = await measure(() => search.search('zyxquant', { limit: 1000 }));
      const found = firstQuery.value;
      const searchable = found.ok && found.total === NEW ? 'all 1000' : `only ${found.ok ? found.total : 0}`;

      // The next refresh: the same 1,000 with new upvotes (updates, velocity measured).
      now += 24 * 3_600_000;
      const second = freshPapers(catalog, '2026-03-01', 1);
      const again = createRefreshService({
        sources: [sourceOf(second)],
        store,
        search,
        clock,
        logger: silentLogger(),
      });
      const updated = await measure(() => again.refresh('hf'));
      const nextQuery = await measure(() => search.search('zyxquant', { limit: 10 }));

      // Baseline the incremental path avoids: rebuilding the index over the catalog plus the new papers.
      const rebuild = await measure(() => createSearchEngine([...catalog, ...second]));
      await store.close();

      const row = (step: string, m: { ms: number; cpuMs: number }, extra: Record<string, string> = {}) => ({
        step,
        'wall ms': Math.round(m.ms),
        'cpu ms': Math.round(m.cpuMs),
        ...extra,
      });
      report('sources', [
        { step: `load ${catalog.length} catalog papers (start-up)`, 'wall ms': Math.round(loaded.ms) },
        { step: 'build the search index (start-up)', 'wall ms': Math.round(built.ms) },
        row(`refresh: ${added.value.added} new papers merged, stored (SQLite), indexed`, added, {
          searchable: searchable,
        }),
        row('first query after the refresh', firstQuery),
        row(`refresh: the ${updated.value.updated} again, new upvotes (velocity, score)`, updated),
        row('first query after that refresh', nextQuery),
        row('baseline: rebuild the whole index with them', rebuild, {
          ratio: `${(rebuild.ms / (added.ms + firstQuery.ms)).toFixed(1)}× refresh + query (wall)`,
        }),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default suite;
