// Papers to offer while someone types a paper reference (Discord autocomplete): resolved, completed, then as text.
import type { Paper } from '../catalog/paper.js';
import type { SearchEngine } from './types.js';

const ARXIV_ID = /^\d{4}\.\d{4,5}(?:v\d+)?$/;

/** The paper's arXiv id, when it has one: catalog ids can be long slugs that say nothing a title does not. */
function arxivIdOf(p: Paper): string | undefined {
  if (p.arxivId) return p.arxivId;
  return ARXIV_ID.test(p.id) ? p.id : undefined;
}

function fold(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ');
}

/**
 * Up to `max` papers for what was typed: the paper it names, then word completions, then part of an arXiv id or
 * of a title; with nothing typed, what is trending. Papers whose id is longer than `maxId` are left out (a
 * platform could not carry them back).
 */
export function suggestPapers(
  search: Pick<SearchEngine, 'resolve' | 'suggest' | 'all'>,
  query: string,
  limits: { max: number; maxId: number },
): Paper[] {
  const papers: Paper[] = [];
  const seen = new Set<string>();
  const add = (p: Paper | undefined) => {
    if (p && !seen.has(p.id) && p.id.length <= limits.maxId) {
      seen.add(p.id);
      papers.push(p);
    }
  };
  const q = query.trim();
  if (q) add(search.resolve(q));
  for (const hit of search.suggest(q, limits.max)) add(hit.paper);
  if (q && papers.length < limits.max) {
    // The index completes whole words from their start: part of an arXiv id or a run of title words in the
    // middle ("credit assign") would find nothing, so look for them as text.
    const needle = fold(q);
    for (const p of search.all()) {
      if (papers.length >= limits.max) break;
      if ((arxivIdOf(p) ?? '').startsWith(q) || fold(p.title).includes(needle)) add(p);
    }
  }
  if (papers.length === 0 && !q) {
    // Nothing typed yet: offer what is trending.
    const trending = [...search.all()]
      .filter((p) => p.trending.rank !== undefined)
      .sort((a, b) => (a.trending.rank ?? 0) - (b.trending.rank ?? 0));
    for (const p of trending.slice(0, limits.max)) add(p);
  }
  return papers.slice(0, limits.max);
}

/** "Title cut at a word… · 2410.17243" in `max` characters: the title keeps the room, the arXiv id follows it. */
export function paperChoiceLabel(p: Paper, max: number): string {
  const id = arxivIdOf(p);
  const suffix = id ? ` · ${id}` : '';
  const title = p.title.replace(/\s+/g, ' ').trim();
  const room = max - suffix.length;
  if (title.length <= room) return title + suffix;
  // Never leave half a surrogate pair behind.
  const cut = title.slice(0, room - 1).replace(/[\uD800-\uDBFF]$/, '');
  const space = cut.lastIndexOf(' ');
  const atWord = space > room / 2 ? cut.slice(0, space) : cut;
  return `${atWord.replace(/[\s,:;–-]+$/, '')}…${suffix}`;
}
