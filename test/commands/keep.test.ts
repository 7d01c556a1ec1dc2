import bibtexParse from 'bibtex-parse';
import { beforeEach, describe, expect, it } from 'vitest';
import type { KeepServices } from '../../src/keep/services.js';
import type { ZoteroClient } from '../../src/keep/zotero.js';
import { renderView } from '../../src/platforms/discord/render.js';
import { CHANNEL, type FakeWorld, fakeWorld, member } from '../app/fakes.js';
import { as, run } from './run.js';

/** No Zotero and no public URL: what a server without those settings has. */
const noZotero: ZoteroClient = {
  async createItem() {
    throw new Error('no Zotero in this test');
  },
};

function withKeep(world: FakeWorld, keep: KeepServices = { zotero: noZotero }): FakeWorld {
  world.services.keep = keep;
  return world;
}

const grace = { ...member(), user: { id: 'U3', name: 'grace', canManage: false } };

describe('/papers save', () => {
  let world: FakeWorld;
  beforeEach(async () => {
    world = withKeep(await fakeWorld());
  });

  it('saves a paper named by id, link or title words, for anyone, once', async () => {
    const first = as(await run(world, '/papers save https://arxiv.org/abs/2405.04233', member()), 'notice');
    expect(first.title).toBe('Saved');
    expect(first.text).toBe(
      'Saved “Derivative-Free Guidance in Continuous and Discrete Diffusion Models” to this channel’s reading list (1 paper).',
    );
    world.clock.set(new Date('2024-05-14T09:00:00Z'));
    const again = as(await run(world, '/papers save continuous discrete diffusion', grace), 'notice');
    expect(again.title).toBe('Already saved');
    expect(again.text).toMatch(/bob saved it on 13 May 2024\.$/);
    expect(await world.store.listSaved(CHANNEL)).toEqual([
      expect.objectContaining({ paperId: '2405.04233', savedBy: 'bob', savedAt: '2024-05-13T10:00:00.000Z' }),
    ]);
  });

  it('names the closest titles when no paper matches', async () => {
    const view = as(await run(world, '/papers save value functions regression nonsense'), 'error');
    expect(view.text).toMatch(/^I could not find a paper matching/);
    expect(await world.store.countSaved(CHANNEL)).toBe(0);
  });
});

