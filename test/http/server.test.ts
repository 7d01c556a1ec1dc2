import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type ConnectionLimits, type RunningServer, startHttpServer } from '../../src/http/server.js';
import { silentLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(ready: boolean, limits?: ConnectionLimits) {
  const metrics = createMetrics({ defaults: false });
  metrics.catalogSize.set(57);
  running = await startHttpServer({
    ...(limits ? { limits } : {}),
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
      '/tree/': (req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(`below ${req.url}`);
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

  it('lets a route mounted at a path ending in / answer the paths below it, and only those', async () => {
    const base = await start(true);
    expect(await (await fetch(`${base}/tree/abc.atom?x=1`)).text()).toBe('below /tree/abc.atom?x=1');
    expect(await (await fetch(`${base}/tree/`)).text()).toBe('below /tree/');
    expect((await fetch(`${base}/treetop`)).status).toBe(404);
  });

  it('turns a handler crash into a 500 without leaking the error', async () => {
    const base = await start(true);
    const res = await fetch(`${base}/boom`);
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('secret');
  });
});

/** A raw connection, to behave as no fetch client would: stall, or send headers without a body. */
async function socket(): Promise<{ sock: Socket; closed: Promise<string> }> {
  const sock = connect(running?.port ?? 0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    sock.once('connect', resolve);
    sock.once('error', reject);
  });
  let received = '';
  sock.on('data', (chunk) => {
    received += chunk.toString();
  });
  sock.on('error', () => {});
  const closed = new Promise<string>((resolve) => sock.once('close', () => resolve(received)));
  return { sock, closed };
}

const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<'still open'>((r) => setTimeout(() => r('still open'), ms))]);

describe('http server under idle and oversized requests', () => {
  const quick: ConnectionLimits = { requestTimeoutMs: 300, headersTimeoutMs: 300, keepAliveTimeoutMs: 300 };

  it('closes a connection that never sends a byte', async () => {
    await start(true, quick);
    const { closed } = await socket();
    expect(await within(closed, 5_000)).not.toBe('still open');
  });

  it('closes a connection whose headers never finish', async () => {
    await start(true, quick);
    const { sock, closed } = await socket();
    sock.write('POST /echo HTTP/1.1\r\nhost: x\r\n');
    expect(await within(closed, 5_000)).not.toBe('still open');
  });

  it('closes sockets beyond the connection limit at once and still serves the others', async () => {
    const base = await start(true, { maxConnections: 2 });
    const a = await socket();
    const b = await socket();
    const c = await socket();
    expect(await within(c.closed, 2_000)).toBe('');
    a.sock.destroy();
    b.sock.destroy();
    await Promise.all([a.closed, b.closed]);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('refuses a body larger than 128 kB with 413 from its content-length, before it is sent', async () => {
    await start(true);
    const { sock, closed } = await socket();
    sock.write(
      'POST /echo HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 4000000\r\n\r\n',
    );
    const answer = await within(closed, 5_000);
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
  });

  it('refuses a body of unknown length with 411 and takes one just under the limit', async () => {
    const base = await start(true);
    const { sock, closed } = await socket();
    sock.write('POST /echo HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\n');
    expect(await within(closed, 5_000)).toMatch(/^HTTP\/1\.1 411/);
    const res = await fetch(`${base}/echo`, { method: 'POST', body: 'x'.repeat(128 * 1024) });
    expect(res.status).toBe(200);
  });
});
