// /papers search <query> [limit] [page]: ranked papers with a TL;DR, links, matched terms and paging.
import { defineCommand, option } from '../src/app/command.js';
import { usageError } from '../src/app/dispatch.js';
import { formatCommandLine } from '../src/app/line/format.js';
import type { Services } from '../src/app/types.js';
import { hiddenPapers } from '../src/feedback/votes.js';
import type { SearchOutcome } from '../src/search/types.js';
import type { Summary } from '../src/summarize/types.js';
import { plural, truncate } from '../src/views/format.js';
import { paperCard } from '../src/views/paper-card.js';
import type { Action } from '../src/views/types.js';
import { cardActions } from './lib/actions.js';
import { tldrExtras } from './lib/tldr-sources.js';

export const SEARCH_PAGE_SIZE = 5;
const MAX_PAGE = 50;

const searchMeta = {
  name: 'search',
  description: 'Find papers by topic, title words, author or arXiv id',
  usage: '/papers search <query> [limit:1-10] [page:N] [share:yes]',
  examples: [
    '/papers search diffusion models',
    '/papers search "reward hacking" limit:3',
    '/papers search offline rl page:2',
  ],
  options: {
    query: option.string('What to look for: words, "exact phrases", an arXiv id or URL', {
      required: true,
      positional: 'rest',
    }),
    limit: option.integer('Papers per page (default 5)', { min: 1, max: 10 }),
    page: option.integer('Which page of results', { min: 1, max: MAX_PAGE }),
    share: option.boolean('Post the results to the channel instead of only to you'),
    exclude: option.string('A paper id to leave out ("More like this" leaves out the paper itself)'),
  },
};

export const search = defineCommand({
  ...searchMeta,
  slow: true,
  async run(input, ctx, services) {
    const limit = input.limit ?? SEARCH_PAGE_SIZE;
    const page = input.page ?? 1;
    // Papers the channel voted "not for this channel" stay out of its results, as they stay out of its digests.
    const hidden = hiddenPapers(await services.store.listVotes(ctx.channel));
    const left = new Set(hidden);
    const exclude = input.exclude?.trim();
    if (exclude) left.add(exclude);
    const outcome = searchWithout(services, input.query, left, limit, (page - 1) * limit);
    if (!outcome.ok) return usageError(searchMeta, outcome.message);

    const shown = `“${truncate(input.query, 60)}”`;
    const lineFor = (p: number) =>
      formatCommandLine(searchMeta, {
        query: input.query,
        limit: input.limit,
        page: p > 1 ? p : undefined,
        share: input.share ? true : undefined,
        exclude: input.exclude,
      });
    const pages = Math.max(1, Math.ceil(outcome.total / limit));
    if (outcome.total === 0) {
      return {
        kind: 'notice',
        title: `No papers match ${shown}`,
        text: noMatchSentence(outcome.notice),
        ephemeral: true,
      };
    }
    if (outcome.hits.length === 0) {
      return {
        kind: 'notice',
        title: `No page ${page} for ${shown}`,
        text: `There ${outcome.total === 1 ? 'is' : 'are'} ${plural(outcome.total, 'paper')} on ${plural(pages, 'page')}.`,
        actions: [{ label: 'Last page', command: lineFor(pages) }],
        ephemeral: true,
      };
    }

    const summaries = await Promise.all(
      outcome.hits.map((hit) =>
        services.summarizer.summarize(hit.paper).catch((error: unknown): Summary | undefined => {
          services.logger.warn({ err: error, paper: hit.paper.id }, 'summary failed; showing the abstract');
          return undefined;
        }),
      ),
    );
    const cards = outcome.hits
      .map((hit, i) =>
        paperCard(hit.paper, summaries[i], {
          matched: hit.matched,
          ...(hit.matched.length > 0 ? { reason: `matches: ${hit.matched.join(', ')}` } : {}),
          ...tldrExtras(services),
        }),
      )
      // Each card's buttons: Summarize, More like this, Save, as every platform shows them.
      .map((card) => ({ ...card, actions: cardActions(card) }));
    const prev: Action | undefined = page > 1 ? { label: 'Previous', command: lineFor(page - 1) } : undefined;
    const next: Action | undefined =
      page < pages && page < MAX_PAGE
        ? { label: 'Next', command: lineFor(page + 1), style: 'primary' }
        : undefined;
    return {
      kind: 'list',
      title: `Papers for ${shown}`,
      ...(outcome.notice ? { intro: outcome.notice } : {}),
      cards,
      page: {
        page,
        pages,
        total: outcome.total,
        first: (page - 1) * limit + 1,
        ...(prev ? { prev } : {}),
        ...(next ? { next } : {}),
      },
      // Results answer the person who asked; a channel sees them only when someone chooses to share them.
      ...(input.share
        ? {}
        : {
            actions: [
              {
                label: 'Share to channel',
                command: formatCommandLine(searchMeta, {
                  query: input.query,
                  limit: input.limit,
                  page: page > 1 ? page : undefined,
                  share: true,
                  exclude: input.exclude,
                }),
                share: true,
              },
            ],
          }),
      ephemeral: !input.share,
    };
  },
});

/**
 * A page of results without one paper. The engine cannot leave out an id, so the ranks up to the page's end are
 * fetched and the paper dropped before slicing: later pages then line up with the earlier ones.
 */
/**
 * Search results without some papers (the one "More like this" started from, those voted off the channel): asks
 * for enough extra hits to fill the page. The total leaves out those found; one ranked further down still counts.
 */
function searchWithout(
  services: Pick<Services, 'search'>,
  query: string,
  left: ReadonlySet<string>,
  limit: number,
  offset: number,
): SearchOutcome {
  if (left.size === 0) return services.search.search(query, { limit, offset });
  const outcome = services.search.search(query, { limit: offset + limit + left.size, offset: 0 });
  if (!outcome.ok) return outcome;
  const kept = outcome.hits.filter((hit) => !left.has(hit.paper.id));
  return {
    ...outcome,
    hits: kept.slice(offset, offset + limit),
    total: Math.max(0, outcome.total - (outcome.hits.length - kept.length)),
  };
}

/**
 * One sentence under "No papers match …": the engine's reason (its notice repeats the title, so that part goes)
 * and what to try.
 */
function noMatchSentence(notice: string | undefined): string {
  const parts = (notice ?? '').split('; ').filter(Boolean);
  const why = parts[0]?.match(/^no papers match [^:]*: (.+)$/)?.[1];
  const filters = parts.some((p) => p.endsWith('with these filters'));
  const others = parts.filter((p) => !p.startsWith('no papers match'));
  const advice = `try fewer or broader words${filters ? ' or filters' : ''}, or check the spelling`;
  const lead = why
    ? `${why.charAt(0).toUpperCase()}${why.slice(1)}: ${advice}`
    : advice.charAt(0).toUpperCase() + advice.slice(1);
  return `${lead}${others.length > 0 ? ` (${others.join('; ')})` : ''}.`;
}
