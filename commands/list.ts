// /papers list [page] [remove:<paper>] [export:bibtex]: this channel's reading list, who saved what and when.
import { z } from 'zod';
import { defineCommand, type OptionSpec, option } from '../src/app/command.js';
import { formatCommandLine } from '../src/app/line/format.js';
import type { Services } from '../src/app/types.js';
import type { Paper } from '../src/catalog/paper.js';
import { bibtexFile } from '../src/keep/cite.js';
import type { ChannelKey, SavedPaper } from '../src/store/types.js';
import { formatDay, plural, truncate } from '../src/views/format.js';
import { paperCard } from '../src/views/paper-card.js';
import type { Action, PaperCard, View } from '../src/views/types.js';
import { findPaper, unquote } from './lib/paper-ref.js';

export const LIST_PAGE_SIZE = 5;
const MAX_PAGE = 500;
/** The most papers one export carries; a longer list is cut, newest kept, and the answer says so. */
const MAX_EXPORT = 1000;
/** A code block that fits one chat message (Discord: 2000 characters) with the sentence around it. */
const FALLBACK_CHARS = 1800;

const exportFormat: OptionSpec<z.ZodType<'bibtex', unknown>> = {
  kind: 'string',
  description: 'Answer the whole list as a file: bibtex',
  schema: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['bibtex'], { error: 'must be bibtex' })),
  required: false,
  choices: [{ name: 'bibtex', value: 'bibtex' }],
};

const listMeta = {
  name: 'list',
  description: 'This channel’s reading list: who saved what and when; remove a paper or export BibTeX',
  usage: '/papers list [page:N] [remove:<paper>] [export:bibtex]',
  examples: [
    '/papers list',
    '/papers list page:2',
    '/papers list remove:2405.04233',
    '/papers list export:bibtex',
  ],
  options: {
    page: option.integer('Which page of the list', { min: 1, max: MAX_PAGE }, { positional: 'one' }),
    remove: option.string('Take this paper off the list (arXiv id, link or title words)', {
      autocomplete: true,
    }),
    export: exportFormat,
  },
};

export const list = defineCommand({
  ...listMeta,
  async run(input, ctx, services) {
    if (input.remove !== undefined) return remove(services, ctx.channel, input.remove);
    if (input.export === 'bibtex') return exportBibtex(services, ctx.channel);
    const page = input.page ?? 1;
    const total = await services.store.countSaved(ctx.channel);
    if (total === 0) {
      return {
        kind: 'notice',
        title: 'Reading list',
        text: 'Nothing is saved in this channel yet. Save a paper with /papers save <paper>, or the Save button under any paper.',
        ephemeral: true,
      };
    }
    const pages = Math.ceil(total / LIST_PAGE_SIZE);
    const lineFor = (p: number) => formatCommandLine(listMeta, { page: p > 1 ? p : undefined });
    const saved = await services.store.listSaved(ctx.channel, {
      limit: LIST_PAGE_SIZE,
      offset: (page - 1) * LIST_PAGE_SIZE,
    });
    if (saved.length === 0) {
      return {
        kind: 'notice',
        title: `No page ${page} of the reading list`,
        text: `It has ${plural(total, 'paper')} on ${plural(pages, 'page')}.`,
        actions: [{ label: 'Last page', command: lineFor(pages) }],
        ephemeral: true,
      };
    }
    const prev: Action | undefined = page > 1 ? { label: 'Previous', command: lineFor(page - 1) } : undefined;
    const next: Action | undefined =
      page < pages ? { label: 'Next', command: lineFor(page + 1), style: 'primary' } : undefined;
    return {
      kind: 'list',
      title: 'Reading list',
      intro: `${plural(total, 'paper')} saved in this channel, newest first.`,
      cards: saved.map((s) => savedCard(services, s)),
      page: {
        page,
        pages,
        total,
        first: (page - 1) * LIST_PAGE_SIZE + 1,
        ...(prev ? { prev } : {}),
        ...(next ? { next } : {}),
      },
      actions: [{ label: 'Export BibTeX', command: '/papers list export:bibtex' }],
      ephemeral: true,
    };
  },
});

