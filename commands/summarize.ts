// /papers summarize <paper>: one paper by id, URL or title words — TL;DR, key points, authors and links.
import { defineCommand } from '../src/app/command.js';
import { paperCard } from '../src/views/paper-card.js';
import { moreLikeThisAction, nominateAction, saveAction, voteActions } from './lib/actions.js';
import { findPaper, paperOption } from './lib/paper-ref.js';
import { tldrExtras } from './lib/tldr-sources.js';

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
    paper: paperOption(),
  },
  async run(input, _ctx, services) {
    const found = findPaper(services, input.paper, (id) => `/papers summarize ${id}`);
    if ('view' in found) return found.view;
    const { paper } = found;
    const summary = await services.summarizer.summarize(paper).catch((error: unknown) => {
      services.logger.warn({ err: error, paper: paper.id }, 'summary failed; showing the abstract');
      return undefined;
    });
    const card = paperCard(paper, summary, tldrExtras(services));
    return {
      kind: 'paper',
      card,
      actions: [moreLikeThisAction(card), saveAction(card), ...voteActions(card), nominateAction(card)],
    };
  },
});
