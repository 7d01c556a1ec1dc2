// `npm start` (dist/src/main.js): the console without platform credentials, the server with PAPERBOY_MODE=server.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMode } from '../../src/app/services.js';
import { readConfig } from '../../src/config.js';
import { openStore } from '../../src/store/index.js';
import { ensureBuilt, MAIN } from '../support/dist.js';

const dir = mkdtempSync(join(tmpdir(), 'paperboy-main-'));

beforeAll(ensureBuilt);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = (extra: Record<string, string>) => {
  const { PAPERBOY_CATALOG: _c, LOG_LEVEL: _l, DISCORD_TOKEN: _d, PAPERBOY_MODE: _m, ...base } = process.env;
  return {
    ...base,
    NO_COLOR: '1',
    PAPERBOY_SOURCES: 'none',
    DATABASE_URL: `sqlite:${join(dir, 'p.db')}`,
    ...extra,
  };
};

/** Starts the built bot in server mode on a free port; resolves once it says it is running. */
async function startServer(extra: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    cwd: dir,
    env: env({ PAPERBOY_MODE: 'server', PORT: '0', LOG_LEVEL: 'info', ...extra }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let logs = '';
  const port = await new Promise<number>((resolvePort, reject) => {
    child.stderr?.on('data', (chunk) => {
      logs += String(chunk);
      // Health answers 503 until the catalog and store are ready; "paperboy is running" says they are.
      const match = /"port":(\d+)[^\n]*"msg":"paperboy is running"/.exec(logs);
      if (match) resolvePort(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${logs}`)));
  });
  return { child, port };
}

describe('startMode', () => {
  it('runs the console unless a platform is configured or the server is asked for', () => {
    expect(startMode(readConfig({}))).toBe('console');
    expect(startMode(readConfig({ DISCORD_TOKEN: 'x' }))).toBe('server');
    expect(startMode(readConfig({ PAPERBOY_MODE: 'server' }))).toBe('server');
    expect(startMode(readConfig({ DISCORD_TOKEN: 'x', PAPERBOY_MODE: 'console' }))).toBe('console');
    expect(() => readConfig({ PAPERBOY_MODE: 'bot' })).toThrow(
      /PAPERBOY_MODE: must be auto, console or server/,
    );
  });
});

describe('npm start (dist/src/main.js)', () => {
  it('with no credentials, answers console lines from stdin and exits', () => {
    const r = spawnSync(process.execPath, [MAIN], {
      cwd: dir,
      env: env({}),
      input: 'search reward hacking limit:1\nexit\n',
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Papers for “reward hacking”');
  });

  it('in server mode, serves /healthz and stops cleanly on SIGTERM', async () => {
    const { child, port } = await startServer({});
    // The server listens before the catalog is loaded and answers 503 until it is ready.
    let health = await fetch(`http://127.0.0.1:${port}/healthz`);
    for (let i = 0; i < 100 && health.status === 503; i++) {
      await new Promise((r) => setTimeout(r, 100));
      health = await fetch(`http://127.0.0.1:${port}/healthz`);
    }
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', checks: { store: true, papers: 57 } });
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('with METRICS_PORT, serves /metrics on that port and not on the public one', async () => {
    const metricsPort = await new Promise<number>((done) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => done(port));
      });
    });
    const { child, port } = await startServer({ METRICS_PORT: String(metricsPort) });
    try {
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);
      const served = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      expect(served.status).toBe(200);
      expect(await served.text()).toContain('paperboy_catalog_papers');
    } finally {
      const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });

  it('serves a channel its Atom feed at the address settings shows, and 404 for a token it never gave', async () => {
    const store = await openStore(`sqlite:${join(dir, 'p.db')}`);
    const token = await store.feedToken({ platform: 'slack', workspace: 'T1', channel: 'C1' }, true);
    await store.close();
    const { child, port } = await startServer({});
    try {
      const feed = await fetch(`http://127.0.0.1:${port}/feeds/${token}.atom`);
      expect(feed.status).toBe(200);
      expect(feed.headers.get('content-type')).toContain('atom+xml');
      expect(await feed.text()).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
      expect((await fetch(`http://127.0.0.1:${port}/feeds/not-a-token.atom`)).status).toBe(404);
    } finally {
      const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
