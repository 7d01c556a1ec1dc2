import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSecretBox } from '../../src/keep/secret.js';
import { retryZoteroBacklog, secretContext } from '../../src/keep/services.js';
import { ALREADY_ADDED, createZoteroClient, zoteroPreprint } from '../../src/keep/zotero.js';
import { parseArxivFeed } from '../../src/sources/arxiv.js';
import { admin, CHANNEL, type FakeWorld, fakeWorld, member, PAPERS } from '../app/fakes.js';
import { as, run } from '../commands/run.js';
import { real } from '../support/real.js';

/** Zotero's own description of a preprint (zotero-schema, see test/fixtures/real/README.md). */
const SCHEMA = JSON.parse(real('zotero/schema-preprint.json')) as {
  itemType: string;
  fields: { field: string }[];
  creatorTypes: { creatorType: string }[];
};
const FIELDS = new Set(SCHEMA.fields.map((f) => f.field));
const CREATOR_TYPES = new Set(SCHEMA.creatorTypes.map((c) => c.creatorType));
/** Properties every item has besides its fields (Web API, "Item JSON"). */
const ITEM_PROPERTIES = new Set(['itemType', 'creators', 'tags', 'collections', 'relations']);

const API_KEY = 'AbCdEfGh0123456789ZyXwVu';
const GROUP = '4711';
const SECRET = Buffer.alloc(32, 3);

/** What is wrong with one write request, judged by the Web API's write rules and the preprint schema. */
function problems(
  headers: Record<string, string | string[] | undefined>,
  url: string,
  body: string,
): string[] {
  const found: string[] = [];
  if (url !== `/groups/${GROUP}/items`) found.push(`wrong path ${url}`);
  if (headers['zotero-api-key'] !== API_KEY) found.push('missing or wrong Zotero-API-Key');
  if (headers['zotero-api-version'] !== '3') found.push('Zotero-API-Version is not 3');
  if (!String(headers['content-type']).startsWith('application/json')) found.push('not JSON');
  if (!/^[0-9a-f]{32}$/.test(String(headers['zotero-write-token'])))
    found.push('Zotero-Write-Token is not 32 hex');
  let items: unknown;
  try {
    items = JSON.parse(body);
  } catch {
    return [...found, 'body is not JSON'];
  }
  if (!Array.isArray(items) || items.length < 1 || items.length > 50)
    return [...found, 'not an array of 1–50 items'];
  for (const item of items as Record<string, unknown>[]) {
    if (item.itemType !== SCHEMA.itemType) found.push(`itemType ${String(item.itemType)}`);
    for (const [name, value] of Object.entries(item)) {
      if (!FIELDS.has(name) && !ITEM_PROPERTIES.has(name)) found.push(`unknown field ${name}`);
      if (FIELDS.has(name) && typeof value !== 'string') found.push(`${name} is not a string`);
    }
    // Every paper here is on arXiv: these are always known. (Zotero itself allows a preprint without them.)
    for (const name of ['title', 'DOI', 'url', 'archiveID', 'repository']) {
      if (typeof item[name] !== 'string' || !(item[name] as string)) found.push(`empty ${name}`);
    }
    const creators = item.creators as Record<string, unknown>[];
    // A paper without authors has no creators, which Zotero accepts.
    if (!Array.isArray(creators)) found.push('creators is not an array');
    for (const c of creators ?? []) {
      if (!CREATOR_TYPES.has(String(c.creatorType))) found.push(`creatorType ${String(c.creatorType)}`);
      const split = typeof c.firstName === 'string' && typeof c.lastName === 'string' && c.lastName;
      if (!split && !(typeof c.name === 'string' && c.name)) found.push('creator without a name');
    }
    if (!Array.isArray(item.tags) || !Array.isArray(item.collections))
      found.push('tags/collections not arrays');
  }
  return found;
}

class ZoteroMock {
  mode: 'up' | 'down' | 'forbidden' = 'up';
  readonly requests: { problems: string[]; items: Record<string, unknown>[]; token: string }[] = [];
  private readonly tokens = new Set<string>();
  private server: Server | undefined;
  private next = 0;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        const found = problems(req.headers, req.url ?? '', body);
        const token = String(req.headers['zotero-write-token']);
        this.requests.push({ problems: found, items: found.length === 0 ? JSON.parse(body) : [], token });
        const send = (status: number, json: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(json));
        };
        if (this.mode === 'down') return send(503, { message: 'Service Unavailable' });
        if (this.mode === 'forbidden') return send(403, { message: 'Forbidden' });
        if (found.length > 0) return send(400, { message: found.join('; ') });
        if (this.tokens.has(token)) return send(412, { message: 'Write token already used' });
        this.tokens.add(token);
        const key = `ITEM${String(++this.next).padStart(4, '0')}`;
        send(200, {
          successful: { '0': { key, version: this.next } },
          success: { '0': key },
          unchanged: {},
          failed: {},
        });
      });
    });
    const server = this.server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

