import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeId } from '../../../src/platforms/discord/custom-id.js';
import { renderView } from '../../../src/platforms/discord/render.js';
import type { PaperCard, View } from '../../../src/views/types.js';
import { limitBreaches } from './limits-check.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/discord');

/** Compares with test/fixtures/discord/NAME.json; UPDATE_GOLDEN=1 (or a missing file) writes it. */
function golden(name: string, value: unknown) {
  const file = join(FIXTURES, `${name}.json`);
  const text = `${JSON.stringify(value, null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    mkdirSync(FIXTURES, { recursive: true });
    writeFileSync(file, text);
  }
  expect(text).toBe(readFileSync(file, 'utf8'));
}

function card(n: number, extra: Partial<PaperCard> = {}): PaperCard {
  const id = `2505.0000${n}`;
  return {
    id,
    title: `Paper number ${n}: diffusion for *everything*`,
    url: `https://arxiv.org/abs/${id}`,
    tldr: `We show that diffusion ${n} works.`,
    keyPoints: ['Problem: slow sampling.', 'Method: fewer steps.', 'Result: 2× faster.'],
    authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra', 'Barbara Liskov'],
    links: {
      abs: `https://arxiv.org/abs/${id}`,
      pdf: `https://arxiv.org/pdf/${id}`,
      hf: `https://huggingface.co/papers/${id}`,
      code: 'https://github.com/example/repo',
    },
    reason: 'matches: diffusion',
    source: 'hf',
    date: '2025-05-02',
    upvotes: 42,
    ...extra,
  };
}

describe('renderView golden payloads', () => {
  it('renders a paper as an embed with link buttons and its actions', () => {
    const view: View = {
      kind: 'paper',
      card: card(1),
      actions: [{ label: 'More like this', command: '/papers search diffusion everything' }],
    };
    const out = renderView(view);
    golden('paper', out);
    const m = out.messages[0]!;
    expect(m.embeds[0]?.url).toBe('https://arxiv.org/abs/2505.00001');
    expect(m.components[0]?.components.map((c) => ('label' in c ? c.label : ''))).toEqual([
      'Abstract',
      'PDF',
      'Code',
      'Hugging Face',
    ]);
  });

  it('renders a digest list with one Summarize + links row per paper', () => {
    const view: View = {
      kind: 'list',
      title: 'Your papers for Friday 2 May',
      intro: 'Three new papers on diffusion.',
      cards: [card(1), card(2), card(3, { links: { abs: 'https://arxiv.org/abs/2505.00003' } })],
    };
    const out = renderView(view);
    golden('digest-list', out);
    expect(out.messages).toHaveLength(1);
    const rows = out.messages[0]!.components;
    expect(rows).toHaveLength(3);
    const summarize = rows[1]!.components[0]!;
    expect('label' in summarize && summarize.label).toBe('Summarize #2');
    expect('custom_id' in summarize && decodeId(summarize.custom_id)).toEqual({
      mode: 'e',
      line: '/papers summarize 2505.00002',
    });
  });

  it('does not repeat in a search page’s inline links a code link a key point shows', () => {
    const shown = card(1, { keyPoints: ['Method: fewer steps.', 'Code: https://github.com/example/repo'] });
    const page = { page: 1, pages: 2, total: 4, next: { label: 'Next', command: '/papers search x page:2' } };
    const out = renderView({ kind: 'list', title: 'Papers matching “x”', cards: [shown, card(2)], page });
    const [first, second] = out.messages[0]!.embeds.map((e) => e.description ?? '');
    expect(first?.match(/github\.com\/example\/repo/g)).toHaveLength(1);
    expect(first).not.toContain('[Code]');
    expect(second).toContain('[Code](https://github.com/example/repo)');
  });

  it('renders a paged search as one message with a summarize menu and Previous/Next', () => {
    const view: View = {
      kind: 'list',
      title: 'Papers matching “diffusion”',
      cards: [card(4), card(5)],
      page: {
        page: 2,
        pages: 3,
        total: 12,
        prev: { label: 'Previous', command: '/papers search diffusion' },
        next: { label: 'Next', command: '/papers search diffusion page:3' },
      },
    };
    const out = renderView(view);
    golden('search-page', out);
    const rows = out.messages[0]!.components;
    const paging = rows[1]!.components.map((c) => ('custom_id' in c ? decodeId(c.custom_id) : null));
    expect(paging).toEqual([
      { mode: 'u', line: '/papers search diffusion' },
      null,
      { mode: 'u', line: '/papers search diffusion page:3' },
    ]);
  });

  it('renders settings as an ephemeral notice with fields', () => {
    const view: View = {
      kind: 'notice',
      title: 'Settings for #papers',
      text: 'Daily digest at 09:00 Europe/Berlin.',
      fields: [
        { name: 'Topics', value: 'diffusion; reward hacking' },
        { name: 'Exclude', value: '' },
        { name: 'Days', value: 'mon–fri' },
      ],
      ephemeral: true,
    };
    const out = renderView(view);
    golden('settings-notice', out);
    expect(out.messages[0]!.flags).toBe(64);
    expect(out.messages[0]!.embeds[0]!.fields?.[1]?.value).toBe('—');
  });

  it('renders a short notice as plain text', () => {
    const out = renderView({ kind: 'notice', text: 'Subscribed: daily at 09:00 UTC.' });
    golden('plain-notice', out);
    expect(out.messages[0]!.embeds).toEqual([]);
    expect(out.ephemeral).toBe(false);
  });

  it('renders errors ephemerally with the hint below', () => {
    const out = renderView({ kind: 'error', text: 'Missing query.', hint: 'Usage: /papers search <query>' });
    golden('error', out);
    expect(out.messages[0]!.flags).toBe(64);
    expect(out.messages[0]!.content).toBe('⚠️ Missing query.\n-# Usage: /papers search <query>');
  });
});

