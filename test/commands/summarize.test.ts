import { describe, expect, it } from 'vitest';
import { suggestPapers } from '../../src/search/suggest-papers.js';
import { fakeWorld } from '../app/fakes.js';
import { as, run } from './run.js';

describe('/papers summarize', () => {
  it('shows TL;DR, key points, authors and links of a paper given by id', async () => {
    const view = as(await run(await fakeWorld(), '/papers summarize 2405.04233'), 'paper');
    expect(view.card).toMatchObject({
      id: '2405.04233',
      title: 'Derivative-Free Guidance in Continuous and Discrete Diffusion Models',
      tldr: 'In short: derivative-free guidance in continuous and discrete diffusion models.',
      keyPoints: ['Problem: it is hard.', 'Method: a new idea.'],
      authors: expect.arrayContaining(['Masatoshi Uehara']),
      links: { abs: 'https://arxiv.org/abs/2405.04233', pdf: 'https://arxiv.org/pdf/2405.04233' },
      date: '2024-05-08',
      upvotes: 42,
    });
    expect(view.actions?.[0]).toMatchObject({
      label: 'More like this',
      command: expect.stringMatching(/^\/papers search /),
    });
  });

  it('finds a paper by its arXiv URL and by quoted title words', async () => {
    const world = await fakeWorld();
    expect(as(await run(world, '/papers summarize https://arxiv.org/abs/2412.16145'), 'paper').card.id).toBe(
      '2412.16145',
    );
    expect(as(await run(world, '/papers summarize "stop regressing"'), 'paper').card.id).toBe('2403.03950');
  });

  it('suggests the closest titles when nothing matches', async () => {
    const view = as(await run(await fakeWorld(), '/papers summarize offline llm agents'), 'error');
    expect(view.text).toBe('I could not find a paper matching “offline llm agents”.');
    expect(view.hint).toMatch(/^Try a few words of the title, an arXiv id/);
    const near = as(await run(await fakeWorld(), '/papers summarize reinforcement'), 'error');
    expect(near.hint).toContain('Closest titles:');
    expect(near.hint).toContain('/papers summarize 2412.16145');
  });

  it('offers the papers a typed word starts, and what is trending before anything is typed', async () => {
    const world = await fakeWorld();
    const limits = { max: 25, maxId: 100 };
    const choices = suggestPapers(world.services.search, 'reinforc', limits);
    expect(choices.map((p) => p.id)).toEqual(['2412.16145', '2403.03950']);
    const empty = suggestPapers(world.services.search, '', limits);
    expect(empty[0]?.id).toBe('2405.04233');
  });
});

describe('/papers summarize and SUMMARY_SOURCES', () => {
  it('shows the LLM’s TL;DR by default, labelled, and the built-in one when configured first', async () => {
    const world = await fakeWorld();
    world.summarizer.summarize = async () => ({ tldr: 'The LLM’s sentence.', keyPoints: [], by: 'llm' });
    const byDefault = as(await run(world, '/papers summarize 2405.04233'), 'paper').card;
    expect(byDefault).toMatchObject({ tldr: 'The LLM’s sentence.', tldrSource: 'llm' });
    const services = { ...world.services, tldrSources: ['builtin', 'llm'] as const };
    const builtinFirst = as(await run({ ...world, services }, '/papers summarize 2405.04233'), 'paper').card;
    expect(builtinFirst.tldrSource).toBe('builtin');
    expect(builtinFirst.tldr).not.toBe('The LLM’s sentence.');
  });
});
