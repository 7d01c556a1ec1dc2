import { afterEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/kit.js';
import { createSourcesCommand } from '../../src/cli/sources.js';
import { type FixtureServer, fastDeps, fixture, MemoryStore, startServer } from './helpers.js';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

class ClosableStore extends MemoryStore {
  closed = 0;
  async close() {
    this.closed++;
  }
}

async function run(args: string[], env: Record<string, string>, store: ClosableStore, now?: () => Date) {
  const out: string[] = [];
  const err: string[] = [];
  const command = createSourcesCommand({
    openStore: async () => store,
    http: fastDeps().deps,
    ...(now ? { now } : {}),
  });
  const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t), env };
  let code: number;
  try {
    code = await command.run(args, io);
  } catch (error) {
    err.push(String(error));
    code = error instanceof Error && error.name === 'UsageError' ? EXIT.usage : EXIT.internal;
  }
  return { code, out: out.join(''), err: err.join('') };
}

async function envFor(route: Parameters<typeof startServer>[0]) {
  server = await startServer(route);
  return {
    HF_API_URL: `${server.url}/api`,
    ARXIV_API_URL: `${server.url}/arxiv`,
    PAPERBOY_SOURCES: 'hf',
    HF_REFRESH_DAYS: '1',
  };
}

describe('paperboy sources', () => {
  it('never shows a next run in the past: a planned run that went by means the bot is not running', async () => {
    const store = new ClosableStore();
    const status = (next: string) =>
      JSON.stringify({ source: 'hf', runs: 1, lastRunAt: '2025-05-12T22:00:00.000Z', nextRunAt: next });
    const env = { PAPERBOY_SOURCES: 'hf' };
    const at = () => new Date('2025-05-14T12:00:00Z');
    store.kv.set('sources.status/hf', status('2025-05-13T22:00:00.000Z'));
    const past = await run(['status'], env, store, at);
    expect(past.out).toMatch(/next run: +when the bot is running \(the run it planned was missed\)/);
    expect(past.out).not.toContain('2025-05-13 22:00');
    const json = JSON.parse((await run(['status', '--json'], env, store, at)).out) as {
      sources: Array<Record<string, unknown>>;
    };
    expect(json.sources[0]).not.toHaveProperty('nextRunAt');

    store.kv.set('sources.status/hf', status('2025-05-14T22:00:00.000Z'));
    const future = await run(['status'], env, store, at);
    expect(future.out).toMatch(/next run: +2025-05-14 22:00 UTC/);
  });

  it('refreshes one day by hand and then shows it in the status', async () => {
    const env = await envFor(() => ({ body: fixture('hf-day-2025-05-12.json') }));
    const store = new ClosableStore();
    const refreshed = await run(['refresh', '--date', '2025-05-12'], env, store);
    expect(refreshed.code).toBe(EXIT.ok);
    expect(refreshed.out).toMatch(/^hf: ok — 3 papers fetched \(3 new, 0 updated\), 0 skipped, 1 request/);
    expect(server?.requests[0]?.searchParams.get('date')).toBe('2025-05-12');
    expect(store.papers.size).toBe(3);
    expect(store.closed).toBe(1);

    const status = await run(['status'], env, store);
    expect(status.code).toBe(EXIT.ok);
    expect(status.out).toMatch(/hf \(enabled: cron "0 22 \* \* \*" in America\/New_York, and at start-up\)/);
    expect(status.out).toMatch(/last run: +\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC — ok, 3 papers fetched \(3 new/);
    expect(status.out).toMatch(/arxiv \(not enabled in PAPERBOY_SOURCES\)/);
    expect(status.out).toMatch(/papers fetched and stored: 3/);
  });

  it('gives JSON for scripts', async () => {
    const env = await envFor(() => ({ body: fixture('hf-day-2025-05-12.json') }));
    const store = new ClosableStore();
    const refreshed = await run(['refresh', '--date', '2025-05-12', '--json'], env, store);
    const { reports } = JSON.parse(refreshed.out) as { reports: Array<Record<string, unknown>> };
    expect(reports[0]).toMatchObject({ source: 'hf', outcome: 'ok', fetched: 3, added: 3 });
    const status = JSON.parse((await run(['status', '--json'], env, store)).out) as {
      sources: Array<Record<string, unknown>>;
      storedPapers: number;
    };
    expect(status.storedPapers).toBe(3);
    expect(status.sources.map((s) => [s.source, s.enabled, s.runs])).toEqual([
      ['hf', true, 1],
      ['arxiv', false, 0],
    ]);
  });

  it('refreshes a source not enabled by default when asked by name', async () => {
    const env = await envFor(() => ({ body: fixture('arxiv-feed.xml') }));
    const store = new ClosableStore();
    const got = await run(['refresh', '--source', 'arxiv'], env, store);
    expect(got.code).toBe(EXIT.ok);
    expect(got.out).toMatch(/^arxiv: ok — 3 papers fetched/);
    expect(store.papers.has('hep-th/9901001')).toBe(true);
  });

  it('exits 1 and names the problem when the source is down', async () => {
    const env = await envFor(() => ({ status: 500, body: 'down' }));
    const store = new ClosableStore();
    const got = await run(['refresh', '--date', '2025-05-12'], env, store);
    expect(got.code).toBe(EXIT.internal);
    expect(got.out).toMatch(/hf: failed — 0 papers fetched/);
    expect(got.out).toMatch(/! HTTP 500 Internal Server Error — http:\/\/127\.0\.0\.1/);
    expect(store.closed).toBe(1);
  });

  it('refuses bad input with exit 2 and a fix-it message', async () => {
    const store = new ClosableStore();
    expect((await run(['refresh', '--source', 'reddit'], {}, store)).err).toMatch(
      /--source must be one of hf, arxiv/,
    );
    expect((await run(['refresh', '--date', '12/05/2025'], {}, store)).err).toMatch(
      /a day \(2025-05-12\), an ISO week/,
    );
    expect((await run(['refresh'], { PAPERBOY_SOURCES: 'none' }, store)).err).toMatch(/PAPERBOY_SOURCES=hf/);
    expect((await run(['refresh'], { HF_API_URL: 'nope' }, store)).err).toMatch(/HF_API_URL/);
    expect((await run(['fetch'], {}, store)).code).toBe(EXIT.usage);
    expect(store.closed).toBe(0);
  });
});
