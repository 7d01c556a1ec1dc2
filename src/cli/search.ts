// `paperboy search`: ranks the catalog for a query, or for every line of a JSONL batch (evaluation runs).
import { closeSync, createReadStream, existsSync, openSync, readSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { PaperboySearch, SearchHit, SearchOutcome } from '../search/index.js';
import { CATALOG_HELP, CATALOG_USAGE, catalogOption, loadCliCatalog } from './catalog-args.js';
import { type CliCommand, type CliIO, EXIT, intOption, parseCli, processIO, UsageError } from './kit.js';

const MAX_LIMIT = 1000;

const HELP = [
  `paperboy search "QUERY" ${CATALOG_USAGE} [--limit N] [--offset N] [--json]`,
  `       paperboy search --batch FILE.jsonl ${CATALOG_USAGE} [--limit N]`,
  '',
  'Ranks the catalog for a query: words (typos, acronyms and the word being typed are understood),',
  '"quoted phrases", -excluded words, filters (code:yes, after:2025-01, before:2025-06, author:hinton,',
  'category:cs.LG), or an arXiv id, arXiv URL or Hugging Face paper URL.',
  '',
  CATALOG_HELP,
  `--limit N       results per query, 1 to ${MAX_LIMIT} (default 10)`,
  '--offset N      skip the first N results (paging)',
  '--json          print {"query","results":[{"id","title","score"}]}',
  '--batch FILE    read one {"id"?,"query"} object per line ("-" for stdin); write one',
  '                {"id","query","results":[{"id","title","score"}]} line per query, in order',
  '--index FILE    answer from a saved index instead of loading the catalog',
  '--save-index FILE  save the index built from the catalog (then answer the query, if any)',
].join('\n');

const command: CliCommand = {
  name: 'search',
  summary: 'search the catalog (words, "phrases", filters, ids or URLs)',
  usage: HELP,
  async run(args, io) {
    const { values, positionals } = parseCli(args, {
      ...catalogOption,
      limit: { type: 'string', short: 'n' },
      offset: { type: 'string' },
      json: { type: 'boolean' },
      batch: { type: 'string', short: 'b' },
      index: { type: 'string' },
      'save-index': { type: 'string' },
    });
    const limit = intOption(values.limit, 'limit', 1, MAX_LIMIT, 10);
    const offset = intOption(values.offset, 'offset', 0, 1_000_000, 0);
    const query = positionals.join(' ');
    if (values.batch !== undefined && positionals.length > 0) {
      throw new UsageError('give either a query or --batch FILE, not both');
    }
    if (values.batch === undefined && positionals.length === 0 && values['save-index'] === undefined) {
      throw new UsageError('what should I search for? e.g. paperboy search "diffusion models" (see --help)');
    }
    if (values.index !== undefined && values.catalog !== undefined) {
      throw new UsageError(
        '--index reads a saved index: leave out --catalog, or drop --index to build from it',
      );
    }
    if (values.batch !== undefined && values.batch !== '-' && !existsSync(values.batch)) {
      throw new UsageError(`cannot read batch file ${values.batch}: no such file`);
    }
    if (values.batch !== undefined && values.batch !== '-' && looksBinary(values.batch)) {
      throw new UsageError(binaryBatch(values.batch));
    }

    if (io === processIO) {
      // `paperboy search --batch … | head` closes the pipe early: that is not an error.
      process.stdout.once('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EPIPE') process.exit(0);
        throw error;
      });
    }
    const engine = await openEngine(values.index, values.catalog, io);
    if (values['save-index'] !== undefined) {
      const { saveSearchIndex } = await import('../search/index.js');
      const { bytes } = saveSearchIndex(engine, values['save-index']);
      io.err(
        `paperboy: saved the index of ${engine.size} papers to ${values['save-index']} (${mb(bytes)})\n`,
      );
      if (values.batch === undefined && positionals.length === 0) return EXIT.ok;
    }
    if (values.batch !== undefined) return runBatch(engine, values.batch, limit, io);

    const outcome = engine.search(query, { limit, offset });
    if (!outcome.ok) throw new UsageError(outcome.message);
    if (values.json) {
      io.out(`${JSON.stringify({ query, results: outcome.hits.map(result) })}\n`);
    } else {
      io.out(human(query, outcome, offset));
    }
    return EXIT.ok;
  },
};
export default command;

