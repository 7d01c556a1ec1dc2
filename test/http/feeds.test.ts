import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Paper } from '../../src/catalog/paper.js';
import { atomFeed, createFeedRoute, FEEDS_PREFIX } from '../../src/http/feeds.js';
import { type RunningServer, startHttpServer } from '../../src/http/server.js';
import { silentLogger } from '../../src/logger.js';
import { type ChannelKey, type OpenedStore, openStore } from '../../src/store/index.js';
import { PAPERS, paper } from '../app/fakes.js';
import { FakeClock } from '../store/contract.js';
import { allClosed, parseFeed } from '../support/feed-parser.js';

const CHANNEL: ChannelKey = { platform: 'discord', workspace: 'guild-1', channel: 'papers' };
const dir = mkdtempSync(join(tmpdir(), 'paperboy-feeds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

const hostile = paper({
  id: '2401.00001',
  title: 'Ampersands & <b>tags</b> "quoted" \u0001 control',
  abstract: 'Uses </summary> and ]]> and & in one breath.',
  authors: ['Zoë <Z> O’Brien'],
  categories: ['cs.CL'],
});
const catalog = new Map<string, Paper>([...PAPERS, hostile].map((p) => [p.id, p]));

describe('channel feed', () => {
  let store: OpenedStore;
  let clock: FakeClock;
  let running: RunningServer;
  let base: string;

  beforeEach(async () => {
    clock = new FakeClock(Date.parse('2024-05-13T07:00:00.000Z'));
    store = await openStore(`sqlite:${join(dir, `feeds-${++n}.db`)}`, { clock });
    running = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      logger: silentLogger(),
      health: async () => ({ ready: true, checks: {} }),
      routes: {
        [FEEDS_PREFIX]: createFeedRoute({
          store,
          paper: (id) => catalog.get(id),
          publicUrl: 'https://paperboy.example.org',
          logger: silentLogger(),
        }),
      },
    });
    base = `http://127.0.0.1:${running.port}`;
  });
  afterEach(async () => {
    await running.close();
    await store.close();
  });

  async function send(slot: string, ids: string[]) {
    const delivery = await store.claimDelivery(CHANNEL, slot, ids, 'worker', 60_000);
    await store.markSent(delivery!.id, ['m1']);
    clock.advance(24 * 3600_000);
  }

  it('lists what the channel received, newest first, in an Atom feed a feed parser reads', async () => {
    await send('2024-05-13', ['2405.04233', '2412.16145']);
    await send('2024-05-14', ['2403.03950']);
    // A pending post is not yet something the channel received.
    await store.claimDelivery(CHANNEL, '2024-05-15', ['models-of-human-preference'], 'worker', 60_000);
    const token = (await store.feedToken(CHANNEL, true))!;

    const res = await fetch(`${base}/feeds/${token}.atom`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await res.text();
    expect(allClosed(xml)).toBe(true);
    const feed = parseFeed(xml);
    expect(feed.meta.type).toBe('atom');
    expect(feed.self).toBe(`https://paperboy.example.org/feeds/${token}.atom`);
    expect(feed.items.map((i) => i.title)).toEqual([
      'Stop Regressing: Training Value Functions via Classification for Scalable Deep RL',
      'Derivative-Free Guidance in Continuous and Discrete Diffusion Models',
      'Offline Reinforcement Learning for LLM Multi-Step Reasoning',
    ]);
    const first = feed.items[1]!;
    expect(first.url).toBe('https://arxiv.org/abs/2405.04233');
    expect(first.authors.map((a) => a.name)).toContain('Masatoshi Uehara');
    expect(first.published?.toISOString()).toBe('2024-05-13T07:00:00.000Z');
    expect(feed.updated?.toISOString()).toBe('2024-05-14T07:00:00.000Z');
    expect(new Set(feed.items.map((i) => i.id)).size).toBe(3);
  });

  it('escapes titles, abstracts and names so they read back exactly, and drops characters XML forbids', async () => {
    await send('2024-05-13', ['2401.00001', '2499.99999']);
    const token = (await store.feedToken(CHANNEL, true))!;
    const xml = await (await fetch(`${base}/feeds/${token}.atom`)).text();
    expect(allClosed(xml)).toBe(true);
    const [item, gone] = parseFeed(xml).items;
    expect(item?.title).toBe('Ampersands & <b>tags</b> "quoted"  control');
    expect(item?.description).toBe('Uses </summary> and ]]> and & in one breath.');
    expect(item?.authors[0]?.name).toBe('Zoë <Z> O’Brien');
    // A paper the catalog no longer has keeps its entry, by id and arXiv link.
    expect(gone).toMatchObject({ title: '2499.99999', url: 'https://arxiv.org/abs/2499.99999' });
  });

  it('answers 404 for a revoked token, an unknown one and other paths, alike', async () => {
    const token = (await store.feedToken(CHANNEL, true))!;
    expect((await fetch(`${base}/feeds/${token}.atom`)).status).toBe(200);
    await store.revokeFeedToken(CHANNEL);
    expect((await fetch(`${base}/feeds/${token}.atom`)).status).toBe(404);
    expect((await fetch(`${base}/feeds/${'A'.repeat(32)}.atom`)).status).toBe(404);
    expect((await fetch(`${base}/feeds/${token}.rss`)).status).toBe(404);
    const fresh = (await store.feedToken(CHANNEL, true))!;
    expect((await fetch(`${base}/feeds/${fresh}.atom`)).status).toBe(200);
  });

  it('refuses to be written to', async () => {
    const token = (await store.feedToken(CHANNEL, true))!;
    const res = await fetch(`${base}/feeds/${token}.atom`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(405);
  });

  it('is a valid, empty feed before the first digest', () => {
    const xml = atomFeed(CHANNEL, [], () => undefined, 'https://paperboy.example.org/feeds/t.atom');
    const feed = parseFeed(xml);
    expect(feed.items).toEqual([]);
    expect(feed.title).toBe('Paperboy papers for this channel');
  });

  it("never writes the request's Host header into the feed when PAPERBOY_PUBLIC_URL is unset", async () => {
    const bare = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      logger: silentLogger(),
      health: async () => ({ ready: true, checks: {} }),
      routes: {
        [FEEDS_PREFIX]: createFeedRoute({ store, paper: (id) => catalog.get(id), logger: silentLogger() }),
      },
    });
    try {
      await send('2024-05-13', ['2405.04233']);
      const token = (await store.feedToken(CHANNEL, true))!;
      const xml = await new Promise<string>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: bare.port,
            path: `/feeds/${token}.atom`,
            headers: { host: 'evil.example' },
          },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => {
              body += chunk;
            });
            res.on('end', () => resolve(body));
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(xml).not.toContain('evil.example');
      const feed = parseFeed(xml);
      expect(feed.self ?? undefined).toBeUndefined();
      expect(feed.items).toHaveLength(1);
    } finally {
      await bare.close();
    }
  });
});
