// The channel's ranking learns from its votes: blended into the digest planner over a fixed catalog.
import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/catalog/paper.js';
import { createDigestPlanner, LIKED_REASON, likedQueries } from '../../src/digest/planner.js';
import type { DigestRequest } from '../../src/digest/types.js';
import { NO_PREFERENCES, trainPreferences } from '../../src/feedback/preferences.js';
import { hiddenPapers } from '../../src/feedback/votes.js';
import { createSearchEngine } from '../../src/search/index.js';
import type { Vote } from '../../src/store/types.js';
import { paper, WordSearch } from '../digest/fakes.js';

const DATE = '2025-05-08';

function request(over: Partial<DigestRequest> = {}): DigestRequest {
  return { topics: ['diffusion'], exclude: [], count: 3, sent: new Set(), date: DATE, ...over };
}

/** Diffusion papers of two kinds, alternating: benchmarks (cs.CV) and theory with code released (cs.LG). */
function catalog(): Paper[] {
  return Array.from({ length: 12 }, (_, i) => {
    const bench = i % 2 === 0;
    return paper({
      id: `2505.${10000 + i}`,
      title: bench ? `A diffusion benchmark suite number ${i}` : `Diffusion convergence theory number ${i}`,
      abstract: bench
        ? 'We benchmark diffusion leaderboard evaluation datasets.'
        : 'We prove diffusion convergence bounds theorem.',
      categories: [bench ? 'cs.CV' : 'cs.LG'],
      links: bench ? {} : { code: 'https://github.com/example/theory' },
      listed: DATE,
      // Benchmarks trend a little better: without votes they win.
      trending: { rank: bench ? i + 1 : i + 2, upvotes: 50 },
    });
  });
}

function votes(list: [string, 1 | -1][], admin = false): Vote[] {
  return list.map(([paperId, value], i) => ({
    paperId,
    user: `u${i}`,
    value,
    admin,
    votedAt: '2025-05-01T00:00:00.000Z',
  }));
}

describe('learned ranking', () => {
  const papers = catalog();
  const byId = new Map(papers.map((p) => [p.id, p]));
  const past = ['2505.10000', '2505.10002', '2505.10001', '2505.10003'];
  const taught = votes([
    ['2505.10000', -1],
    ['2505.10002', -1],
    ['2505.10001', 1],
    ['2505.10003', 1],
  ]);

  it('picks exactly as before when the channel has no votes', () => {
    const planner = createDigestPlanner(new WordSearch(papers));
    const sent = new Set(past);
    const before = planner.select(request({ sent }));
    const empty = trainPreferences([], (id) => byId.get(id));
    expect(planner.select(request({ sent, preferences: empty }))).toEqual(before);
    expect(planner.select(request({ sent, preferences: NO_PREFERENCES }))).toEqual(before);
    // Without votes, the better-trending benchmark leads.
    expect(before.map((p) => p.paper.id)).toEqual(['2505.10004', '2505.10005', '2505.10006']);
  });

  it('moves a voted-down kind of paper below an otherwise equal one', () => {
    const planner = createDigestPlanner(new WordSearch(papers));
    const model = trainPreferences(taught, (id) => byId.get(id));
    const picks = planner.select(request({ sent: new Set(past), preferences: model }));
    expect(picks.map((p) => p.paper.title)).toEqual([
      expect.stringContaining('theory'),
      expect.stringContaining('theory'),
      expect.stringContaining('theory'),
    ]);
    const benchmark = byId.get('2505.10004')!;
    const theory = byId.get('2505.10005')!;
    expect(model.score(theory)).toBeGreaterThan(0);
    expect(model.score(benchmark)).toBeLessThan(0);
  });

  it('says in words what it learned', () => {
    const model = trainPreferences(taught, (id) => byId.get(id));
    const { more, less } = model.explain(6);
    expect(more).toEqual(expect.arrayContaining(['code released', 'cs.LG', 'theory']));
    expect(less).toEqual(expect.arrayContaining(['cs.CV', 'benchmark']));
  });

  it('ignores votes on papers the catalog no longer has', () => {
    const model = trainPreferences(votes([['gone', -1]]), (id) => byId.get(id));
    expect(model.papers).toBe(0);
    expect(model.score(papers[0]!)).toBe(0);
  });

  it('never picks a paper the channel said is not for it', () => {
    const planner = createDigestPlanner(new WordSearch(papers));
    const picks = planner.select(request({ hidden: new Set(['2505.10004']) }));
    expect(picks.map((p) => p.paper.id)).not.toContain('2505.10004');
    expect(picks).toHaveLength(3);
  });
});

describe('not for this channel', () => {
  it('is one admin’s 👎, or 👎 from more than half of at least two voters', () => {
    expect(hiddenPapers(votes([['a', -1]], true))).toEqual(new Set(['a']));
    expect(hiddenPapers(votes([['a', -1]]))).toEqual(new Set());
    expect(
      hiddenPapers(
        votes([
          ['a', -1],
          ['a', -1],
          ['a', 1],
          ['b', -1],
          ['b', 1],
        ]),
      ),
    ).toEqual(new Set(['a']));
  });
});

