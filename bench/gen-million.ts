// Synthesises a large catalog (a million papers) by recombining real titles, abstracts and authors of the
// arXiv catalog: each paper takes the first half of one real abstract and the second half of another, a
// title spliced from two real titles, and real authors and categories, so word statistics stay realistic.
// Deterministic (seeded). Run `node dist/bench/gen-million.js OUT.jsonl [COUNT]` to write JSONL.
import { createWriteStream } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { loadCatalog } from '../src/catalog/index.js';
import type { Paper } from '../src/catalog/paper.js';
import { seededRandom, sharedFile } from './kit.js';

const SENTENCE_END = /(?<=[.!?])\s+(?=[A-Z(])/;

/** Yields `count` synthetic papers built from `source` (the real catalog). */
export function* syntheticPapers(
  source: readonly Paper[],
  count: number,
  seed = 20_250_101,
): Generator<Paper> {
  if (source.length === 0) return;
  const rand = seededRandom(seed);
  const pick = () => source[Math.floor(rand() * source.length)]!;
  const sentences = new Map<Paper, string[]>();
  const sentencesOf = (p: Paper) => {
    let s = sentences.get(p);
    if (!s) {
      s = p.abstract.replace(/\s+/g, ' ').split(SENTENCE_END);
      sentences.set(p, s);
    }
    return s;
  };
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < count; i++) {
    const a = pick();
    const b = pick();
    const sa = sentencesOf(a);
    const sb = sentencesOf(b);
    // Concatenation (not join) keeps the text as references to the real abstracts' strings.
    let abstract = '';
    for (const s of sa.slice(0, Math.ceil(sa.length / 2))) abstract = abstract ? `${abstract} ${s}` : s;
    for (const s of sb.slice(Math.floor(sb.length / 2))) abstract = `${abstract} ${s}`;
    const ta = a.title.split(' ');
    const tb = b.title.split(' ');
    const title =
      rand() < 0.3
        ? a.title
        : [...ta.slice(0, Math.ceil(ta.length / 2)), ...tb.slice(Math.floor(tb.length / 2))].join(' ');
    const authors = rand() < 0.5 ? a.authors : [...a.authors.slice(0, 2), ...b.authors.slice(0, 2)];
    const published = new Date(start + Math.floor(rand() * 900) * 86_400_000).toISOString().slice(0, 10);
    const paper: Paper = {
      id: `synthetic-${String(i).padStart(7, '0')}`,
      title,
      abstract,
      authors,
      categories: a.categories,
      keywords: [],
      published,
      links: rand() < 0.25 ? { code: `https://github.com/example/repo-${i}` } : {},
      trending: {},
      source: 'jsonl',
    };
    yield paper;
  }
}

/** The real arXiv catalog the synthetic one is made from (../shared/eval/arxiv/catalog.jsonl). */
export async function arxivSource(): Promise<Paper[] | undefined> {
  const file = sharedFile('eval', 'arxiv', 'catalog.jsonl');
  if (!file) return undefined;
  return (await loadCatalog([file])).papers;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [out, countArg] = process.argv.slice(2);
  // "--help" once wrote 1.8 GB to a file of that name: an option is never taken for the output path.
  if (!out || out.startsWith('-')) {
    console.error('usage: node dist/bench/gen-million.js OUT.jsonl [COUNT (default 1000000)]');
    process.exit(2);
  }
  const source = await arxivSource();
  if (!source) {
    console.error('gen-million: ../shared/eval/arxiv/catalog.jsonl is missing');
    process.exit(2);
  }
  const stream = createWriteStream(out);
  let n = 0;
  for (const p of syntheticPapers(source, Number(countArg ?? 1_000_000))) {
    if (!stream.write(`${JSON.stringify(p)}\n`))
      await new Promise<void>((r) => stream.once('drain', () => r()));
    n++;
  }
  stream.end();
  console.error(`gen-million: wrote ${n} papers to ${out}`);
}
