// paper(): a Paper for tests, built through the real schema, with only what the test cares about given.
import { type Paper, type PaperInput, PaperSchema } from '../../src/catalog/paper.js';

/** Defaults: no abstract and source "json"; the schema fills in the empty lists, links and trending. */
export function paper(fields: Partial<PaperInput> & { id: string; title: string }): Paper {
  return PaperSchema.parse({ abstract: '', source: 'json', ...fields });
}
