import { afterEach, describe, expect, it } from 'vitest';
import { createPacer, getText, parseRetryAfter } from '../../src/sources/http.js';
import { type FixtureServer, fastDeps, startServer } from './helpers.js';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('getText', () => {
  it('waits as long as a 429 asks, then takes the answer', async () => {
    server = await startServer((_url, nth) =>
      nth === 0 ? { status: 429, headers: { 'retry-after': '7' }, body: 'slow down' } : { body: 'ok' },
    );
    const { deps, sleeps } = fastDeps();
    const res = await getText(`${server.url}/x`, { deps });
    expect(res).toMatchObject({ ok: true, text: 'ok', attempts: 2 });
    expect(sleeps).toEqual([7000]);
  });

  it('retries a 500 with growing back-off and reports the failure after the last attempt', async () => {
    server = await startServer(() => ({ status: 500, body: 'boom' }));
    const { deps, sleeps } = fastDeps();
    const res = await getText(`${server.url}/x`, { deps, policy: { attempts: 3, baseDelayMs: 100 } });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.failure).toMatchObject({ kind: 'http', status: 500 });
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[1]).toBeGreaterThan(sleeps[0] ?? 0);
  });

  it('does not retry a 404', async () => {
    server = await startServer(() => ({ status: 404, body: 'nope' }));
    const { deps } = fastDeps();
    const res = await getText(`${server.url}/x`, { deps });
    expect(res).toMatchObject({ ok: false, attempts: 1, failure: { kind: 'http', status: 404 } });
    expect(server.requests).toHaveLength(1);
  });

  it('gives up on a server that does not answer in time', async () => {
    server = await startServer(() => ({ delayMs: 5_000, body: 'too late' }));
    const { deps } = fastDeps();
    const started = Date.now();
    const res = await getText(`${server.url}/x`, { deps, policy: { attempts: 2, timeoutMs: 150 } });
    expect(res).toMatchObject({ ok: false, failure: { kind: 'timeout' } });
    expect(server.requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('fails at once when told to come back much later, keeping the wait for the scheduler', async () => {
    server = await startServer(() => ({ status: 503, headers: { 'retry-after': '3600' } }));
    const { deps, sleeps } = fastDeps();
    const res = await getText(`${server.url}/x`, { deps });
    expect(res).toMatchObject({
      ok: false,
      failure: { kind: 'rate-limited', status: 503, retryAfterMs: 3_600_000 },
    });
    expect(sleeps).toEqual([]);
  });

  it('reports a refused connection as offline at once: one attempt, no back-off', async () => {
    server = await startServer(() => ({ body: '' }));
    const dead = server.url;
    await server.close();
    server = undefined;
    const { deps, sleeps } = fastDeps();
    const res = await getText(`${dead}/x`, { deps, policy: { attempts: 4 } });
    expect(res).toMatchObject({ ok: false, attempts: 1, failure: { kind: 'offline' } });
    if (!res.ok)
      expect(res.failure.message).toMatch(
        /^no network: cannot reach 127\.0\.0\.1:\d+ \(connection refused, ECONNREFUSED\)$/,
      );
    expect(sleeps).toEqual([]);
  });

  it('tells a DNS failure (no network) from a slow server (timeouts are retried)', async () => {
    const dnsFailure = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('getaddrinfo ENOTFOUND huggingface.co'), { code: 'ENOTFOUND' }),
    });
    let calls = 0;
    const { deps, sleeps } = fastDeps();
    const offline = await getText('https://huggingface.co/api/daily_papers', {
      deps: {
        ...deps,
        fetch: async () => {
          calls++;
          throw dnsFailure;
        },
      },
      policy: { attempts: 4 },
    });
    expect(offline).toMatchObject({ ok: false, attempts: 1, failure: { kind: 'offline' } });
    if (!offline.ok) expect(offline.failure.message).toContain('huggingface.co (name not found, ENOTFOUND)');
    expect(calls).toBe(1);
    expect(sleeps).toEqual([]);

    const timeout = Object.assign(new Error('The operation was aborted due to timeout'), {
      name: 'TimeoutError',
    });
    const slow = await getText('https://huggingface.co/api/daily_papers', {
      deps: {
        ...deps,
        fetch: async () => {
          throw timeout;
        },
      },
      policy: { attempts: 3 },
    });
    expect(slow).toMatchObject({ ok: false, attempts: 3, failure: { kind: 'timeout' } });
    expect(sleeps).toHaveLength(2);
  });

  it('stops retrying when cancelled', async () => {
    server = await startServer(() => ({ status: 500 }));
    const { deps } = fastDeps();
    const abort = new AbortController();
    abort.abort();
    const res = await getText(`${server.url}/x`, { deps, signal: abort.signal });
    expect(res).toMatchObject({ ok: false, failure: { kind: 'aborted' } });
    expect(server.requests).toHaveLength(0);
  });
});

describe('retry timing', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2025-05-12T12:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Mon, 12 May 2025 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('keeps requests through a pacer at least the interval apart', async () => {
    const { deps, clock } = fastDeps();
    const pacer = createPacer(3000, deps);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      await pacer.wait();
      times.push(clock.ms());
    }
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(3000);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(3000);
  });
});
