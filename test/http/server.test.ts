import { afterEach, describe, expect, it } from 'vitest';
import { type RunningServer, startHttpServer } from '../../src/http/server.js';
import { silentLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(ready: boolean) {
  const metrics = createMetrics({ defaults: false });
  metrics.catalogSize.set(57);
  running = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    logger: silentLogger(),
    registry: metrics.registry,
    health: async () => ({ ready, checks: { catalog: ready, store: true } }),
    routes: {
      '/echo': (req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(`echo ${req.method}`);
      },
      '/boom': () => {
        throw new Error('secret stack');
      },
    },
  });
  return `http://127.0.0.1:${running.port}`;
}

describe('http server', () => {
  it('answers 200 on /healthz only when ready', async () => {
    const base = await start(true);
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', checks: { catalog: true } });
  });

  it('answers 503 on /healthz while starting', async () => {
    const base = await start(false);
    expect((await fetch(`${base}/healthz`)).status).toBe(503);
  });

  it('serves Prometheus metrics', async () => {
    const base = await start(true);
    const body = await (await fetch(`${base}/metrics`)).text();
    expect(body).toContain('paperboy_catalog_papers 57');
  });

  it('routes mounted paths and 404s the rest', async () => {
    const base = await start(true);
    expect(await (await fetch(`${base}/echo`, { method: 'POST' })).text()).toBe('echo POST');
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });

  it('turns a handler crash into a 500 without leaking the error', async () => {
    const base = await start(true);
    const res = await fetch(`${base}/boom`);
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('secret');
  });
});
