// /papers cite <paper> [format:bibtex|apa]: a citation of one paper, ready to paste.
import { z } from 'zod';
import { defineCommand, type OptionSpec } from '../src/app/command.js';
import { apaReference, bibtexEntry } from '../src/keep/cite.js';
import { truncate } from '../src/views/format.js';
import { findPaper, paperOption } from './lib/paper-ref.js';

const format: OptionSpec<z.ZodType<'bibtex' | 'apa', unknown>> = {
  kind: 'string',
  description: 'bibtex (default) or apa',
  schema: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['bibtex', 'apa'], { error: 'must be bibtex or apa' })),
  required: false,
  choices: [
    { name: 'bibtex', value: 'bibtex' },
    { name: 'apa', value: 'apa' },
  ],
};

export const cite = defineCommand({
  name: 'cite',
  description: 'Cite a paper: a BibTeX entry (arXiv eprint, DOI, journal) or an APA reference',
  usage: '/papers cite <arXiv id, URL or title words> [format:bibtex|apa]',
  examples: ['/papers cite 2405.04233', '/papers cite 2405.04233 format:apa'],
  options: {
    paper: paperOption(),
    format,
  },
  async run(input, _ctx, services) {
    const found = findPaper(services, input.paper, (id) => `/papers cite ${id}`);
    if ('view' in found) return found.view;
    const { paper } = found;
    const title = `“${truncate(paper.title, 120)}”`;
    if (input.format === 'apa') {
      return {
        kind: 'notice',
        title: `APA reference for ${title}`,
        text: apaReference(paper),
        ephemeral: true,
      };
    }
    return {
      kind: 'notice',
      title: `BibTeX for ${title}`,
      text: `\`\`\`bibtex\n${bibtexEntry(paper)}\n\`\`\``,
      actions: [{ label: 'APA', command: `/papers cite ${paper.id} format:apa` }],
      ephemeral: true,
    };
  },
});
