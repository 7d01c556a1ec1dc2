// Catalog benchmarks: `paperboy catalog --json` on the seed (a spawned process) and loading the arXiv listing in-process.
import { spawnSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../src/catalog/index.js';
import { type BenchSuite, heapMb, percentile, ROOT, report, sharedFile, time } from './kit.js';

const RUNS = 5;

/** Wall and CPU time (CPU is steadier than wall on a machine shared with other work). */
async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const cpu = process.cpuUsage();
  const { ms, value } = await time(fn);
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, value };
}

function spawnMs(args: string[]): { ms: number; ok: boolean; bytes: number } {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, ok: r.status === 0, bytes: r.stdout?.length ?? 0 };
}

/** Baseline for the same machine and moment: stream the file and JSON.parse every line, nothing else. */
async function parseOnly(file: string): Promise<number> {
  let rest = '';
  let n = 0;
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) if (line) n += JSON.parse(line) ? 1 : 0;
  }
  if (rest) n += JSON.parse(rest) ? 1 : 0;
  return n;
}

const suite: BenchSuite = {
  name: 'catalog',
  async run() {
    const bin = join(ROOT, 'bin', 'paperboy.js');
    const node: number[] = [];
    const cli: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      node.push(spawnMs(['-e', '']).ms);
      const r = spawnMs([bin, 'catalog', '--json']);
      if (!r.ok) throw new Error('paperboy catalog --json failed');
      cli.push(r.ms);
      bytes = r.bytes;
    }
    node.sort((a, b) => a - b);
    cli.sort((a, b) => a - b);
    report('catalog: `paperboy catalog --json` on the bundled seed (spawned, wall time; aim < 500 ms)', [
      {
        what: 'node -e "" (process start, baseline)',
        runs: RUNS,
        'min ms': Math.round(node[0]!),
        'median ms': Math.round(percentile(node, 50)),
      },
      {
        what: 'paperboy catalog --json (57 papers)',
        runs: RUNS,
        'min ms': Math.round(cli[0]!),
        'median ms': Math.round(percentile(cli, 50)),
        'stdout KB': Math.round(bytes / 1024),
      },
    ]);

    const arxiv = sharedFile('eval', 'arxiv', 'catalog.jsonl');
    if (!arxiv) {
      console.log(
        '\ncatalog: ../shared/eval/arxiv/catalog.jsonl not found — skipped the arXiv load (set PAPERBOY_SHARED).',
      );
      return;
    }
    const baseline = await timed(() => parseOnly(arxiv));
    const before = heapMb();
    const cold = await timed(() => loadCatalog([arxiv]));
    const heap = heapMb() - before;
    const warm = await timed(() => loadCatalog([arxiv]));
    const row = (what: string, r: { ms: number; cpuMs: number }) => ({
      what,
      'wall ms': Math.round(r.ms),
      'cpu ms': Math.round(r.cpuMs),
      'cpu x baseline': Number((r.cpuMs / baseline.cpuMs).toFixed(2)),
    });
    report('catalog: loading ../shared/eval/arxiv/catalog.jsonl in-process (aim < 3 s)', [
      { ...row('stream + JSON.parse each line only (baseline)', baseline), papers: baseline.value },
      {
        ...row('loadCatalog, first run (parse, clean, merge)', cold),
        papers: cold.value.papers.length,
        warnings: cold.value.warnings.length,
        'heap MB': Math.round(heap),
      },
      { ...row('loadCatalog, second run (warm JIT)', warm), papers: warm.value.papers.length },
    ]);
  },
};
export default suite;
