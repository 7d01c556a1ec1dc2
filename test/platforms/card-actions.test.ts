import { describe, expect, it } from 'vitest';
import { cardActions, summarizeAction } from '../../commands/lib/actions.js';
import { buildDigestView } from '../../src/digest/view.js';
import { renderView as renderDiscord } from '../../src/platforms/discord/render.js';
import { renderView as renderSlack } from '../../src/platforms/slack/render.js';
import type { Action, PaperCard, View } from '../../src/views/types.js';
import { paper } from '../support/paper.js';
import { limitBreaches } from './discord/limits-check.js';
import { limitProblems } from './slack/limits.js';
import { card } from './slack/views.js';

// Both renderers show the buttons a card comes with (the shared cardActions), rather than their own.

const withActions = (c: PaperCard): PaperCard => ({ ...c, actions: cardActions(c) });
const list = (cards: PaperCard[], extra: Partial<Extract<View, { kind: 'list' }>> = {}): View => ({
  kind: 'list',
  title: 'Papers',
  cards,
  ...extra,
});

function discordLabels(view: View): string[] {
  return renderDiscord(view).messages.flatMap((m) =>
    m.components.flatMap((row) => row.components.map((c) => ('label' in c ? (c.label ?? '') : ''))),
  );
}

function slackLabels(view: View): string[] {
  return renderSlack(view).flatMap((m) =>
    m.blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => JSON.stringify(e)) : [])),
  );
}

describe('card actions on every platform', () => {
  it('shows Save under every search or digest card on Discord, numbered like its embed', () => {
    const view = list([card(1), card(2)].map(withActions));
    expect(discordLabels(view)).toEqual([
      'Summarize #1',
      'More like this #1',
      'Save #1',
      '👍 #1',
      '👎 #1',
      'Summarize #2',
      'More like this #2',
      'Save #2',
      '👍 #2',
      '👎 #2',
    ]);
  });

  it('shows Save under every card on Slack, with the card’s links', () => {
    const [message] = renderSlack(list([card(1), card(2)].map(withActions)));
    const saves = JSON.stringify(message!.blocks).match(/"text":"Save"/g) ?? [];
    expect(saves).toHaveLength(2);
    expect(slackLabels(list([withActions(card(1))]))[0]).toContain('Abstract');
    expect(limitProblems(message as never)).toEqual([]);
  });

  it('offers each paper’s actions in the menu of a paged Discord list', () => {
    const page = {
      page: 1,
      pages: 2,
      total: 10,
      next: { label: 'Next', command: '/papers search x page:2' },
    };
    const out = renderDiscord(list([card(1), card(2)].map(withActions), { page }));
    const menu = out.messages[0]!.components[0]!.components[0]!;
    expect(menu.type).toBe(3);
    const options = 'options' in menu ? menu.options : [];
    expect(options.map((o) => o.description)).toEqual([
      'Summarize · 2505.10001',
      'More like this · 2505.10001',
      'Save · 2505.10001',
      '👍 · 2505.10001',
      '👎 · 2505.10001',
      'Nominate · 2505.10001',
      'Summarize · 2505.10002',
      'More like this · 2505.10002',
      'Save · 2505.10002',
      '👍 · 2505.10002',
      '👎 · 2505.10002',
      'Nominate · 2505.10002',
    ]);
  });

  it('shares the 25 menu options of a paged Discord list fairly: every paper keeps its first actions', () => {
    const page = {
      page: 1,
      pages: 2,
      total: 10,
      next: { label: 'Next', command: '/papers search x page:2' },
    };
    const cards = Array.from({ length: 5 }, (_, i) => withActions(card(i + 1)));
    const menu = renderDiscord(list(cards, { page })).messages[0]!.components[0]!.components[0]!;
    const options = 'options' in menu ? menu.options : [];
    expect(options).toHaveLength(25);
    expect(options.filter((o) => o.description?.startsWith('Summarize ·'))).toHaveLength(5);
    expect(options.at(-1)?.description).toBe('👎 · 2505.10005');
  });

  it('keeps a Discord list card to one row of five, and all six actions in one Slack actions block', () => {
    const view = list(Array.from({ length: 10 }, (_, i) => withActions(card(i + 1))));
    expect(cardActions(card(1))).toHaveLength(6);
    const out = renderDiscord(view);
    for (const m of out.messages) {
      expect(limitBreaches(m)).toEqual([]);
      expect(m.components.length).toBeLessThanOrEqual(5);
      for (const row of m.components) expect(row.components.length).toBeLessThanOrEqual(5);
    }
    expect(discordLabels(view)).toContain('👎 #10');
    // The sixth (Nominate) is under the paper's summary on Discord: five cards, five rows, one message.
    expect(discordLabels(view)).not.toContain('Nominate #10');
    expect(
      renderDiscord(list(Array.from({ length: 5 }, (_, i) => withActions(card(i + 1))))).messages,
    ).toHaveLength(1);
    // A card's rows never straddle two messages: its buttons sit under its own embed's message.
    for (const m of out.messages) {
      const numbers = new Set(m.embeds.map((e) => /^(\d+)\./.exec(e.title ?? '')?.[1]));
      for (const label of m.components.flatMap((r) => r.components.map((c) => ('label' in c ? c.label : ''))))
        expect(numbers.has(/#(\d+)$/.exec(label ?? '')?.[1])).toBe(true);
    }
    for (const m of renderSlack(view)) expect(limitProblems(m as never)).toEqual([]);
    expect(slackLabels(list([withActions(card(1))])).join()).toContain('Nominate');
  });

  it('gives scheduled digest cards the actions the composition root passes in', () => {
    const p = paper({ id: '2505.30001', title: 'Sparse attention at scale', published: '2025-05-10' });
    const picks = [{ paper: p, score: 1, reason: 'matches: attention', matchedTopics: ['attention'] }];
    const view = buildDigestView(
      picks,
      new Map(),
      { topics: ['attention'], whenEmpty: 'notice' },
      '2025-05-12',
      {
        cardActions,
      },
    );
    expect(view?.kind).toBe('list');
    const cards = view?.kind === 'list' ? view.cards : [];
    expect(cards[0]?.actions?.map((a) => a.command)).toContain('/papers save 2505.30001');
    expect(discordLabels(view!)).toContain('Save');
  });

  it('never gives two Discord buttons one custom_id when cards share an action', () => {
    const shared: Action = { label: 'Digest settings', command: '/papers settings' };
    const view = list([card(1), card(2)].map((c) => ({ ...c, actions: [summarizeAction(c), shared] })));
    for (const m of renderDiscord(view).messages) expect(limitBreaches(m)).toEqual([]);
    expect(discordLabels(view).filter((l) => l.startsWith('Digest settings'))).toEqual([
      'Digest settings #1',
    ]);
  });

  it('offers only Summarize for a card that came without actions', () => {
    expect(discordLabels(list([card(1), card(2)]))).toEqual([
      'Summarize #1',
      'Abstract',
      'PDF',
      'Code',
      'Summarize #2',
      'Abstract',
      'PDF',
      'Code',
    ]);
    expect(slackLabels(list([card(1)])).join()).not.toContain('More like this');
  });
});
