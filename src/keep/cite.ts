// Citations of papers: BibTeX entries with arXiv eprint fields and stable keys, and APA 7 references.
import type { Paper } from '../catalog/paper.js';
import { splitPersonName } from '../text/person-name.js';

/** LaTeX's special characters, spelled so that BibTeX and LaTeX both read them back as the character. */
const LATEX: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/** Escapes LaTeX specials; braces become commands because BibTeX counts every brace, escaped or not. */
export function escapeLatex(text: string): string {
  return text
    .replace(/[\\{}&%$#_~^]/g, (ch) => LATEX[ch] ?? ch)
    .replace(/\s+/g, ' ')
    .trim();
}

/** Keeps the case of acronyms and names inside a title ("RLHF", "GPT-4", "LLaMA") under any bibliography style. */
function protectCase(title: string): string {
  return title
    .split(' ')
    .map((word) =>
      /^[^A-Za-z]*[A-Za-z]+[A-Z]/.test(word) || /[A-Z].*\d|\d.*[A-Z]/.test(word) ? `{${word}}` : word,
    )
    .join(' ');
}

/** "ü" → "u", "ø" → "o": citation keys stay ASCII so every tool accepts them. */
function ascii(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ø/gi, 'o')
    .replace(/ß/g, 'ss')
    .replace(/æ/gi, 'ae')
    .replace(/ł/gi, 'l')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

const KEY_STOPWORDS = new Set([
  'a',
  'an',
  'the',
  'on',
  'of',
  'in',
  'for',
  'to',
  'and',
  'towards',
  'toward',
  'is',
  'are',
]);

/** The family name with its particles ("Del Maestro"); a lone name is its own family name. */
function familyName(author: string): string {
  return splitPersonName(author).family;
}

/** Year of the paper: published, listed, or read off a new-style arXiv id (2405.04233 → 2024). */
export function paperYear(paper: Pick<Paper, 'published' | 'listed' | 'arxivId' | 'id'>): string | undefined {
  const date = paper.published ?? paper.listed;
  if (date) return date.slice(0, 4);
  const id = paper.arxivId ?? paper.id;
  const modern = /^(\d{2})(\d{2})\.\d{4,5}/.exec(id);
  if (modern) return `20${modern[1]}`;
  const old = /^[a-z-]+(?:\.[A-Z]{2})?\/(\d{2})\d{5}/.exec(id);
  if (old) return `${Number(old[1]) > 90 ? '19' : '20'}${old[1]}`;
  return undefined;
}

/** The arXiv id when the paper has one (catalog ids of arXiv papers are the id without version). */
export function arxivIdOf(paper: Pick<Paper, 'arxivId' | 'id'>): string | undefined {
  if (paper.arxivId) return paper.arxivId.replace(/v\d+$/, '');
  return /^(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})$/.test(paper.id) ? paper.id : undefined;
}

/**
 * `familyYearWord`, e.g. `uehara2024derivative`: the same paper always gets the same key, whoever cites it and
 * whenever. A paper without authors or year leaves that part out.
 */
export function citationKey(
  paper: Pick<Paper, 'authors' | 'title' | 'published' | 'listed' | 'arxivId' | 'id'>,
): string {
  const first = paper.authors[0];
  const family = first ? ascii(familyName(first)) : '';
  const word =
    paper.title
      .split(/[\s\-–—:]+/)
      .map(ascii)
      .find((w) => w.length > 0 && !KEY_STOPWORDS.has(w)) ?? '';
  const key = `${family}${paperYear(paper) ?? ''}${word}`;
  return key || ascii(paper.id) || 'paper';
}

/**
 * An author as BibTeX reads it: a name containing "and" as a word is braced so it stays one name, and a family
 * name of several words is written "Family, Given" (BibTeX would take "Adrian Del Maestro" as family "Maestro").
 */
function bibAuthor(name: string): string {
  const clean = escapeLatex(name);
  if (/\band\b/i.test(clean)) return `{${clean}}`;
  if (clean.includes(',')) return clean;
  const { given, family } = splitPersonName(clean);
  return given && family.includes(' ') ? `${family}, ${given}` : clean;
}

/**
 * One BibTeX entry: `@article` with the journal reference as the journal when the paper has one, else `@misc`;
 * arXiv papers carry eprint, archivePrefix and primaryClass (biblatex and arXiv's own export use these).
 */
export function bibtexEntry(paper: Paper, key = citationKey(paper)): string {
  const arxiv = arxivIdOf(paper);
  const fields: [string, string][] = [['title', `{${protectCase(escapeLatex(paper.title))}}`]];
  if (paper.authors.length > 0) fields.push(['author', `{${paper.authors.map(bibAuthor).join(' and ')}}`]);
  if (paper.journalRef) fields.push(['journal', `{${escapeLatex(paper.journalRef)}}`]);
  const year = paperYear(paper);
  if (year) fields.push(['year', `{${year}}`]);
  if (arxiv) {
    fields.push(['eprint', `{${arxiv}}`], ['archivePrefix', '{arXiv}']);
    const primary = paper.categories[0];
    if (primary) fields.push(['primaryClass', `{${escapeLatex(primary)}}`]);
  }
  if (paper.doi) fields.push(['doi', `{${escapeLatex(paper.doi)}}`]);
  const url = arxiv
    ? `https://arxiv.org/abs/${arxiv}`
    : (paper.links.abs ?? paper.links.hf ?? paper.links.pdf);
  if (url) fields.push(['url', `{${url.replace(/[{}\\%#]/g, encodeURIComponent)}}`]);
  const type = paper.journalRef ? 'article' : 'misc';
  return `@${type}{${key},\n${fields.map(([name, value]) => `  ${name} = ${value}`).join(',\n')}\n}`;
}

/**
 * Entries for several papers, keys made unique: a key two papers share gets b, c… in arXiv id order, so one
 * export always names each paper the same way.
 */
export function bibtexFile(papers: readonly Paper[]): string {
  const byKey = new Map<string, Paper[]>();
  for (const paper of papers) {
    const key = citationKey(paper);
    byKey.set(key, [...(byKey.get(key) ?? []), paper]);
  }
  const keys = new Map<string, string>();
  for (const [key, group] of byKey) {
    [...group]
      .sort((a, b) => a.id.localeCompare(b.id))
      .forEach((paper, i) => {
        keys.set(paper.id, i === 0 ? key : `${key}${String.fromCharCode(97 + Math.min(i, 25))}`);
      });
  }
  return `${papers.map((paper) => bibtexEntry(paper, keys.get(paper.id))).join('\n\n')}\n`;
}

/** Group authors ("DeepSeek-AI", "the ATLAS Collaboration") are cited by their whole name. */
const GROUP_AUTHOR =
  /\b(?:team|group|consortium|collaboration|project|lab|laboratory|institute|university|inc|ltd|ai)\b/i;

/**
 * "Masatoshi Uehara" → "Uehara, M."; "Jean-Pierre Serre" → "Serre, J.-P."; "Adrian Del Maestro" → "Del Maestro,
 * A."; "Uehara, Masatoshi" → "Uehara, M."; a lone name stays as it is.
 */
function apaAuthor(name: string): string {
  if (GROUP_AUTHOR.test(name)) return name.trim();
  const { given, family } = splitPersonName(name);
  if (!given) return family;
  const initials = given
    .split(' ')
    .map((w) =>
      w
        .split('-')
        .map((part) => (part ? `${part[0]?.toUpperCase()}.` : ''))
        .join('-'),
    )
    .join(' ');
  return `${family}, ${initials}`;
}

function apaAuthors(authors: readonly string[]): string {
  const names = authors.map(apaAuthor);
  if (names.length === 0) return '';
  if (names.length === 1) return names[0] as string;
  // APA 7: up to 20 authors; beyond, the first 19, an ellipsis and the last.
  if (names.length > 20) return `${names.slice(0, 19).join(', ')}, … ${names[names.length - 1]}`;
  return `${names.slice(0, -1).join(', ')}, & ${names[names.length - 1]}`;
}

/** An APA 7 reference: a preprint on arXiv, or the journal reference as the source when there is one. */
export function apaReference(paper: Paper): string {
  const arxiv = arxivIdOf(paper);
  const authors = apaAuthors(paper.authors);
  const year = paperYear(paper) ?? 'n.d.';
  const title = paper.title.trim().replace(/[.\s]+$/, '');
  const head = authors ? `${authors}${authors.endsWith('.') ? '' : '.'} (${year}).` : `${title}. (${year}).`;
  const titlePart = authors ? ` ${title}${arxiv ? ` (arXiv:${arxiv})` : ''}.` : '';
  const source = paper.journalRef
    ? ` ${paper.journalRef.trim().replace(/\.$/, '')}.`
    : arxiv
      ? ' arXiv.'
      : '';
  const link = paper.doi
    ? `https://doi.org/${paper.doi}`
    : arxiv
      ? `https://doi.org/10.48550/arXiv.${arxiv}`
      : (paper.links.abs ?? paper.links.hf ?? '');
  return `${head}${titlePart}${source}${link ? ` ${link}` : ''}`;
}
