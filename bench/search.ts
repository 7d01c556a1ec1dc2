// Search benchmarks: build time, memory, saved size, load time and query latency of Paperboy search on
// catalogs of 57 (seed), 52,719 (arXiv) and 1,000,000 (synthetic) papers, side by side with raw MiniSearch
// (default options) and a linear scan, each catalog measured in its own process for clean memory figures.
// Set PAPERBOY_BENCH_1M=0 to skip the million (it takes minutes and a few GB).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import MiniSearch from 'minisearch';
import { loadCatalog } from '../src/catalog/index.js';
import type { Paper } from '../src/catalog/paper.js';
import { likedQueries } from '../src/digest/planner.js';
import type { Leanings } from '../src/feedback/preferences.js';
import {
  createSearchEngine,
  loadSearchIndex,
  type PaperboySearch,
  saveSearchIndex,
} from '../src/search/index.js';
import { fold } from '../src/search/text.js';
import { arxivSource, syntheticPapers } from './gen-million.js';
import { type BenchSuite, percentile, report, sharedFile } from './kit.js';

/** The fixed query mix: keywords, typos, acronyms, a paraphrase, phrases, filters, ids and half-typed words. */
export const QUERIES = [
  'diffusion models',
  'large language model reasoning',
  'graph neural networks',
  'gaussian splatting',
  'speech recognition low resource languages',
  'vision transformer',
  'retrieval augmented generation',
  'reinforcement learning from human feedback',
  'difusion modles',
  'transfromer atention',
  'reinforcment lerning',
  'MoE',
  'RLHF',
  'K-FAC',
  'LLM agents',
  'a method that makes image generation faster by taking fewer sampling steps',
  '"language model"',
  '"mixture of experts"',
  'segmentation category:cs.CV after:2025-10',
  'author:wang diffusion',
  'code:yes robot manipulation',
  '2510.01234',
  'https://arxiv.org/abs/2509.00001',
  'contrastive learn',
  'multimod',
];

type Case = 'seed' | 'arxiv' | 'million';
type Row = Record<string, string | number>;

let collect: (() => void) | undefined;
function gc(): void {
  if (!collect) {
    v8.setFlagsFromString('--expose_gc');
    collect = vm.runInNewContext('gc') as () => void;
  }
  collect();
}

function memory(): { heap: number; buffers: number } {
  gc();
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed / 1048576, buffers: m.arrayBuffers / 1048576 };
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function timed<T>(fn: () => T): { ms: number; cpu: number; value: T } {
  const c = cpuMs();
  const t = performance.now();
  const value = fn();
  return { ms: performance.now() - t, cpu: cpuMs() - c, value };
}

/** p50 and p99 of running every query `rounds` times (after one warm-up round). */
function latency(search: (q: string) => unknown, queries: string[], rounds: number) {
  for (const q of queries) search(q);
  const times: number[] = [];
  const c = cpuMs();
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const t = performance.now();
      search(q);
      times.push(performance.now() - t);
    }
  }
  const cpuPerQuery = (cpuMs() - c) / times.length;
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), cpu: cpuPerQuery, n: times.length };
}

const round = (x: number, digits = 1) => Number(x.toFixed(digits));

type Memory = ReturnType<typeof memory>;
type Latency = ReturnType<typeof latency>;

/** One system's row: build time, memory between two readings, saved size, load time and query latency. */
function row(
  system: string,
  figures: {
    built?: { ms: number; cpu: number };
    before: Memory;
    after: Memory;
    savedMB?: number;
    load?: string | number;
    q?: Latency;
  },
): Row {
  const { built, before, after, q } = figures;
  return {
    system,
    'build s': built ? round(built.ms / 1000, 2) : '',
    'build cpu s': built ? round(built.cpu / 1000, 2) : '',
    'heap MB': round(after.heap - before.heap),
    'buffers MB': round(after.buffers - before.buffers),
    'saved MB': figures.savedMB === undefined ? '' : round(figures.savedMB),
    'load s': figures.load ?? '',
    'p50 ms': q ? round(q.p50, 2) : '',
    'p99 ms': q ? round(q.p99, 2) : '',
    'cpu/query ms': q ? round(q.cpu, 2) : '',
  };
}

function paperboyRows(
  label: string,
  build: () => PaperboySearch,
  dir: string,
  rounds: number,
  extra?: readonly Paper[],
): Row[] {
  const before = memory();
  const built = timed(build);
  const after = memory();
  const engine = built.value;
  const file = join(dir, `${label}.pbs`);
  saveSearchIndex(engine, file);
  const q = rounds > 0 ? latency((x) => engine.search(x), QUERIES, rounds) : undefined;
  const rows: Row[] = [
    row('Paperboy (built)', {
      built,
      before,
      after,
      savedMB: statSync(file).size / 1048576,
      q,
    }),
  ];
  if (extra && extra.length > 0) {
    // What a feed refresh does: new papers merged into the live index (no rebuild), then a search.
    const upsert = timed(() => engine.upsert(extra));
    const next = timed(() => engine.search('diffusion models'));
    rows.push({
      system: `Paperboy: upsert ${extra.length.toLocaleString('en-US')} new papers`,
      'build s': round(upsert.ms / 1000, 3),
      'build cpu s': round(upsert.cpu / 1000, 3),
      'p50 ms': `${round(next.ms, 1)} (next query)`,
    });
  }
  return rows;
}

