import { describe, expect, it } from 'vitest';
import { createSearchEngine, scoreTopics } from '../../src/search/index.js';
import { CATALOG } from './papers.js';

describe('scoreTopics', () => {
  const engine = createSearchEngine(CATALOG);

  it('merges the hits of several topics per paper', () => {
    const { papers, problems } = scoreTopics(engine, ['MoE', 'language models', 'diffusion']);
    expect(problems).toEqual([]);
    const moe = papers.get('2501.00001')!;
    expect(moe.topics.map((t) => t.topic).sort()).toEqual(['MoE', 'language models']);
    expect(moe.total).toBeGreaterThan(moe.best);
    const diffusion = papers.get('2503.00003')!;
    const byTopic = new Map(diffusion.topics.map((t) => [t.topic, t.relevance]));
    expect(diffusion.best).toBe(byTopic.get('diffusion'));
    expect(byTopic.get('language models') ?? 0).toBeLessThan(byTopic.get('diffusion')!);
  });

  it('drops weak matches below the relevance asked for', () => {
    const loose = scoreTopics(engine, ['language models evaluation']).papers;
    const strict = scoreTopics(engine, ['language models evaluation'], { minRelevance: 0.5 }).papers;
    expect(strict.size).toBeGreaterThan(0);
    expect(strict.size).toBeLessThan(loose.size);
    for (const s of strict.values()) expect(s.best).toBeGreaterThanOrEqual(0.5);
  });

  it('reports a topic it cannot run instead of failing the others', () => {
    const { papers, problems } = scoreTopics(engine, ['year:2024', 'diffusion']);
    expect(problems).toEqual([{ topic: 'year:2024', message: expect.stringMatching(/unknown filter year/) }]);
    expect(papers.has('2503.00003')).toBe(true);
  });
});