describe('Zotero', () => {
  let zotero: ZoteroMock;
  let world: FakeWorld;

  beforeEach(async () => {
    zotero = new ZoteroMock();
    await zotero.start();
    world = await fakeWorld();
    world.services.keep = {
      secrets: createSecretBox(SECRET),
      zotero: createZoteroClient({ apiUrl: zotero.url, timeoutMs: 5_000 }),
    };
    await run(world, `/papers settings zotero_group:${GROUP} zotero_key:${API_KEY}`, admin());
  });
  afterEach(async () => {
    await zotero.stop();
  });

  it('adds a saved paper to the group library as a well-formed preprint item', async () => {
    const view = as(await run(world, '/papers save 2405.04233', member()), 'notice');
    expect(view.text).toMatch(/Added to the channel’s Zotero library\.$/);
    expect(zotero.requests.map((r) => r.problems)).toEqual([[]]);
    expect(zotero.requests[0]?.items[0]).toMatchObject({
      itemType: 'preprint',
      title: 'Derivative-Free Guidance in Continuous and Discrete Diffusion Models',
      creators: expect.arrayContaining([
        { creatorType: 'author', firstName: 'Masatoshi', lastName: 'Uehara' },
      ]),
      repository: 'arXiv',
      archiveID: 'arXiv:2405.04233',
      DOI: '10.48550/arXiv.2405.04233',
      url: 'https://arxiv.org/abs/2405.04233',
      date: '2024-05-08',
    });
    expect(await world.store.getSaved(CHANNEL, '2405.04233')).toMatchObject({
      zoteroItem: 'ITEM0001',
      zoteroError: null,
    });
  });

  it('never loses a Save while Zotero is down, and adds it with the next Save once Zotero is back', async () => {
    zotero.mode = 'down';
    const during = as(await run(world, '/papers save 2412.16145', member()), 'notice');
    expect(during.title).toBe('Saved');
    expect(during.text).toMatch(
      /Zotero did not take it \(Zotero is unavailable \(HTTP 503\)\); it stays saved here/,
    );
    expect(await world.store.getSaved(CHANNEL, '2412.16145')).toMatchObject({
      savedBy: 'bob',
      zoteroItem: null,
      zoteroError: 'Zotero is unavailable (HTTP 503)',
    });
    const listed = as(await run(world, '/papers list', member()), 'list');
    expect(listed.cards[0]?.reason).toMatch(/not in Zotero yet/);

    zotero.mode = 'up';
    const after = as(await run(world, '/papers save 2403.03950', member()), 'notice');
    expect(after.text).toMatch(/1 earlier save reached Zotero too\.$/);
    expect((await world.store.getSaved(CHANNEL, '2412.16145'))?.zoteroItem).toMatch(/^ITEM/);
    expect((await world.store.getSaved(CHANNEL, '2403.03950'))?.zoteroItem).toMatch(/^ITEM/);
    expect(zotero.requests.every((r) => r.problems.length === 0)).toBe(true);
  });

  it('heals an outage in a background retry, without waiting for the next Save', async () => {
    zotero.mode = 'down';
    await run(world, '/papers save 2412.16145', member());
    await run(world, '/papers save 2405.04233', member());
    const keep = world.services.keep!;
    expect(await retryZoteroBacklog(world.services, keep)).toBe(0);
    zotero.mode = 'up';
    expect(await retryZoteroBacklog(world.services, keep)).toBe(2);
    expect((await world.store.listSaved(CHANNEL)).map((s) => s.zoteroItem)).toEqual([
      expect.stringMatching(/^ITEM/),
      expect.stringMatching(/^ITEM/),
    ]);
    expect(await retryZoteroBacklog(world.services, keep)).toBe(0);
    expect(zotero.requests.every((r) => r.problems.length === 0)).toBe(true);
  });

  it('keeps the Save when Zotero cannot be reached at all', async () => {
    await zotero.stop();
    const view = as(await run(world, '/papers save 2405.04233', member()), 'notice');
    expect(view.title).toBe('Saved');
    expect(view.text).toMatch(/cannot reach Zotero/);
    expect(await world.store.countSaved(CHANNEL)).toBe(1);
    await zotero.start();
  });

  it('says when Zotero refuses the key, and keeps the Save', async () => {
    zotero.mode = 'forbidden';
    const view = as(await run(world, '/papers save 2405.04233', member()), 'notice');
    expect(view.text).toMatch(/Zotero refused the API key: it needs write access/);
    expect(await world.store.getSaved(CHANNEL, '2405.04233')).toMatchObject({ zoteroItem: null });
  });

  it('sends the same write token when it retries, so a lost answer never makes a duplicate', async () => {
    const client = createZoteroClient({ apiUrl: zotero.url });
    const item = zoteroPreprint(PAPERS[0]!);
    const key = await client.createItem(GROUP, API_KEY, item, 'a'.repeat(32));
    expect(key).toBe('ITEM0001');
    expect(await client.createItem(GROUP, API_KEY, item, 'a'.repeat(32))).toBe(ALREADY_ADDED);
  });

  it('does not send a key that no longer opens (PAPERBOY_SECRET_KEY changed)', async () => {
    world.services.keep = {
      secrets: createSecretBox(Buffer.alloc(32, 9)),
      zotero: createZoteroClient({ apiUrl: zotero.url }),
    };
    const view = as(await run(world, '/papers save 2405.04233', member()), 'notice');
    expect(view.text).toMatch(/the stored Zotero key no longer opens/);
    expect(zotero.requests).toEqual([]);
    expect(secretContext(CHANNEL)).toBe('zotero:slack/T1/C1');
  });
});

describe('Zotero creators', () => {
  it('keeps a family name with a particle whole, as arXiv records "Adrian Del Maestro"', () => {
    const [recorded] = recordedFeed().papers;
    expect(zoteroPreprint(recorded!).creators[0]).toEqual({
      creatorType: 'author',
      firstName: 'Adrian',
      lastName: 'Del Maestro',
    });
    expect(zoteroPreprint({ ...PAPERS[0]!, authors: ['van der Waals, Johannes'] }).creators).toEqual([
      { creatorType: 'author', firstName: 'Johannes', lastName: 'van der Waals' },
    ]);
  });
});

function recordedFeed() {
  const parsed = parseArxivFeed(real('arxiv/query-del-maestro-checkerboard.xml'));
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
}
