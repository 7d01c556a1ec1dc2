// Cards from recorded Hugging Face and arXiv answers, on every platform: pictures, links, signals, Hub, TL;DR label.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cardActions } from '../../commands/lib/actions.js';
import type { Paper } from '../../src/catalog/paper.js';
import { buildDigestView } from '../../src/digest/view.js';
import { renderView as renderConsole } from '../../src/platforms/console/render.js';
import { renderView as renderDiscord } from '../../src/platforms/discord/render.js';
import { renderView as renderSlack, withoutImages } from '../../src/platforms/slack/render.js';
import { parseArxivFeed } from '../../src/sources/arxiv.js';
import { HfDailyItemSchema, hfItemToPaper } from '../../src/sources/hf.js';
import { paperCard } from '../../src/views/paper-card.js';
import type { PaperCard, View } from '../../src/views/types.js';
import { real } from '../support/real.js';
import { limitBreaches } from './discord/limits-check.js';
import { limitProblems } from './slack/limits.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures');

/** Compares with test/fixtures/<platform>/NAME.json; UPDATE_GOLDEN=1 (or a missing file) writes it. */
function golden(platform: 'discord' | 'slack', name: string, value: unknown) {
  const file = join(FIXTURES, platform, `${name}.json`);
  const text = `${JSON.stringify(value, null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  expect(text).toBe(readFileSync(file, 'utf8'));
}

/** The recorded current-shape HF item (stars, organisation, thumbnail, ai_summary, one comment). */
const hfPaper: Paper = {
  ...hfItemToPaper(
    HfDailyItemSchema.parse(JSON.parse(real('hf/daily-papers-item-2602.23229-current-shape.json'))),
    undefined,
  ),
  // Edge case built here: the recording has no Hub artifacts for this paper.
  hub: {
    models: 3,
    datasets: 1,
    spaces: 2,
    top: { model: 'org/circle-7b', dataset: 'org/circle-bench', space: 'org/circle-demo' },
  },
};
const arxivFeed = parseArxivFeed(real('arxiv/query-del-maestro-checkerboard.xml'));
if ('error' in arxivFeed) throw new Error(arxivFeed.error);
/** A 2006 arXiv paper with a DOI and a journal reference, which Hugging Face has no page for. */
const arxivPaper = arxivFeed.papers[0] as Paper;

const builtin = {
  tldr: '',
  keyPoints: ['Method: CIRCLE pseudo-labels in-context examples.'],
  by: 'builtin' as const,
};
const rich: PaperCard = paperCard(hfPaper, builtin);
const plain: PaperCard = paperCard(arxivPaper, undefined);
/** A digest's cards carry the shared buttons (Summarize, More like this, Save), as the commands and runner set them. */
const withActions = (c: PaperCard): PaperCard => ({ ...c, actions: cardActions(c) });

describe('a rich card on Discord', () => {
  it('shows a single paper’s picture at full width, its signals, the Hub and who wrote the TL;DR', () => {
    const out = renderDiscord({ kind: 'paper', card: rich });
    golden('discord', 'rich-paper', out);
    const [embed] = out.messages[0]!.embeds;
    expect(embed?.image?.url).toBe(
      'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2602.23229.png',
    );
    expect(embed?.thumbnail).toBeUndefined();
    expect(embed?.footer?.text).toBe('arXiv:2602.23229 · TL;DR by Hugging Face');
    expect(embed?.fields?.find((f) => f.name === 'Source')?.value).toBe(
      'Hugging Face daily papers · 6 Mar 2026 · ▲ 10 · 💬 1 · ★ 9 · Multimedia and Human Understanding Group',
    );
    expect(embed?.fields?.find((f) => f.name === 'On the Hub')?.value).toBe(
      '[3 models](https://huggingface.co/org/circle-7b) · [1 dataset](https://huggingface.co/datasets/org/circle-bench) · [2 Spaces](https://huggingface.co/spaces/org/circle-demo)',
    );
    const labels = out.messages[0]!.components.flatMap((r) =>
      r.components.map((c) => ('label' in c ? c.label : '')),
    );
    expect(labels).toEqual(['Abstract', 'PDF', 'Code ★ 9', 'Hugging Face', 'Project']);
    expect(limitBreaches(out.messages[0])).toEqual([]);
  });

  it('puts thumbnails in the corner of digest cards, the DOI among the links, Save among the buttons', () => {
    const out = renderDiscord({ kind: 'list', title: 'Paper digest', cards: [rich, plain].map(withActions) });
    golden('discord', 'rich-digest', out);
    const [a, b] = out.messages[0]!.embeds;
    expect(a?.thumbnail?.url).toBe(rich.thumbnail);
    expect(b?.thumbnail).toBeUndefined();
    expect(b?.fields?.find((f) => f.name === 'Source')?.value).toContain('Phys. Rev. B 74, 024520 (2006)');
    // The card's own buttons fill its row, so its links go in the embed.
    expect(b?.description).toContain('(https://doi.org/10.1103/PhysRevB.74.024520)');
    // One row a card, its first five actions: a digest stays one message; Nominate is under the summary.
    const labels = (i: number) =>
      out.messages[0]!.components[i]!.components.map((c) => ('label' in c ? c.label : undefined));
    expect(out.messages).toHaveLength(1);
    expect(out.messages[0]!.components).toHaveLength(2);
    expect(labels(1)).toEqual(['Summarize #2', 'More like this #2', 'Save #2', '👍 #2', '👎 #2']);
    for (const m of out.messages) expect(limitBreaches(m)).toEqual([]);
  });
});

describe('a rich card on Slack', () => {
  it('shows a single paper’s picture as an image block with alt text', () => {
    const [message] = renderSlack({ kind: 'paper', card: rich });
    golden('slack', 'rich-paper', message);
    const image = message!.blocks.find((b) => b.type === 'image');
    expect(image).toMatchObject({
      image_url: rich.thumbnail,
      alt_text: 'Figure from “Large Multimodal Models as General In-Context Classifiers”',
    });
    expect(limitProblems(message!)).toEqual([]);
  });

  it('puts digest thumbnails beside the text, and lists code with stars, HF, project and DOI buttons', () => {
    const [message] = renderSlack({
      kind: 'list',
      title: 'Paper digest',
      cards: [rich, plain].map(withActions),
    });
    golden('slack', 'rich-digest', message);
    const sections = message!.blocks.filter((b) => b.type === 'section');
    expect(sections[0]).toMatchObject({ accessory: { type: 'image', image_url: rich.thumbnail } });
    expect(sections[1]).not.toHaveProperty('accessory');
    const text = JSON.stringify(message!.blocks);
    expect(text).toContain('Code ★ 9');
    expect(text).toContain('https://doi.org/10.1103/PhysRevB.74.024520');
    expect(text).toContain('<https://huggingface.co/org/circle-7b|3 models>');
    expect(text).toContain('_TL;DR by Hugging Face_');
    expect(limitProblems(message!)).toEqual([]);
    // What delivery posts when Slack cannot fetch the picture: the same card, without it.
    const bare = withoutImages(message!);
    expect(JSON.stringify(bare.blocks)).not.toContain('image_url');
    expect(bare.blocks).toHaveLength(message!.blocks.length);
  });
});

describe('a rich card on the console', () => {
  it('shows the picture’s URL, the Hub line and the TL;DR label', () => {
    const text = renderConsole({ kind: 'paper', card: rich }, { width: 100 });
    expect(text).toContain(
      'Image         https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2602.23229.png',
    );
    expect(text).toContain('Code ★ 9');
    expect(text).toContain('On the Hub  3 models · 1 dataset · 2 Spaces');
    expect(text).toContain('TL;DR by Hugging Face');
  });
});

describe('a digest with images:off', () => {
  const picks = [
    { paper: hfPaper, score: 1, reason: 'matches: classification', matchedTopics: ['classification'] },
  ];

  it('carries no thumbnails, and keeps them when images are on', () => {
    const on = buildDigestView(
      picks,
      new Map(),
      { topics: ['classification'], whenEmpty: 'notice' },
      '2026-03-06',
    );
    const off = buildDigestView(
      picks,
      new Map(),
      { topics: ['classification'], whenEmpty: 'notice', images: false },
      '2026-03-06',
    ) as Extract<View, { kind: 'list' }>;
    expect((on as Extract<View, { kind: 'list' }>).cards[0]?.thumbnail).toBe(rich.thumbnail);
    expect(off.cards[0]?.thumbnail).toBeUndefined();
    expect(JSON.stringify(renderSlack(off))).not.toContain('image_url');
    expect(renderDiscord(off).messages[0]!.embeds[0]?.thumbnail).toBeUndefined();
    // The rest of the card is the shared one: signals and the Hub line stay.
    expect(off.cards[0]).toMatchObject({ stars: 9, comments: 1, hub: { models: 3 } });
  });
});
