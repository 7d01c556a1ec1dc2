import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { createHfSource } from '../../src/sources/hf.js';
import { createHubLookup, hubArtifacts } from '../../src/sources/hf-repos.js';
import { paperCard } from '../../src/views/paper-card.js';
import { HUB_REPOS_ANSWER } from '../support/hub-repos.js';
import { real } from '../support/real.js';
import { type FixtureServer, fastDeps, type Reply, startServer } from './helpers.js';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The recorded answers: a current-shape item (2602.23229) and the older shape's two papers. */
const CURRENT = `[${real('hf/daily-papers-item-2602.23229-current-shape.json')}]`;
const OLDER = real('hf/daily-papers-2024-10-25-older-shape.json');

/** The documented shape's answer (test/support/hub-repos.ts: no recording exists). */
const REPOS = HUB_REPOS_ANSWER;

async function hfWithHub(route: (url: URL) => Reply, ttlMs?: number) {
  server = await startServer(route);
  const { deps } = fastDeps();
  const options = {
    apiUrl: `${server.url}/api`,
    deps,
    policy: { attempts: 1, timeoutMs: 2_000 },
    logger: silentLogger(),
  };
  return createHfSource({
    ...options,
    days: 1,
    timeZone: 'America/New_York',
    hub: createHubLookup({ ...options, ...(ttlMs ? { ttlMs } : {}) }),
  });
}

const repoRequests = () => (server?.requests ?? []).filter((u) => u.pathname.endsWith('/repos'));
const now = new Date('2026-03-07T03:00:00Z');

describe('Hub artifacts fetched with a Hugging Face paper', () => {
  it('counts the models, datasets and Spaces citing it, each kind with its most liked repository', async () => {
    const hf = await hfWithHub((url) => ({ body: url.pathname.endsWith('/repos') ? REPOS : CURRENT }));
    const got = await hf.fetch({ now, date: '2026-03-06' });
    expect(got.problems).toEqual([]);
    expect(got.papers[0]?.hub).toEqual({
      models: 3,
      datasets: 1,
      spaces: 2,
      top: {
        model: 'marco-garosi/circle-llava',
        dataset: 'marco-garosi/circle-bench',
        space: 'marco-garosi/circle-demo',
      },
    });
    expect(repoRequests().map((u) => u.pathname)).toEqual(['/api/arxiv/2602.23229/repos']);
    expect(paperCard(got.papers[0]!, undefined).hub?.models).toBe(3);
  });

  it('asks once a day per paper: a second fetch within the day uses the cache, a later one asks again', async () => {
    const hf = await hfWithHub((url) => ({ body: url.pathname.endsWith('/repos') ? REPOS : OLDER }));
    await hf.fetch({ now, date: '2024-10-25' });
    await hf.fetch({ now: new Date(now.getTime() + 60 * 60 * 1000), date: '2024-10-25' });
    expect(repoRequests()).toHaveLength(2);
    const again = await hf.fetch({ now: new Date(now.getTime() + 25 * 60 * 60 * 1000), date: '2024-10-25' });
    expect(repoRequests()).toHaveLength(4);
    expect(again.papers.every((p) => p.hub?.models === 3)).toBe(true);
  });

  it('keeps the papers, without Hub artifacts and without a problem, when the lookup fails or answers garbage', async () => {
    for (const reply of [{ status: 500, body: 'oops' }, { body: '<html>' }, { body: '{"models": 3}' }]) {
      const hf = await hfWithHub((url) => (url.pathname.endsWith('/repos') ? reply : { body: CURRENT }));
      const got = await hf.fetch({ now, date: '2026-03-06' });
      expect(got.problems).toEqual([]);
      expect(got.papers.map((p) => [p.id, p.hub])).toEqual([['2602.23229', undefined]]);
      await server?.close();
      server = undefined;
    }
  });

  it('takes a 404 or an empty answer as "nothing cites it", and remembers that', async () => {
    const hf = await hfWithHub((url) =>
      url.pathname.endsWith('/repos') ? { status: 404, body: '{}' } : { body: CURRENT },
    );
    const first = await hf.fetch({ now, date: '2026-03-06' });
    await hf.fetch({ now, date: '2026-03-06' });
    expect(first.papers[0]?.hub).toBeUndefined();
    expect(repoRequests()).toHaveLength(1);
    expect(hubArtifacts({ models: [], datasets: [], spaces: [] })).toMatchObject({ models: 0, top: {} });
  });

  it('skips repositories that are not org/name and likes that are not numbers', () => {
    expect(
      hubArtifacts({ models: [{ id: 'no-slash' }, { id: 'a/b', likes: 'many' }, 7], spaces: null }),
    ).toEqual({ models: 1, datasets: 0, spaces: 0, top: { model: 'a/b' } });
  });
});