describe('followed authors and labs in the digest', () => {
  const levine = {
    kind: 'author' as const,
    key: 'levine, sergey',
    name: 'Sergey Levine',
    followedBy: 'ada',
    followedAt: '2025-05-01T00:00:00.000Z',
  };
  const papers = [
    ...catalog(),
    paper({
      id: '2505.20000',
      title: 'Robot learning from play',
      abstract: 'Robots.',
      authors: ['S. Levine'],
      listed: '2025-05-07',
    }),
    paper({
      id: '2401.20001',
      title: 'Old robot paper',
      abstract: 'Robots.',
      authors: ['Sergey Levine'],
      listed: '2024-01-07',
    }),
  ];

  it('brings a followed author’s new paper in with the reason “by Sergey Levine”, not old ones', () => {
    const planner = createDigestPlanner(new WordSearch(papers));
    const picks = planner.select(request({ follows: [levine] }));
    const theirs = picks.find((p) => p.paper.id === '2505.20000');
    expect(theirs?.reason).toBe('by Sergey Levine');
    expect(theirs?.matchedTopics).toEqual([]);
    expect(picks.map((p) => p.paper.id)).not.toContain('2401.20001');
    expect(picks).toHaveLength(3);
  });

  it('picks the same papers as before when the channel follows nobody', () => {
    const planner = createDigestPlanner(new WordSearch(papers));
    expect(planner.select(request({ follows: [] }))).toEqual(planner.select(request()));
  });
});

