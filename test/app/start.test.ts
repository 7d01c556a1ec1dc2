// Start-up: `.env` is read under the real environment, and a start that cannot work exits non-zero at once.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnvFile } from '../../src/env-file.js';
import { ensureBuilt, MAIN } from '../support/dist.js';

const dir = mkdtempSync(join(tmpdir(), 'paperboy-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadEnvFile', () => {
  it('adds the variables of .env that the environment does not set, and keeps those it does', () => {
    const path = join(dir, 'unit.env');
    writeFileSync(
      path,
      '# tokens\nDISCORD_TOKEN=from-file\nLOG_LEVEL=debug\nexport LLM_MODEL="llama 3"\nEMPTY=\n',
    );
    const env: NodeJS.ProcessEnv = { LOG_LEVEL: 'warn' };
    const result = loadEnvFile(env, path);
    expect(env).toEqual({ DISCORD_TOKEN: 'from-file', LOG_LEVEL: 'warn', LLM_MODEL: 'llama 3', EMPTY: '' });
    expect(result.loaded.sort()).toEqual(['DISCORD_TOKEN', 'EMPTY', 'LLM_MODEL']);
  });

  it('without a .env file changes nothing', () => {
    const env: NodeJS.ProcessEnv = { A: '1' };
    expect(loadEnvFile(env, join(dir, 'missing.env'))).toEqual({ loaded: [] });
    expect(env).toEqual({ A: '1' });
  });

  it('a .env that cannot be read is a one-line error naming the file', () => {
    expect(() => loadEnvFile({}, dir)).toThrow(/cannot read .*paperboy-start-.*fix or remove the .env file/);
  });
});

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Killed because it was still running after the deadline. */
  hung: boolean;
}

/** Runs dist/src/main.js in `cwd`; kills it after `deadlineMs` (a start that hangs fails the test, not the run). */
function runMain(cwd: string, extra: Record<string, string>, input = 'exit\n', deadlineMs = 10_000) {
  const {
    PAPERBOY_CATALOG: _c,
    DATABASE_URL: _d,
    DISCORD_TOKEN: _t,
    PAPERBOY_MODE: _m,
    ...base
  } = process.env;
  return new Promise<Exit>((done) => {
    const child = spawn(process.execPath, [MAIN], {
      cwd,
      env: {
        ...base,
        NO_COLOR: '1',
        LOG_LEVEL: 'silent',
        PAPERBOY_SOURCES: 'none',
        DATABASE_URL: 'sqlite::memory:',
        ...extra,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let hung = false;
    child.stdout.on('data', (c) => {
      stdout += String(c);
    });
    child.stderr.on('data', (c) => {
      stderr += String(c);
    });
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, deadlineMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, hung });
    });
    child.stdin.end(input);
  });
}

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  await new Promise((r) => server.close(r));
  return typeof address === 'object' && address ? address.port : 1;
}

describe('npm start with a .env file', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('reads .env from the working directory, and the environment overrides it', async () => {
    const cwd = mkdtempSync(join(dir, 'env-'));
    writeFileSync(join(cwd, '.env'), 'PAPERBOY_CATALOG=from-dotenv.jsonl\n');
    const fromFile = await runMain(cwd, {});
    expect(fromFile.stderr).toContain('from-dotenv.jsonl: no such file');
    expect(fromFile.code).toBe(2);

    const overridden = await runMain(
      cwd,
      { PAPERBOY_CATALOG: '@seed' },
      'search reward hacking limit:1\nexit\n',
    );
    expect(overridden.stderr).toBe('');
    expect(overridden.stdout).toContain('Papers for “reward hacking”');
    expect(overridden.code).toBe(0);
  });
});

describe('a start that cannot work exits non-zero with one line saying what to fix', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  // Server mode listens for /healthz before loading anything: that socket must not keep a failed start alive.
  const modes = ['console', 'server'] as const;
  for (const mode of modes) {
    describe(`(${mode})`, () => {
      const extra: Record<string, string> = mode === 'server' ? { PAPERBOY_MODE: 'server', PORT: '0' } : {};

      it('a missing catalog file', async () => {
        const r = await runMain(dir, { ...extra, PAPERBOY_CATALOG: join(dir, 'nope.jsonl') });
        expect(r.hung).toBe(false);
        expect(r.code).toBe(2);
        expect(r.stderr.trim().split('\n')).toEqual([
          `paperboy: ${join(dir, 'nope.jsonl')}: no such file (check --catalog or PAPERBOY_CATALOG)`,
        ]);
      });

      it('an unreachable PostgreSQL', async () => {
        const port = await closedPort();
        const r = await runMain(dir, { ...extra, DATABASE_URL: `postgres://u:p@127.0.0.1:${port}/paperboy` });
        expect(r.hung).toBe(false);
        expect(r.code).toBe(2);
        expect(r.stderr.trim().split('\n')).toEqual([
          `paperboy: cannot reach PostgreSQL at 127.0.0.1:${port} (ECONNREFUSED): check the host and port in DATABASE_URL and that the server is running`,
        ]);
      });

      it('a SQLite path whose directory cannot be created', async () => {
        // Node's recursive mkdir spins forever under /proc; the start must not.
        const r = await runMain(dir, { ...extra, DATABASE_URL: 'sqlite:/proc/nope/x.db' });
        expect(r.hung).toBe(false);
        expect(r.code).toBe(2);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).toMatch(
          /^paperboy: cannot open the SQLite database \/proc\/nope\/x\.db: .*DATABASE_URL/,
        );
      });
    });
  }
});