/** A saved paper the catalog no longer has (a live source dropped it) still shows, by its id. */
function paperOrStub(services: Pick<Services, 'search'>, id: string): Paper {
  return (
    services.search.get(id) ?? {
      id,
      title: id,
      abstract: '',
      authors: [],
      categories: [],
      keywords: [],
      links: /^\d{4}\.\d{4,5}$/.test(id) ? { abs: `https://arxiv.org/abs/${id}` } : {},
      trending: {},
      source: 'json',
    }
  );
}

function savedCard(services: Pick<Services, 'search'>, saved: SavedPaper): PaperCard {
  const who = `Saved by ${saved.savedBy} on ${formatDay(saved.savedAt)}`;
  const zotero = saved.zoteroError && !saved.zoteroItem ? ` · not in Zotero yet (${saved.zoteroError})` : '';
  return paperCard(paperOrStub(services, saved.paperId), undefined, { reason: `${who}${zotero}` });
}

async function remove(services: Services, channel: ChannelKey, text: string): Promise<View> {
  // An id straight from the list (its button, or a paper the catalog dropped) needs no search.
  const direct = unquote(text);
  let id = (await services.store.getSaved(channel, direct)) ? direct : undefined;
  if (!id) {
    const found = findPaper(services, text, (paperId) => `/papers list remove:${paperId}`);
    if ('view' in found) return found.view;
    id = found.paper.id;
  }
  const title = truncate(services.search.get(id)?.title ?? id, 120);
  const removed = await services.store.removeSaved(channel, id);
  return {
    kind: 'notice',
    title: removed ? 'Removed from the reading list' : 'Not on the reading list',
    text: removed
      ? `“${title}” is off this channel’s reading list.`
      : `“${title}” is not on this channel’s reading list.`,
    actions: [{ label: 'Reading list', command: '/papers list' }],
    ephemeral: true,
  };
}

async function exportBibtex(services: Services, channel: ChannelKey): Promise<View> {
  const total = await services.store.countSaved(channel);
  if (total === 0) {
    return {
      kind: 'notice',
      title: 'Nothing to export',
      text: 'Nothing is saved in this channel yet. Save a paper with /papers save <paper>.',
      ephemeral: true,
    };
  }
  const saved = await services.store.listSaved(channel, { limit: MAX_EXPORT });
  const papers = saved.map((s) => paperOrStub(services, s.paperId));
  const bibtex = bibtexFile(papers);
  const cut = total > saved.length ? ` The newest ${saved.length} of ${total} are exported.` : '';
  return {
    kind: 'notice',
    title: 'Reading list as BibTeX',
    text: `${plural(papers.length, 'entry', 'entries')} in reading-list.bib.${cut}`,
    files: [
      {
        name: 'reading-list.bib',
        contentType: 'application/x-bibtex',
        data: new TextEncoder().encode(bibtex),
        alt: `BibTeX of the ${plural(papers.length, 'paper')} saved in this channel`,
        fallback: bibtexFallback(bibtex),
      },
    ],
    ephemeral: true,
  };
}

/**
 * As many whole entries as fit in one message, saying how many were left out. Plain text: each platform puts a
 * file's fallback in its own code block. The note is a `%` line, which BibTeX skips, so the text still parses.
 */
function bibtexFallback(bibtex: string): string {
  const entries = bibtex.trim().split(/\n\n(?=@)/);
  const kept: string[] = [];
  let length = 0;
  for (const entry of entries) {
    if (length + entry.length + 2 > FALLBACK_CHARS) break;
    kept.push(entry);
    length += entry.length + 2;
  }
  const left = entries.length - kept.length;
  const note =
    left > 0
      ? `% ${plural(left, 'more entry', 'more entries')} did not fit here; the file has them all.`
      : '';
  return [kept.join('\n\n'), note].filter(Boolean).join('\n\n');
}