function loadedRows(file: string, rounds: number): Row[] {
  const before = memory();
  const loaded = timed(() => loadSearchIndex(file));
  if (!loaded.value.ok) throw new Error(loaded.value.message);
  const engine = loaded.value.engine;
  const first = timed(() => engine.search('diffusion models'));
  const after = memory();
  const q = latency((x) => engine.search(x), QUERIES, rounds);
  const categories = [...categoryRows(engine, rounds, q), ...likedRows(engine, rounds, q)];
  engine.close();
  const load = `${round(loaded.ms / 1000, 2)} (+${round(first.ms)} ms 1st query)`;
  return [row('Paperboy (loaded from saved index)', { before, after, load, q }), ...categories];
}

/**
 * Category-only queries (no words: the newest papers of the categories), as the digest planner sends for
 * the categories a channel liked, each timed on its own, with its p50 as a multiple of the mix's p50 in the
 * same process (the ratio holds on a shared machine where the milliseconds do not).
 */
export const CATEGORY_QUERIES: [string, number][] = [
  ['cat:cs.LG', 10],
  ['cat:cs.LG', 500],
  ['cat:cs.CL cat:cs.RO', 60],
  ['cat:eess.IV', 60],
  ['cat:cs', 60],
  ['cat:cs.CV diffusion', 60],
];

function categoryRows(engine: PaperboySearch, rounds: number, mix: Latency): Row[] {
  return CATEGORY_QUERIES.map(([query, limit]) => {
    const total = engine.search(query, { limit, prefix: false });
    const q = latency((x) => engine.search(x, { limit, prefix: false }), [query], Math.max(20, rounds * 10));
    return {
      system: `  ${query} (limit ${limit}; ${total.ok ? total.total.toLocaleString('en-US') : '?'} match)`,
      'p50 ms': round(q.p50, 2),
      'p99 ms': round(q.p99, 2),
      'cpu/query ms': round(q.cpu, 2),
      'p50 ÷ mix p50': round(q.p50 / mix.p50, 2),
    };
  });
}

/**
 * What a few plausible learned tastes make the planner search for (likedQueries: the liked words within the
 * liked categories, and the liked author), at a daily digest's candidate limit (60) and a weekly one's (500).
 */
export const LIKED: Leanings[] = [
  {
    words: ['language', 'models', 'reasoning', 'benchmark', 'agents', 'evaluation'],
    categories: ['cs.CL', 'cs.AI'],
    authors: ['Wei Wang'],
  },
  {
    words: ['robot', 'grasping', 'manipulation', 'policy', 'tactile', 'learning'],
    categories: ['cs.RO'],
    authors: ['Sergey Levine'],
  },
  {
    words: ['diffusion', 'image', 'generation', 'models', 'training', 'video'],
    categories: ['cs.CV', 'cs.LG'],
    authors: [],
  },
  { words: ['graph', 'neural', 'networks', 'molecular'], categories: [], authors: [] },
];

export const LIKED_QUERIES: [string, number][] = LIKED.flatMap((liked) =>
  likedQueries(liked).flatMap((query): [string, number][] => [
    [query, 60],
    [query, 500],
  ]),
);

function likedRows(engine: PaperboySearch, rounds: number, mix: Latency): Row[] {
  return LIKED_QUERIES.map(([query, limit]) => {
    const total = engine.search(query, { limit, prefix: false });
    const q = latency((x) => engine.search(x, { limit, prefix: false }), [query], Math.max(20, rounds * 10));
    return {
      system: `  liked: ${query} (limit ${limit}; ${total.ok ? total.total.toLocaleString('en-US') : '?'} match)`,
      'p50 ms': round(q.p50, 2),
      'p99 ms': round(q.p99, 2),
      'cpu/query ms': round(q.cpu, 2),
      'p50 ÷ mix p50': round(q.p50 / mix.p50, 2),
    };
  });
}

function miniSearchRow(papers: readonly Paper[], rounds: number): Row {
  const options = { fields: ['title', 'abstract'], storeFields: ['title'] };
  const before = memory();
  const built = timed(() => {
    const ms = new MiniSearch<Paper>(options);
    ms.addAll(papers);
    return ms;
  });
  const after = memory();
  const json = timed(() => JSON.stringify(built.value));
  const loaded = timed(() => MiniSearch.loadJSON<Paper>(json.value, options));
  const q = latency((x) => built.value.search(x).slice(0, 10), QUERIES, rounds);
  const savedMB = Buffer.byteLength(json.value) / 1048576;
  const load = round(loaded.ms / 1000, 2);
  return row('MiniSearch (default options)', { built, before, after, savedMB, load, q });
}