describe('/papers list', () => {
  let world: FakeWorld;
  beforeEach(async () => {
    world = withKeep(await fakeWorld());
    for (const [i, id] of [
      '2405.04233',
      '2412.16145',
      '2403.03950',
      'models-of-human-preference',
    ].entries()) {
      world.clock.set(new Date(Date.UTC(2024, 4, 13 + i, 10)));
      await world.store.savePaper(CHANNEL, id, i % 2 === 0 ? 'ada' : 'bob');
    }
  });

  it('shows who saved what and when, newest first, in pages that link to each other', async () => {
    await world.store.savePaper(CHANNEL, '2401.00001', 'carol');
    await world.store.savePaper(CHANNEL, '2401.00002', 'carol');
    const first = as(await run(world, '/papers list', member()), 'list');
    expect(first.title).toBe('Reading list');
    expect(first.intro).toBe('6 papers saved in this channel, newest first.');
    expect(first.cards.map((c) => c.reason)).toContain('Saved by bob on 16 May 2024');
    expect(first.cards).toHaveLength(5);
    expect(first.page).toMatchObject({
      page: 1,
      pages: 2,
      total: 6,
      next: { command: '/papers list page:2' },
    });
    const second = as(await run(world, first.page!.next!.command), 'list');
    expect(second.cards.map((c) => c.id)).toEqual(['2405.04233']);
    expect(second.cards[0]?.reason).toBe('Saved by ada on 13 May 2024');
    expect(second.page).toMatchObject({ page: 2, first: 6, prev: { command: '/papers list' } });
  });

  it('still lists a saved paper the catalog no longer has, by its id', async () => {
    await world.store.savePaper(CHANNEL, '2401.00001', 'carol');
    const view = as(await run(world, '/papers list'), 'list');
    expect(view.cards[0]).toMatchObject({
      id: '2401.00001',
      title: '2401.00001',
      url: 'https://arxiv.org/abs/2401.00001',
    });
  });

  it('removes a paper by id or title words and says when it was not there', async () => {
    const removed = as(await run(world, '/papers list remove:2412.16145', member()), 'notice');
    expect(removed.title).toBe('Removed from the reading list');
    expect(await world.store.getSaved(CHANNEL, '2412.16145')).toBeUndefined();
    const again = as(await run(world, '/papers list remove:"offline reinforcement learning"'), 'notice');
    expect(again.title).toBe('Not on the reading list');
    expect(await world.store.countSaved(CHANNEL)).toBe(3);
  });

  it('says how to start when nothing is saved', async () => {
    const other = { ...member(), channel: { ...CHANNEL, channel: 'C-empty' } };
    const view = as(await run(world, '/papers list', other), 'notice');
    expect(view.text).toMatch(/^Nothing is saved in this channel yet/);
  });

  it('exports the whole list as reading-list.bib that a BibTeX parser reads, with a plain-text fallback', async () => {
    const view = as(await run(world, '/papers list export:bibtex'), 'notice');
    expect(view.text).toBe('4 entries in reading-list.bib.');
    const [file] = view.files ?? [];
    expect(file).toMatchObject({ name: 'reading-list.bib', contentType: 'application/x-bibtex' });
    const entries = bibtexParse.entries(new TextDecoder().decode(file!.data));
    expect(entries.map((e) => e.key)).toEqual([
      'models',
      '2024stop',
      'wang2024offline',
      'uehara2024derivative',
    ]);
    expect(entries.find((e) => e.key === 'wang2024offline')).toMatchObject({
      EPRINT: '2412.16145',
      ARCHIVEPREFIX: 'arXiv',
    });
    // Plain text: every platform wraps a fallback in its own code block.
    expect(file!.fallback).toMatch(/^@misc\{models,/);
    expect(file!.fallback).not.toContain('```');
    expect(file!.fallback.length).toBeLessThanOrEqual(2000);
    expect(bibtexParse.entries(file!.fallback)).toHaveLength(entries.length);
  });

  it('shows the export on Discord as one BibTeX code block when the file cannot be attached', async () => {
    const view = as(await run(world, '/papers list export:bibtex'), 'notice');
    const [file] = view.files ?? [];
    // Over Discord's 25 MiB: the renderer gives the file's text instead of attaching it.
    const tooBig = { ...view, files: [{ ...file!, data: new Uint8Array(25 * 1024 * 1024 + 1) }] };
    const shown = renderView(tooBig).messages[0]!.embeds[0]!.description ?? '';
    expect(shown.match(/```/g)).toHaveLength(2);
    expect(shown).not.toContain("'''");
    expect(shown).toMatch(/```\w*\n@misc\{models,/);
    expect(bibtexParse.entries(shown.replace(/^[\s\S]*?```\w*\n|\n```$/g, ''))).toHaveLength(4);
  });

  it('keeps the fallback within one message when the list is long, saying how many entries it left out', async () => {
    for (let i = 10; i < 40; i++) await world.store.savePaper(CHANNEL, `2401.000${i}`, 'carol');
    const view = as(await run(world, '/papers list export:bibtex'), 'notice');
    const file = view.files?.[0];
    expect(bibtexParse.entries(new TextDecoder().decode(file!.data))).toHaveLength(34);
    expect(file!.fallback.length).toBeLessThanOrEqual(2000);
    expect(file!.fallback).toMatch(/\n% \d+ more entries did not fit here; the file has them all\.$/);
    expect(bibtexParse.entries(file!.fallback).length).toBeGreaterThan(0);
  });
});

describe('/papers cite', () => {
  it('answers a BibTeX entry in a code block by default, and APA on request', async () => {
    const world = withKeep(await fakeWorld());
    const bib = as(await run(world, '/papers cite 2412.16145', member()), 'notice');
    expect(bib.title).toBe('BibTeX for “Offline Reinforcement Learning for LLM Multi-Step Reasoning”');
    const [entry] = bibtexParse.entries(bib.text.replace(/^```bibtex\n|\n```$/g, ''));
    expect(entry).toMatchObject({ key: 'wang2024offline', EPRINT: '2412.16145' });
    expect(bib.actions).toEqual([{ label: 'APA', command: '/papers cite 2412.16145 format:apa' }]);
    const apa = as(await run(world, bib.actions![0]!.command), 'notice');
    expect(apa.text).toMatch(/^Wang, H\., & Hao, S\. \(2024\)\./);
  });

  it('refuses an unknown format with the usage line', async () => {
    const world = withKeep(await fakeWorld());
    const view = as(await run(world, '/papers cite 2412.16145 format:mla'), 'error');
    expect(view.text).toMatch(/bibtex or apa/);
  });
});

describe('Save button', () => {
  it('sits under a summarized paper and saves it when pressed', async () => {
    const world = withKeep(await fakeWorld());
    const paper = as(await run(world, '/papers summarize 2403.03950', member()), 'paper');
    const save = paper.actions?.find((a) => a.label === 'Save');
    expect(save?.command).toBe('/papers save 2403.03950');
    as(await run(world, save!.command, member()), 'notice');
    expect(await world.store.getSaved(CHANNEL, '2403.03950')).toMatchObject({ savedBy: 'bob' });
  });
});
