// Text helpers for digest selection: exclude-word matching, title tokens, near-duplicate tests.
import type { Paper } from '../catalog/paper.js';
import { STOP_WORDS } from '../text/stop-words.js';

const STOPWORDS = STOP_WORDS.titleLikeness;

/** Lower-cases, folds accents and splits on anything that is not a letter or digit. */
export function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** The distinctive tokens of a title: words minus stop words. */
export function titleTokens(title: string): Set<string> {
  return new Set(words(title).filter((w) => !STOPWORDS.has(w)));
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const t of small) if (large.has(t)) inter++;
  return inter / (a.size + b.size - inter);
}

/** A title reduced to its words, for exact "same title" checks. */
export function titleKey(title: string): string {
  return words(title).join(' ');
}

/** The id with any arXiv version suffix dropped (2505.01234v2 → 2505.01234), lower-cased. */
export function baseId(id: string): string {
  return id
    .trim()
    .toLowerCase()
    .replace(/^arxiv:/, '')
    .replace(/v\d+$/, '');
}

/** Every id a paper is known by, version-free: its id and its arXiv id. */
export function paperKeys(paper: Pick<Paper, 'id' | 'arxivId'>): string[] {
  const keys = [baseId(paper.id)];
  if (paper.arxivId) keys.push(baseId(paper.arxivId));
  return keys;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A test for exclude words: each is a word or phrase matched case-insensitively on word boundaries (so
 * "medical" drops "Medical imaging" but not "biomedical"), tolerating a plural ("survey" drops "Surveys").
 * Returns the exclude word that matched, or undefined.
 */
export function excludeMatcher(
  exclude: readonly string[],
): (paper: Pick<Paper, 'title' | 'abstract'>) => string | undefined {
  const terms = exclude.map((e) => e.trim()).filter(Boolean);
  if (terms.length === 0) return () => undefined;
  const patterns = terms.map((term) => {
    const body = term
      .split(/\s+/)
      .map((w) => escapeRegExp(w))
      .join('[\\s\\-_]+');
    return { term, re: new RegExp(`(?<![\\p{L}\\p{N}])${body}(?:s|es)?(?![\\p{L}\\p{N}])`, 'iu') };
  });
  return (paper) => {
    const text = `${paper.title}\n${paper.abstract}`;
    return patterns.find((p) => p.re.test(text))?.term;
  };
}

/** Splits "diffusion; RLHF, vision transformers" into topics (semicolons or commas), trimmed, deduplicated. */
export function splitTopics(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[;,\n]/)) {
    const topic = raw.trim().replace(/\s+/g, ' ');
    if (!topic || seen.has(topic.toLowerCase())) continue;
    seen.add(topic.toLowerCase());
    out.push(topic);
  }
  return out;
}