/** The plainest search: every query word (folded) counted in every paper's title and abstract. */
function linearScan(texts: () => Iterable<[string, string]>) {
  return (query: string) => {
    const words = fold(query)
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 1);
    const top: [number, string][] = [];
    for (const [title, text] of texts()) {
      let score = 0;
      for (const w of words) {
        for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + w.length)) score++;
      }
      if (score === 0) continue;
      if (top.length < 10 || score > top[top.length - 1]![0]) {
        top.push([score, title]);
        top.sort((a, b) => b[0] - a[0]);
        if (top.length > 10) top.pop();
      }
    }
    return top;
  };
}

function linearRow(papers: readonly Paper[], rounds: number): Row {
  const before = memory();
  const built = timed(() =>
    papers.map((p) => [p.title, fold(`${p.title}\n${p.abstract}`)] as [string, string]),
  );
  const after = memory();
  const q = latency(
    linearScan(() => built.value),
    QUERIES,
    rounds,
  );
  return row('linear scan (folded text, no index)', { built, before, after, q });
}

/** One catalog size, in this process: prints its rows as one JSON line. */
async function runCase(which: Case): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-bench-search-'));
  try {
    if (which === 'million') {
      const source = await arxivSource();
      if (!source) return [];
      const count = Number(process.env.PAPERBOY_BENCH_1M_COUNT ?? 1_000_000);
      const build = () => {
        const engine = createSearchEngine([]);
        let batch: Paper[] = [];
        for (const p of syntheticPapers(source, count)) {
          batch.push(p);
          if (batch.length === 50_000) {
            engine.upsert(batch);
            batch = [];
          }
        }
        engine.upsert(batch);
        return engine;
      };
      const rows = paperboyRows('million', build, dir, 0);
      rows.push(...loadedRows(join(dir, 'million.pbs'), 3));
      // A linear scan over a million abstracts, a few queries only.
      const sample = QUERIES.slice(0, 5);
      const scan = linearScan(function* () {
        for (const p of syntheticPapers(source, count)) yield [p.title, fold(`${p.title}\n${p.abstract}`)];
      });
      const q = latency(scan, sample, 1);
      rows.push({
        system: `linear scan (${sample.length} queries)`,
        'p50 ms': round(q.p50),
        'p99 ms': round(q.p99),
        'cpu/query ms': round(q.cpu),
      });
      rows.push({
        system: 'MiniSearch (default options)',
        'build s':
          'not run: at 52,719 papers its heap is already large (see above); a million would not fit 2 GB',
      });
      return rows;
    }
    const file = which === 'seed' ? undefined : sharedFile('eval', 'arxiv', 'catalog.jsonl');
    if (which === 'arxiv' && !file) return [];
    const { papers } = await loadCatalog(file ? [file] : []);
    const rounds = which === 'seed' ? 40 : 10;
    const fresh = which === 'arxiv' ? [...syntheticPapers(papers, 1000, 7)] : [];
    const rows = paperboyRows(which, () => createSearchEngine(papers), dir, rounds, fresh);
    rows.push(...loadedRows(join(dir, `${which}.pbs`), rounds));
    rows.push(miniSearchRow(papers, rounds));
    rows.push(linearRow(papers, which === 'seed' ? rounds : 2));
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const TITLES: Record<Case, string> = {
  seed: 'search: bundled seed, 57 papers',
  arxiv:
    'search: arXiv catalog, 52,719 papers (targets: build ≤ 5 s, p99 ≤ 10 ms, ready from saved index ≤ 1 s)',
  million: 'search: 1,000,000 synthetic papers (targets: p99 ≤ 100 ms, heap ≤ 2 GB)',
};

const suite: BenchSuite = {
  name: 'search',
  async run() {
    const self = fileURLToPath(import.meta.url);
    const cases: Case[] = ['seed', 'arxiv'];
    if (process.env.PAPERBOY_BENCH_1M !== '0') cases.push('million');
    console.log(
      `\nsearch: ${QUERIES.length} queries in the mix; wall times (and CPU, steadier on a shared machine); ` +
        'heap and array-buffer memory are the growth after building or loading.',
    );
    for (const which of cases) {
      const child = spawnSync(process.execPath, ['--max-old-space-size=8192', self, which], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const line = child.stdout.trim().split('\n').pop() ?? '';
      if (child.status !== 0 || !line.startsWith('[')) {
        console.log(`\n## ${TITLES[which]}\n(failed: exit ${child.status})`);
        continue;
      }
      const rows = JSON.parse(line) as Row[];
      if (rows.length === 0)
        console.log(`\n## ${TITLES[which]}\n(skipped: ../shared/eval/arxiv/catalog.jsonl is missing)`);
      else report(TITLES[which], rows);
    }
  },
};
export default suite;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && process.argv[2]) {
  const rows = await runCase(process.argv[2] as Case);
  console.log(JSON.stringify(rows));
}