async function openEngine(indexPath: string | undefined, catalog: string[] | undefined, io: CliIO) {
  const search = await import('../search/index.js');
  if (indexPath !== undefined) {
    const loaded = search.loadSearchIndex(indexPath);
    if (!loaded.ok) throw new UsageError(loaded.message);
    return loaded.engine;
  }
  const { papers } = await loadCliCatalog(catalog, io);
  return search.createSearchEngine(papers);
}

function result(hit: SearchHit) {
  return { id: hit.paper.id, title: hit.paper.title, score: hit.score };
}

async function runBatch(engine: PaperboySearch, file: string, limit: number, io: CliIO): Promise<number> {
  const input = file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    // A NUL byte never occurs in JSON text: this is a binary file, not a batch with some bad lines.
    if (line.includes('\u0000')) throw new UsageError(binaryBatch(file === '-' ? 'standard input' : file));
    const parsed = batchLine(line);
    if (typeof parsed === 'string') {
      io.err(`paperboy: warning: ${file}:${n}: ${parsed}\n`);
      io.out(`${JSON.stringify({ id: null, query: null, results: [], error: parsed })}\n`);
      continue;
    }
    const outcome = engine.search(parsed.query, { limit, prefix: false });
    const out: Record<string, unknown> = {
      id: parsed.id,
      query: parsed.query,
      results: outcome.ok ? outcome.hits.map(result) : [],
    };
    if (!outcome.ok) out.error = outcome.message;
    io.out(`${JSON.stringify(out)}\n`);
  }
  return EXIT.ok;
}

/** A batch line: {"id"?, "query"} (BEIR's {"_id","text"} is accepted too), or what is wrong with it. */
function batchLine(line: string): { id: string | number | null; query: string } | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'not a JSON object';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const record = value as Record<string, unknown>;
  const query = record.query ?? record.text;
  if (typeof query !== 'string') return 'no "query" string';
  const rawId = record.id ?? record._id ?? null;
  const id = typeof rawId === 'string' || typeof rawId === 'number' ? rawId : null;
  return { id, query };
}

function human(query: string, outcome: Extract<SearchOutcome, { ok: true }>, offset: number): string {
  const lines: string[] = [];
  if (outcome.hits.length === 0) {
    lines.push(outcome.notice ?? `no papers match "${query}"`);
    return `${lines.join('\n')}\n`;
  }
  const last = offset + outcome.hits.length;
  lines.push(
    `${outcome.total.toLocaleString('en-US')} ${outcome.total === 1 ? 'paper matches' : 'papers match'}; showing ${offset + 1}–${last}`,
  );
  if (outcome.notice) lines.push(`(${outcome.notice})`);
  lines.push('');
  outcome.hits.forEach((hit, i) => {
    const p = hit.paper;
    lines.push(`${String(offset + i + 1).padStart(3)}. ${p.title}`);
    const where = p.links.abs ?? p.links.hf ?? p.id;
    lines.push(`     ${where}   score ${hit.score.toFixed(2)}${p.published ? `   ${p.published}` : ''}`);
    if (hit.matched.length > 0) lines.push(`     matched: ${hit.matched.join(', ')}`);
  });
  return `${lines.join('\n')}\n`;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** NUL bytes in the first 8 KB: a binary file (an image, a database, a gzip), which no JSONL batch is. */
function looksBinary(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buffer = Buffer.alloc(8192);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, read).includes(0);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function binaryBatch(file: string): string {
  return `${file} is a binary file, not a batch: give one {"id","query"} JSON object per line`;
}
