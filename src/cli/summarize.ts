// `paperboy summarize ID-OR-TITLE-WORDS`: finds one paper in the catalog and prints its TL;DR and key points.

import type { Paper } from '../catalog/paper.js';
import { ConfigError, readConfig } from '../config.js';
import type { Summary } from '../summarize/types.js';
import { NO_ABSTRACT } from '../summarize/types.js';
import { paperVenue } from '../views/paper-card.js';
import { CATALOG_HELP, CATALOG_USAGE, catalogOption, loadCliCatalog } from './catalog-args.js';
import { type CliCommand, EXIT, parseCli, UsageError } from './kit.js';

function authorsLine(authors: readonly string[]): string {
  if (authors.length === 0) return '';
  return authors.length > 6
    ? `${authors.slice(0, 6).join(', ')} et al. (${authors.length} authors)`
    : authors.join(', ');
}

function linkLines(paper: Paper): string[] {
  const names: [keyof Paper['links'], string][] = [
    ['abs', 'abstract'],
    ['pdf', 'pdf'],
    ['hf', 'hugging face'],
    ['code', 'code'],
    ['project', 'project'],
  ];
  return names.flatMap(([key, label]) => {
    const url = paper.links[key];
    return url ? [`  ${label.padEnd(13)}${url}`] : [];
  });
}

export function renderSummary(paper: Paper, summary: Summary): string {
  const lines = [paper.title, ''];
  lines.push(`TL;DR  ${summary.tldr || NO_ABSTRACT}`);
  if (summary.keyPoints.length > 0) {
    lines.push('');
    for (const point of summary.keyPoints) lines.push(`  • ${point}`);
  }
  const authors = authorsLine(paper.authors);
  if (authors) lines.push('', `Authors  ${authors}`);
  const venue = paperVenue(paper);
  if (venue) lines.push(`Venue    ${venue}`);
  const links = linkLines(paper);
  if (paper.doi) links.push(`  ${'doi'.padEnd(13)}https://doi.org/${paper.doi}`);
  if (links.length > 0) lines.push('', 'Links', ...links);
  const meta = [
    `id ${paper.id}`,
    paper.published ? `published ${paper.published}` : '',
    `summary: ${summary.by}`,
  ];
  lines.push('', meta.filter(Boolean).join(' · '));
  return `${lines.join('\n')}\n`;
}

const command: CliCommand = {
  name: 'summarize',
  summary: 'TL;DR, key points, authors and links of one paper',
  usage: [
    `paperboy summarize ID-OR-TITLE-WORDS ${CATALOG_USAGE} [--json] [--builtin]`,
    '',
    'Finds the paper by id, arXiv id, URL or title words, then summarises it. With LLM_BASE_URL and',
    'LLM_MODEL set, the summary comes from that model (falling back to the built-in one on any failure).',
    '',
    CATALOG_HELP,
    '--json          {"id","title","tldr","keyPoints","authors","links"}, plus "llm_error" when the LLM failed',
    '--builtin       never ask the LLM, even when one is configured',
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseCli(args, {
      ...catalogOption,
      json: { type: 'boolean' },
      builtin: { type: 'boolean' },
    });
    const reference = positionals.join(' ').trim();
    if (!reference) throw new UsageError('name the paper: an id (2505.01234), a URL or words from its title');
    let llm = null;
    if (!values.builtin) {
      try {
        llm = readConfig(io.env).llm;
      } catch (error) {
        if (error instanceof ConfigError) throw new UsageError(error.message);
        throw error;
      }
    }
    const catalog = await loadCliCatalog(values.catalog, io);
    const lower = reference.toLowerCase();
    let paper = catalog.papers.find(
      (p) => p.id.toLowerCase() === lower || p.arxivId?.toLowerCase() === lower,
    );
    if (!paper) {
      const { createSearchEngine } = await import('../search/index.js');
      paper = createSearchEngine(catalog.papers).resolve(reference);
    }
    if (!paper) {
      throw new UsageError(
        `no paper matches "${reference}" (searched ${catalog.papers.length} papers by id, URL and title)`,
      );
    }
    const { createSummarizer } = await import('../summarize/index.js');
    const summary = await createSummarizer({ llm }).summarize(paper);
    // The built-in summary stands in for a failed LLM: say so, on stderr and in the JSON.
    if (summary.llmError)
      io.err(`paperboy: warning: the LLM failed, built-in summary used: ${summary.llmError}\n`);
    if (values.json) {
      const json = {
        id: paper.id,
        title: paper.title,
        tldr: summary.tldr,
        keyPoints: summary.keyPoints,
        authors: paper.authors,
        links: paper.links,
        ...(summary.llmError ? { llm_error: summary.llmError } : {}),
      };
      io.out(`${JSON.stringify(json)}\n`);
    } else io.out(renderSummary(paper, summary));
    return EXIT.ok;
  },
};
export default command;
