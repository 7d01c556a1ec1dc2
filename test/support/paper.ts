// paper(): a Paper for tests, built through the real schema, with only what the test cares about given.
import { type Paper, type PaperInput, PaperSchema } from '../../src/catalog/paper.js';
import type { PaperCard } from '../../src/views/types.js';

/** Defaults: no abstract and source "json"; the schema fills in the empty lists, links and trending. */
export function paper(fields: Partial<PaperInput> & { id: string; title: string }): Paper {
  return PaperSchema.parse({ abstract: '', source: 'json', ...fields });
}

/** The card a test command shows for a paper: its abstract as the TL;DR, no key points. */
export function toCard(p: Paper): PaperCard {
  return {
    id: p.id,
    title: p.title,
    url: p.links.abs,
    tldr: p.abstract,
    keyPoints: [],
    authors: p.authors,
    links: p.links,
    source: p.source,
    ...(p.listed ? { date: p.listed } : {}),
  };
}
