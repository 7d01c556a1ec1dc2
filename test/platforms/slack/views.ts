// Sample views for the Slack tests: paper cards with hostile text, a search page, notices and errors.
import { cardActions } from '../../../commands/lib/actions.js';
import type { PaperCard, View } from '../../../src/views/types.js';

/** A card as search and digest commands build it: with the shared buttons (Summarize, More like this, Save). */
function withActions(c: PaperCard): PaperCard {
  return { ...c, actions: cardActions(c) };
}

export function card(i: number, extra: Partial<PaperCard> = {}): PaperCard {
  return {
    id: `2505.${String(10000 + i)}`,
    title: `Diffusion Models for Protein Design ${i}`,
    url: `https://arxiv.org/abs/2505.${String(10000 + i)}`,
    tldr: 'A diffusion model that designs proteins which fold as intended.',
    keyPoints: ['Beats the baseline by 12%', 'Open weights'],
    authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra'],
    links: {
      abs: `https://arxiv.org/abs/2505.${String(10000 + i)}`,
      pdf: `https://arxiv.org/pdf/2505.${String(10000 + i)}`,
      code: 'https://github.com/example/protein-diffusion',
    },
    reason: 'matches: diffusion',
    source: 'hf',
    date: '2025-05-20',
    upvotes: 42,
    ...extra,
  };
}

export const hostileCard = card(1, {
  title: 'Attention <!channel> & <@U123|boss> is all you need',
  tldr: 'We show <!here> that a <https://evil.example|link> & friends stay text.',
  keyPoints: ['Point with <!everyone>'],
  authors: ['<!subteam^S123>'],
});

export const views: Record<string, View> = {
  paper: {
    kind: 'paper',
    card: card(1),
    actions: [{ label: 'More like this', command: '/papers search Diffusion Models Protein Design' }],
    ephemeral: true,
  },
  'search-page': {
    kind: 'list',
    title: 'Papers matching “diffusion”',
    cards: [card(1), card(2)].map(withActions),
    page: {
      page: 2,
      pages: 3,
      total: 6,
      prev: { label: 'Previous', command: '/papers search diffusion page:1' },
      next: { label: 'Next', command: '/papers search diffusion page:3' },
    },
    ephemeral: true,
  },
  'digest-preview': {
    kind: 'list',
    title: 'Digest preview: diffusion',
    intro: 'Diffusion keeps winning this week.',
    cards: [card(1), card(2), card(3)].map(withActions),
    actions: [{ label: 'Share to channel', command: '/papers digest share:yes', style: 'primary' }],
    ephemeral: true,
  },
  notice: {
    kind: 'notice',
    title: 'Settings for this channel',
    text: 'Daily digest at 09:00 Europe/Paris.',
    fields: [
      { name: 'Topics', value: 'diffusion; rl' },
      { name: 'Count', value: '5' },
    ],
    actions: [{ label: 'Pause', command: '/papers settings paused:yes' }],
    ephemeral: true,
  },
  error: {
    kind: 'error',
    text: 'Missing query: what to look for.',
    hint: 'Usage: /papers search <query>',
    ephemeral: true,
  },
};
