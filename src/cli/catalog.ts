// `paperboy catalog`: loads the catalog and prints a summary (or every paper as JSON with --json).
import { relative } from 'node:path';
import type { CatalogFileSummary, LoadCatalogResult } from '../catalog/index.js';
import type { Paper } from '../catalog/paper.js';
import { truncate } from '../text/truncate.js';
import { paperVenue } from '../views/paper-card.js';
import { CATALOG_HELP, CATALOG_USAGE, catalogOption, loadCliCatalog } from './catalog-args.js';
import { type CliCommand, EXIT, intOption, parseCli, processIO } from './kit.js';

const WIDTH = 100;

/** Trending rank first, then upvotes, then the newest listing; catalog order breaks ties. */
export function byTrending(a: Paper, b: Paper): number {
  const ra = a.trending.rank ?? Number.POSITIVE_INFINITY;
  const rb = b.trending.rank ?? Number.POSITIVE_INFINITY;
  if (ra !== rb) return ra - rb;
  const ua = a.trending.upvotes ?? -1;
  const ub = b.trending.upvotes ?? -1;
  if (ua !== ub) return ub - ua;
  return (b.listed ?? '').localeCompare(a.listed ?? '');
}

function shortPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && rel.length < file.length ? rel : file;
}

function range(values: (string | undefined)[]): string {
  let min: string | undefined;
  let max: string | undefined;
  for (const v of values) {
    if (!v) continue;
    if (!min || v < min) min = v;
    if (!max || v > max) max = v;
  }
  if (!min || !max) return 'unknown';
  return min === max ? min : `${min} to ${max}`;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

function snippet(text: string, max: number): string {
  return truncate(text.replace(/\s+/g, ' ').trim(), max, 'utf16', { atWord: true });
}

function wrap(text: string, indent: string): string {
  const lines: string[] = [];
  for (const para of text.split('\n\n')) {
    let line = '';
    for (const word of para.split(/\s+/)) {
      if (line && line.length + 1 + word.length > WIDTH - indent.length) {
        lines.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) lines.push(indent + line);
  }
  return lines.join('\n');
}

function fileLine(f: CatalogFileSummary): string {
  const format = { 'seed-page': 'trending page', json: 'JSON', jsonl: 'JSONL' }[f.format];
  const about = [f.title, f.url].filter(Boolean).join(', ');
  const skipped = f.skipped > 0 ? `, ${plural(f.skipped, 'record')} skipped` : '';
  return `  ${shortPath(f.file)}  (${format}, ${plural(f.papers, 'paper')}${skipped})${about ? `  ${about}` : ''}`;
}

function paperBlock(p: Paper, position: number, full: boolean): string {
  const rank = p.trending.rank !== undefined ? `#${p.trending.rank}` : `${position}.`;
  const authors = p.authors.length > 3 ? `${p.authors.slice(0, 3).join(', ')} et al.` : p.authors.join(', ');
  const lines = [`${rank.padStart(5)} ${p.title}`];
  if (authors) lines.push(`      ${snippet(authors, WIDTH - 6)}`);
  lines.push(
    p.abstract ? wrap(full ? p.abstract : snippet(p.abstract, 280), '      ') : '      (no abstract)',
  );
  if (p.links.code) lines.push(`      code     ${p.links.code}`);
  if (p.links.project) lines.push(`      project  ${p.links.project}`);
  const venue = paperVenue(p);
  if (venue) lines.push(`      venue    ${venue}`);
  if (p.doi) lines.push(`      doi      https://doi.org/${p.doi}`);
  const meta = [
    `id ${p.id}`,
    p.categories.slice(0, 3).join(' '),
    p.published ? `published ${p.published}` : '',
    p.listed ? `listed ${p.listed}` : '',
    p.trending.upvotes !== undefined ? `${p.trending.upvotes} upvotes` : '',
    p.trending.stars !== undefined ? `${p.trending.stars} stars` : '',
    p.version !== undefined ? `v${p.version}` : '',
    p.organization ? p.organization : '',
  ].filter(Boolean);
  lines.push(`      ${meta.join(' · ')}`);
  return lines.join('\n');
}

function summary(catalog: LoadCatalogResult, limit: number | undefined, full: boolean): string {
  const { papers, warnings, files } = catalog;
  const bySource = new Map<string, number>();
  let code = 0;
  let project = 0;
  let arxiv = 0;
  let empty = 0;
  for (const p of papers) {
    bySource.set(p.source, (bySource.get(p.source) ?? 0) + 1);
    if (p.links.code) code++;
    if (p.links.project) project++;
    if (p.arxivId) arxiv++;
    if (!p.abstract) empty++;
  }
  const shown = limit ?? (papers.length <= 60 ? papers.length : 20);
  const top = [...papers].sort(byTrending).slice(0, shown);
  const out = [
    `${plural(papers.length, 'paper')} from ${plural(files.length, 'catalog file')}:`,
    ...files.map(fileLine),
    '',
    `Sources     ${[...bySource].map(([s, n]) => `${s} ${n.toLocaleString('en-US')}`).join(', ')}`,
    `Listed      ${range(papers.map((p) => p.listed))}`,
    `Published   ${range(papers.map((p) => p.published))}`,
    `Links       ${plural(code + project, 'link')} found: ${plural(code, 'code repository').replace('repositorys', 'repositories')}, ${plural(project, 'project page')}`,
    `arXiv ids   ${arxiv.toLocaleString('en-US')}${empty > 0 ? `; ${plural(empty, 'paper')} without an abstract` : ''}`,
    `Warnings    ${warnings.length === 0 ? 'none' : `${warnings.length.toLocaleString('en-US')} (printed above; --json lists them)`}`,
  ];
  if (shown > 0) {
    out.push(
      '',
      shown < papers.length ? `Top ${shown} of ${plural(papers.length, 'paper')}:` : 'Papers:',
      '',
    );
    out.push(top.map((p, i) => paperBlock(p, i + 1, full)).join('\n\n'));
    if (shown < papers.length) {
      out.push(
        '',
        `… ${plural(papers.length - shown, 'more paper')} (--limit N shows more, --json shows all).`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

/**
 * Streams `{"papers":[…],"warnings":[…]}` in pieces, so a 50,000-paper catalog never becomes one huge string.
 * `--catalog` reads it back as it was written (test/catalog/round-trip.test.ts).
 */
export function writeCatalogJson(
  catalog: Pick<LoadCatalogResult, 'papers' | 'warnings'>,
  out: (s: string) => void,
) {
  let chunk = '{"papers":[';
  catalog.papers.forEach((p, i) => {
    chunk += (i === 0 ? '\n' : ',\n') + JSON.stringify(p);
    if (chunk.length > 1 << 20) {
      out(chunk);
      chunk = '';
    }
  });
  chunk += `\n],"warnings":${JSON.stringify(catalog.warnings)}}\n`;
  out(chunk);
}

const command: CliCommand = {
  name: 'catalog',
  summary: 'show the loaded paper catalog',
  usage: [
    `paperboy catalog ${CATALOG_USAGE} [--json] [--limit N] [--full]`,
    '',
    CATALOG_HELP,
    '--json          every paper (full Paper objects) and every warning: {"papers":[…],"warnings":[…]}',
    '--limit N       how many papers the summary lists (default: all up to 60, else 20; 0 for none)',
    '--full          print whole abstracts instead of their first lines',
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseCli(
      args,
      { ...catalogOption, json: { type: 'boolean' }, limit: { type: 'string' }, full: { type: 'boolean' } },
      false,
    );
    void positionals;
    const limit = values.limit === undefined ? undefined : intOption(values.limit, 'limit', 0, 1_000_000, 20);
    if (io === processIO) {
      // `paperboy catalog --json | head` closes the pipe early: that is not an error.
      process.stdout.once('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EPIPE') process.exit(EXIT.ok);
      });
    }
    const catalog = await loadCliCatalog(values.catalog, io);
    if (values.json) writeCatalogJson(catalog, (chunk) => io.out(chunk));
    else io.out(summary(catalog, limit, values.full ?? false));
    return EXIT.ok;
  },
};
export default command;