describe('papers near what the channel liked', () => {
  // Topic "diffusion". The channel likes robot papers and dislikes image papers; robot grasping papers that
  // never say "diffusion" are outside the topic's hits.
  const robot = (i: number, title: string, abstract: string) =>
    paper({
      id: `2505.3${String(i).padStart(4, '0')}`,
      title,
      abstract,
      categories: ['cs.RO'],
      listed: DATE,
      trending: { rank: 40 + i, upvotes: 1 },
    });
  const image = (i: number) =>
    paper({
      id: `2505.4${String(i).padStart(4, '0')}`,
      title: `Diffusion image synthesis benchmark ${i}`,
      abstract: 'Diffusion models for image synthesis, evaluated on image benchmarks.',
      categories: ['cs.CV'],
      listed: DATE,
      trending: { rank: i + 1, upvotes: 80 },
    });
  const voted = [
    robot(
      1,
      'Diffusion policy for robot grasping',
      'A diffusion policy for robot grasping and manipulation.',
    ),
    robot(
      2,
      'Diffusion planning for robot manipulation',
      'Robot manipulation planned with diffusion and grasping.',
    ),
    robot(
      3,
      'Visuomotor diffusion for robot grasping',
      'Robot grasping from cameras with a diffusion policy.',
    ),
    image(1),
    image(2),
    image(3),
  ];
  const fresh = [
    image(4),
    image(5),
    image(6),
    image(7),
    robot(4, 'Tactile grasping for robot hands', 'Robot grasping of soft objects with tactile sensing.'),
    robot(5, 'Learning robot manipulation from play', 'Robot manipulation and grasping learned from play.'),
    paper({
      id: '2505.50001',
      title: 'Machine translation with language models',
      abstract: 'Translation quality of language models.',
      categories: ['cs.CL'],
      listed: DATE,
      trending: { rank: 1, upvotes: 200 },
    }),
  ];
  const papers = [...voted, ...fresh];
  const byId = new Map(papers.map((p) => [p.id, p]));
  const taught = votes(voted.map((p) => [p.id, p.categories.includes('cs.RO') ? 1 : -1]));
  const sent = new Set(voted.map((p) => p.id));
  const offTopic = (p: { paper: Paper }) =>
    !`${p.paper.title} ${p.paper.abstract}`.toLowerCase().includes('diffusion');

  it('brings a liked kind of paper the topic does not match into the digest once the channel voted', () => {
    const planner = createDigestPlanner(createSearchEngine(papers));
    const model = trainPreferences(taught, (id) => byId.get(id));
    const picks = planner.select(request({ sent, preferences: model }));
    const outside = picks.filter(offTopic);
    expect(outside.length).toBeGreaterThan(0);
    for (const p of outside) {
      expect(p.paper.categories).toEqual(['cs.RO']);
      expect(p.reason).toBe(LIKED_REASON);
      expect(p.matchedTopics).toEqual([]);
    }
    expect(picks.map((p) => p.paper.id)).not.toContain('2505.50001');
  });

  it('picks only the topic’s papers, exactly as before, while the channel has no votes', () => {
    const planner = createDigestPlanner(createSearchEngine(papers));
    const before = planner.select(request({ sent }));
    expect(before).toHaveLength(3);
    expect(before.filter(offTopic)).toEqual([]);
    const empty = trainPreferences([], (id) => byId.get(id));
    expect(planner.select(request({ sent, preferences: empty }))).toEqual(before);
  });

  it('does not hold the topic’s own words against a paper when most of its papers got 👎', () => {
    // Every voted paper says "diffusion", four of six got 👎: what sets the liked ones apart is the robots.
    const model = trainPreferences(taught, (id) => byId.get(id));
    const robotDiffusion = robot(9, 'Diffusion for robot grasping', 'Robot grasping with diffusion.');
    expect(model.score(robotDiffusion)).toBeGreaterThan(0);
    expect(model.score(robotDiffusion)).toBeGreaterThan(model.score(image(9)));
    expect(model.liked().categories).toEqual(['cs.RO']);
    expect(model.liked().words).toEqual(expect.arrayContaining(['robot', 'grasping']));
    expect(model.liked().words).not.toContain('diffusion');
  });

  it('brings in a new paper by an author whose papers the channel liked', () => {
    const byFinn = (i: number, title: string, categories: string[]) =>
      paper({
        id: `2505.6000${i}`,
        title,
        abstract: title,
        categories,
        authors: ['Chelsea Finn'],
        listed: DATE,
      });
    const liked = [
      byFinn(1, 'Diffusion policies for meta learning', ['cs.LG']),
      byFinn(2, 'Diffusion for few shot adaptation', ['cs.CV']),
    ];
    const theirs = byFinn(3, 'Language feedback for household tasks', ['cs.CL']);
    const all = [...papers, ...liked, theirs];
    const ids = new Map(all.map((p) => [p.id, p]));
    const model = trainPreferences(
      votes([...liked.map((p): [string, 1] => [p.id, 1]), ['2505.40001', -1], ['2505.40002', -1]]),
      (id) => ids.get(id),
    );
    expect(model.liked().authors).toEqual(['Chelsea Finn']);
    const planner = createDigestPlanner(createSearchEngine(all));
    const seen = new Set([...sent, ...liked.map((p) => p.id)]);
    const picks = planner.select(request({ sent: seen, preferences: model, count: 5 }));
    expect(picks.find((p) => p.paper.id === theirs.id)?.reason).toBe(LIKED_REASON);
    expect(planner.select(request({ sent: seen, count: 5 })).map((p) => p.paper.id)).not.toContain(theirs.id);
  });

  it('searches the liked words within the liked categories, and the liked author’s newest papers', () => {
    expect(
      likedQueries({
        words: ['robot', 'grasping'],
        categories: ['cs.RO', 'eess.SY'],
        authors: ['Ada Lovelace'],
      }),
    ).toEqual(['cat:cs.RO cat:eess.SY robot grasping', 'author:"Ada Lovelace"']);
    // With one half learned, that half alone; the former separate searches on request.
    expect(likedQueries({ words: ['robot'], categories: [], authors: [] })).toEqual(['robot']);
    expect(likedQueries({ words: [], categories: ['cs.RO'], authors: [] })).toEqual(['cat:cs.RO']);
    expect(likedQueries({ words: ['robot'], categories: ['cs.RO'], authors: [] }, true)).toEqual([
      'cat:cs.RO',
      'robot',
    ]);
    // A category the query language cannot say is left out rather than breaking the search.
    expect(likedQueries({ words: [], categories: ['cs.RO:x'], authors: [] })).toEqual([]);
  });

  it('leaves out papers beyond the topic that share only the liked category or only the liked words', () => {
    const wordsOnly = paper({
      id: '2505.50002',
      title: 'Robot grasping instructions from language',
      abstract: 'Language instructions for robot grasping and manipulation.',
      categories: ['cs.CL'],
      listed: DATE,
      trending: { rank: 2, upvotes: 150 },
    });
    const categoryOnly = robot(
      6,
      'Legged locomotion on stairs',
      'Quadruped locomotion over stairs and terrain.',
    );
    const all = [...papers, wordsOnly, categoryOnly];
    const planner = createDigestPlanner(createSearchEngine(all));
    const model = trainPreferences(taught, (id) => byId.get(id));
    const ids = planner.select(request({ sent, preferences: model, count: 5 })).map((p) => p.paper.id);
    expect(ids).toEqual(expect.arrayContaining(['2505.30004', '2505.30005']));
    expect(ids).not.toContain(wordsOnly.id);
    expect(ids).not.toContain(categoryOnly.id);
  });

  it('scores a liked paper beyond the topic above its bare liking once the channel has voted a while', () => {
    const model = trainPreferences(taught, (id) => byId.get(id));
    const settled = { ...model, papers: 30 };
    const scoreOf = (options: { beyondLikingScale?: number }, m = settled) =>
      createDigestPlanner(createSearchEngine(papers), options)
        .select(request({ sent, preferences: m, count: 5 }))
        .find((p) => p.paper.id === '2505.30004')?.score ?? 0;
    // Its "liked" relevance is the model's liking scaled up (to at most 1), not the bare liking.
    expect(scoreOf({})).toBeGreaterThan(scoreOf({ beyondLikingScale: 1 }));
  });
});
