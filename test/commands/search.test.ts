import { describe, expect, it } from 'vitest';
import { fakeWorld, PAPERS } from '../app/fakes.js';
import { as, run } from './run.js';

describe('/papers search', () => {
  it('lists matching papers with TL;DR, links and the terms that matched', async () => {
    const view = as(await run(await fakeWorld(), '/papers search diffusion'), 'list');
    expect(view.title).toBe('Papers for “diffusion”');
    expect(view.cards).toHaveLength(1);
    const card = view.cards[0]!;
    expect(card).toMatchObject({
      id: '2405.04233',
      tldr: expect.stringContaining('In short'),
      url: 'https://arxiv.org/abs/2405.04233',
      matched: ['diffusion'],
      reason: 'matches: diffusion',
      links: { pdf: 'https://arxiv.org/pdf/2405.04233', code: 'https://github.com/masa-ue/SVDD' },
    });
  });

  it('pages with Previous/Next actions whose command shows that page', async () => {
    const world = await fakeWorld();
    const first = as(await run(world, '/papers search rl limit:1'), 'list');
    expect(first.page).toMatchObject({ page: 1, pages: 2, total: 2 });
    expect(first.page?.prev).toBeUndefined();
    expect(first.page?.next?.command).toBe('/papers search rl limit:1 page:2');

    const second = as(await run(world, first.page!.next!.command), 'list');
    expect(second.page).toMatchObject({ page: 2, pages: 2 });
    expect(second.cards[0]?.id).not.toBe(first.cards[0]?.id);
    expect(second.page?.next).toBeUndefined();
    expect(second.page?.prev?.command).toBe('/papers search rl limit:1');
  });

  it('keeps quoted phrases for the engine', async () => {
    const world = await fakeWorld();
    await run(world, '/papers search “value functions” deep');
    expect(world.search.queries.at(-1)).toBe('"value functions" deep');
  });

  it("answers a bad query with the engine's message and the usage", async () => {
    const view = as(await run(await fakeWorld(), '/papers search rl!'), 'error');
    expect(view.text).toBe('The query has a stray "!": remove it.');
    expect(view.hint).toMatch(/^Usage: \/papers search/);
  });

  it('says so politely when nothing matches', async () => {
    const view = as(await run(await fakeWorld(), '/papers search quantum gravity'), 'notice');
    expect(view.title).toBe('No papers match “quantum gravity”');
    expect(view.ephemeral).toBe(true);
  });

  it('offers the last page when asked for a page past the end', async () => {
    const view = as(await run(await fakeWorld(), '/papers search rl limit:1 page:9'), 'notice');
    expect(view.text).toBe('There are 2 papers on 2 pages.');
    expect(view.actions?.[0]?.command).toBe('/papers search rl limit:1 page:2');
  });

  it('asks for a query with the usage when none is given', async () => {
    const view = as(await run(await fakeWorld(), '/papers search'), 'error');
    expect(view.text).toMatch(/^Missing query/);
    expect(view.hint).toContain('Example: /papers search diffusion models');
  });

  it('refuses an out-of-range limit saying what is allowed', async () => {
    const view = as(await run(await fakeWorld(), '/papers search rl limit:50'), 'error');
    expect(view.text).toBe('Limit must be at most 10.');
  });

  it('still answers when the summariser fails, with the abstract instead', async () => {
    const world = await fakeWorld();
    world.summarizer.failFor.add('2405.04233');
    const card = as(await run(world, '/papers search diffusion'), 'list').cards[0]!;
    expect(card.tldr).toBe(PAPERS[0]!.abstract.split('. ')[0] + '.');
  });
});