describe('renderView safety', () => {
  it('keeps @everyone and user mentions in paper text inert', () => {
    const hostile = card(1, {
      title: '@everyone look <@123456789012345678> and <@&987654321098765432>',
      tldr: '@here is a ping',
      reason: 'matches: @everyone',
    });
    const views: View[] = [
      { kind: 'paper', card: hostile },
      { kind: 'list', title: '@everyone digest', cards: [hostile] },
      { kind: 'notice', text: 'hi @everyone <@123456789012345678>' },
      { kind: 'error', text: '@here broke' },
    ];
    for (const view of views) {
      for (const m of renderView(view).messages) {
        expect(m.allowed_mentions).toEqual({ parse: [] });
        const text = JSON.stringify(m);
        expect(text).not.toMatch(/@(everyone|here)/);
        expect(text).not.toMatch(/<@&?\d+>/);
      }
    }
  });

  it('lists authors briefly, whoever shortened the list', () => {
    const authors = (list: string[]) =>
      renderView({ kind: 'paper', card: card(1, { authors: list }) }).messages[0]!.embeds[0]!.fields?.[0]
        ?.value;
    expect(authors(['A', 'B', 'C', 'et al.'])).toBe('A, B, C et al.');
    expect(authors(['A', 'B', 'C', 'D', 'E', 'F'])).toBe('A, B, C et al. (6 authors)');
    expect(authors(['A', 'B'])).toBe('A, B');
  });

  it('escapes markdown in paper titles', () => {
    const out = renderView({ kind: 'paper', card: card(1, { title: 'Q*: __bold__ `code`' }) });
    expect(out.messages[0]!.embeds[0]!.title).toBe('Q\\*: \\_\\_bold\\_\\_ \\`code\\`');
  });

  it('keeps custom_ids within 100 characters by stashing long command lines', () => {
    const query = 'a very long query '.repeat(10).trim();
    const out = renderView({
      kind: 'notice',
      text: 'more',
      actions: [{ label: 'Search', command: `/papers search ${query}` }],
    });
    const button = out.messages[0]!.components[0]!.components[0]!;
    const id = 'custom_id' in button ? button.custom_id : '';
    expect(id.length).toBeLessThanOrEqual(100);
    const decoded = decodeId(id);
    expect(decoded && 'stashKey' in decoded).toBe(true);
    expect(Object.values(out.stash)).toEqual([`search ${query}`]);
  });

  it('shows a masked link a member typed as text in list headers, notices and errors', () => {
    const evil = '[free papers](https://evil.example)';
    const list = renderView({
      kind: 'list',
      title: `Papers for ${evil}`,
      intro: `About ${evil}`,
      cards: [card(1)],
    });
    const notice = renderView({
      kind: 'notice',
      title: `Subscribed to ${evil}`,
      text: `Topics: ${evil}\n# heading`,
      fields: [{ name: 'Topics', value: evil }],
    });
    const error = renderView({ kind: 'error', text: `No papers match ${evil}`, hint: `Try ${evil}` });
    const shown = JSON.stringify([list.messages, notice.messages, error.messages]);
    expect(shown).not.toMatch(/(?<!\\\\)\[free papers(?<!\\\\)\]\(/);
    expect(list.messages[0]!.content).toContain('\\[free papers\\](https://evil.example)');
    expect(notice.messages[0]!.embeds[0]!.description).toContain('\n\\# heading');
    expect(error.messages[0]!.content).toContain('-# Try \\[free papers\\]');
  });

  it('puts normalised URLs on link buttons: a newline inside a code link is dropped, not sent', () => {
    const out = renderView({
      kind: 'paper',
      card: card(1, { links: { code: 'https://github.com/owner/\nrepo', project: ' https://ok.org/a b ' } }),
    });
    const urls = out.messages[0]!.components[0]!.components.map((c) => ('url' in c ? c.url : ''));
    expect(urls).toEqual(['https://github.com/owner/repo', 'https://ok.org/a%20b']);
  });

  it('drops link buttons whose URL Discord would refuse', () => {
    const out = renderView({
      kind: 'paper',
      card: card(1, {
        links: {
          abs: 'javascript:alert(1)',
          pdf: `https://x.org/${'a'.repeat(600)}`,
          code: 'https://ok.org',
        },
      }),
    });
    const labels = out.messages[0]!.components[0]!.components.map((c) => ('label' in c ? c.label : ''));
    expect(labels).toEqual(['Code']);
  });
});

const longText = (min: number, max: number) =>
  fc.string({ minLength: min, maxLength: max, unit: 'grapheme' });

const cardArb: fc.Arbitrary<PaperCard> = fc.record({
  id: fc.stringMatching(/^[a-z0-9.-]{1,120}$/),
  title: longText(1, 600),
  tldr: longText(0, 5000),
  keyPoints: fc.array(longText(1, 800), { maxLength: 8 }),
  authors: fc.array(longText(1, 80), { maxLength: 60 }),
  links: fc.record(
    { abs: fc.webUrl(), pdf: fc.webUrl(), hf: fc.webUrl(), code: fc.webUrl(), project: fc.webUrl() },
    { requiredKeys: [] },
  ),
  reason: fc.option(longText(1, 2000), { nil: undefined }),
  source: fc.constantFrom('hf', 'seed', 'arxiv'),
  date: fc.option(fc.constant('2025-05-02'), { nil: undefined }),
});

describe('renderView limits (property)', () => {
  it('splits any digest into messages that each fit every Discord limit, losing no paper', () => {
    fc.assert(
      fc.property(
        fc.array(cardArb, { minLength: 1, maxLength: 30 }),
        longText(0, 3000),
        fc.boolean(),
        (cards, intro, paged) => {
          const view: View = {
            kind: 'list',
            title: 'Digest',
            intro,
            cards,
            ...(paged
              ? {
                  page: {
                    page: 1,
                    pages: 2,
                    total: 40,
                    next: { label: 'Next', command: '/papers search x page:2' },
                  },
                }
              : {}),
          };
          const out = renderView(view);
          for (const m of out.messages) expect(limitBreaches(m)).toEqual([]);
          const embeds = out.messages.reduce((n, m) => n + m.embeds.length, 0);
          const unique = new Set(cards.map((c) => c.id)).size;
          expect(embeds).toBe(paged ? Math.min(unique, 10) : unique);
          if (paged) expect(out.messages).toHaveLength(1);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('fits a long digest of long papers into several valid messages', () => {
    const cards = Array.from({ length: 10 }, (_, i) =>
      card(i, { tldr: 'x'.repeat(3000), keyPoints: ['y'.repeat(900), 'z'.repeat(900)] }),
    );
    const out = renderView({ kind: 'list', title: 'Big digest', cards });
    expect(out.messages.length).toBeGreaterThan(1);
    for (const m of out.messages) expect(limitBreaches(m)).toEqual([]);
    expect(out.messages.flatMap((m) => m.embeds).map((e) => e.footer?.text)).toEqual(
      cards.map((c) => `arXiv:${c.id}`),
    );
  });

  it('splits a notice with many fields across embeds and messages', () => {
    const fields = Array.from({ length: 300 }, (_, i) => ({ name: `f${i}`, value: 'v'.repeat(100) }));
    const out = renderView({ kind: 'notice', title: 'Status', text: 'All channels', fields });
    for (const m of out.messages) expect(limitBreaches(m)).toEqual([]);
    expect(out.messages.flatMap((m) => m.embeds).flatMap((e) => e.fields ?? [])).toHaveLength(300);
  });
});
