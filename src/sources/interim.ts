// Catalog helpers the sources need (arXiv ids, text cleaning, merging), kept small and private to this folder.
import type { Paper } from '../catalog/paper.js';

const NEW_STYLE = /^(\d{4}\.\d{4,5})(v\d+)?$/;
const OLD_STYLE = /^([a-z][a-z-]*(?:\.[A-Z]{2})?\/\d{7})(v\d+)?$/;

/** `2505.01234v2`, `arXiv:2505.01234`, `http://arxiv.org/abs/hep-th/9901001v1` → id without version. */
export function normalizeArxivId(raw: string): string | undefined {
  const s = raw
    .trim()
    .replace(/^https?:\/\/(www\.|export\.)?arxiv\.org\/(abs|pdf)\//i, '')
    .replace(/\.pdf$/i, '')
    .replace(/^arxiv:/i, '');
  const m = NEW_STYLE.exec(s) ?? OLD_STYLE.exec(s);
  return m?.[1];
}

/** Joins hard-wrapped lines and collapses odd whitespace (tabs, NBSP, zero-width) into single spaces. */
export function cleanText(raw: string): string {
  return raw
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .replace(/[\s\u00A0]+/g, ' ')
    .trim();
}

function richer(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return b.length > a.length ? b : a;
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

/** One paper from two sightings of it: the richer field wins, lists unite, the fresher trending counts win. */
export function mergePaper(known: Paper, fresh: Paper): Paper {
  return {
    ...known,
    ...fresh,
    id: known.id,
    arxivId: known.arxivId ?? fresh.arxivId,
    title: richer(known.title, fresh.title) ?? fresh.title,
    abstract: richer(known.abstract, fresh.abstract) ?? '',
    authors: known.authors.length >= fresh.authors.length ? known.authors : fresh.authors,
    categories: union(known.categories, fresh.categories),
    keywords: union(known.keywords, fresh.keywords),
    published: known.published ?? fresh.published,
    listed: fresh.listed ?? known.listed,
    updated: fresh.updated ?? known.updated,
    links: { ...known.links, ...fresh.links },
    trending: { ...known.trending, ...fresh.trending },
    source: known.source,
    comment: fresh.comment ?? known.comment,
    sourceSummary: fresh.sourceSummary ?? known.sourceSummary,
  };
}
