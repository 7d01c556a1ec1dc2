// Summariser benchmark: built-in TL;DR + key points per second on one core (SciTLDR dev and arXiv abstracts).
import { readFileSync } from 'node:fs';
import { builtinSummary } from '../src/summarize/builtin.js';
import { cleanText, splitSentences } from '../src/summarize/text.js';
import { defaultEngine } from '../src/summarize/tldr.js';
import { type BenchSuite, percentile, report, sharedFile } from './kit.js';
import { readSciTldr, sciTldrPath } from './scitldr.js';

interface Abstract {
  title: string;
  abstract: string;
}

const ARXIV_SAMPLE = 5000;
/** Rounds per figure, best kept: on a shared machine a round can run at half speed for reasons of its own. */
const ROUNDS = 5;

function arxivAbstracts(path: string): Abstract[] {
  const out: Abstract[] = [];
  // The catalog is ~90 MB: read it once and keep an evenly spread sample.
  const lines = readFileSync(path, 'utf8').split('\n');
  const step = Math.max(1, Math.floor(lines.length / ARXIV_SAMPLE));
  for (let i = 0; i < lines.length && out.length < ARXIV_SAMPLE; i += step) {
    const line = lines[i];
    if (!line) continue;
    const r = JSON.parse(line) as { title?: string; abstract?: string };
    if (r.abstract) out.push({ title: r.title ?? '', abstract: r.abstract });
  }
  return out;
}

/** Best of ROUNDS rounds, in CPU time: the machine may be shared, and one core's work is what is asked. */
function rate(items: readonly Abstract[], fn: (a: Abstract) => unknown): { cpu: number; wall: number } {
  let cpu = 0;
  let wall = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const c = process.cpuUsage();
    const t = performance.now();
    for (const a of items) fn(a);
    const used = process.cpuUsage(c);
    cpu = Math.max(cpu, items.length / ((used.user + used.system) / 1e6));
    wall = Math.max(wall, items.length / ((performance.now() - t) / 1000));
  }
  return { cpu, wall };
}

function latencies(items: readonly Abstract[]): number[] {
  const ms = items.map((a) => {
    const t = performance.now();
    builtinSummary(a);
    return performance.now() - t;
  });
  return ms.sort((x, y) => x - y);
}

const suite: BenchSuite = {
  name: 'summarize',
  async run() {
    const sets: [string, Abstract[]][] = [];
    const dev = sciTldrPath('dev');
    if (dev)
      sets.push([
        'SciTLDR dev',
        readSciTldr(dev).map((r) => ({ title: r.title, abstract: r.source.join(' ') })),
      ]);
    const arxiv = sharedFile('eval', 'arxiv', 'catalog.jsonl');
    if (arxiv) sets.push([`arXiv sample`, arxivAbstracts(arxiv)]);
    if (sets.length === 0) {
      console.log('\n## summarize\n(skipped: no ../shared/eval/scitldr/dev.jsonl or arxiv/catalog.jsonl)');
      return;
    }
    defaultEngine();
    const rows: Record<string, string | number>[] = [];
    for (const [name, items] of sets) {
      for (const a of items.slice(0, 200)) builtinSummary(a);
      const base = rate(items, (a) => splitSentences(cleanText(a.abstract))[0]);
      const tldr = rate(items, (a) => defaultEngine().tldr(a.abstract, a.title));
      const full = rate(items, (a) => builtinSummary(a));
      const lat = latencies(items);
      rows.push({
        abstracts: `${name} (${items.length})`,
        'TL;DR + key points /s (cpu)': Math.round(full.cpu),
        'TL;DR only /s (cpu)': Math.round(tldr.cpu),
        'wall /s': Math.round(full.wall),
        'baseline clean+split /s': Math.round(base.cpu),
        'cost vs baseline': `${(base.cpu / full.cpu).toFixed(1)}×`,
        'p50 ms': percentile(lat, 50).toFixed(3),
        'p99 ms': percentile(lat, 99).toFixed(3),
      });
    }
    const huge = { title: 'Huge', abstract: 'We propose a method for graphs, and it works. '.repeat(1100) };
    const t = performance.now();
    builtinSummary(huge);
    rows.push({
      abstracts: `one ${Math.round(huge.abstract.length / 1000)} kB abstract`,
      'p50 ms': (performance.now() - t).toFixed(1),
    });
    report('summarize (built-in TL;DR + key points, one core; target ≥ 5,000 abstracts/s)', rows);
  },
};
export default suite;
