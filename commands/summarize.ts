// /papers summarize <paper>: one paper by id, URL or title words — TL;DR, key points, authors and links.
import { defineCommand, option } from '../src/app/command.js';
import type { Services } from '../src/app/types.js';
import { truncate } from '../src/views/format.js';
import { paperCard } from '../src/views/paper-card.js';
import { moreLikeThisAction, saveAction, voteActions } from './lib/actions.js';
import { tldrExtras } from './lib/tldr-sources.js';

/** Free text keeps its quotes for search; a paper reference does not need them. */
function unquote(text: string): string {
  return text.replace(/^\s*["“„«'‘](.*)["”“»'’]\s*$/s, '$1').trim();
}

export const summarize = defineCommand({
  name: 'summarize',
  description: 'TL;DR, key points, authors and links of one paper',
  usage: '/papers summarize <arXiv id, URL or title words>',
  examples: [
    '/papers summarize stop regressing value functions',
    '/papers summarize grokking at the edge of numerical stability',
  ],
  slow: true,
  options: {
    paper: option.string('arXiv id, link, or words from the title', {
      required: true,
      positional: 'rest',
      autocomplete: true,
    }),
  },
  async run(input, _ctx, services) {
    const reference = unquote(input.paper);
    const paper = services.search.resolve(reference);
    if (!paper) {
      const outcome = services.search.search(reference, { limit: 3 });
      const closest = outcome.ok ? outcome.hits : [];
      const hint =
        closest.length > 0
          ? `Closest titles:\n${closest.map((h) => `• ${truncate(h.paper.title, 90)} — /papers summarize ${h.paper.id}`).join('\n')}`
          : 'Try a few words of the title, an arXiv id (like 2501.04697) or an arXiv or Hugging Face link.';
      return {
        kind: 'error',
        text: `I could not find a paper matching “${truncate(reference, 80)}”.`,
        hint,
        ephemeral: true,
      };
    }
    const summary = await services.summarizer.summarize(paper).catch((error: unknown) => {
      services.logger.warn({ err: error, paper: paper.id }, 'summary failed; showing the abstract');
      return undefined;
    });
    const card = paperCard(paper, summary, tldrExtras(services));
    return {
      kind: 'paper',
      card,
      actions: [moreLikeThisAction(card), saveAction(card), ...voteActions(card)],
    };
  },
});

/** Discord autocomplete for the paper option: up to 25 titles matching what was typed so far. */
export function paperChoices(services: Pick<Services, 'search'>, typed: string, limit = 25) {
  const text = typed.trim();
  const hits = text.length === 0 ? [] : services.search.suggest(text, limit);
  const papers = hits.length > 0 ? hits.map((h) => h.paper) : [...topPapers(services, limit)];
  return papers.slice(0, limit).map((paper) => ({
    // Discord caps choice names and values at 100 characters.
    name: truncate(paper.title, 100),
    value: paper.id.slice(0, 100),
  }));
}

/** The first papers by trending rank, for an empty autocomplete box. */
function* topPapers(services: Pick<Services, 'search'>, limit: number) {
  const ranked = [...services.search.all()].sort(
    (a, b) => (a.trending.rank ?? Number.MAX_SAFE_INTEGER) - (b.trending.rank ?? Number.MAX_SAFE_INTEGER),
  );
  yield* ranked.slice(0, limit);
}
