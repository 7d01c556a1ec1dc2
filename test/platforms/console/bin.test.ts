// The built `paperboy console` binary, spawned as a script would run it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt } from '../../support/dist.js';

const dir = mkdtempSync(join(tmpdir(), 'paperboy-console-bin-'));

beforeAll(ensureBuilt);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function paperboy(args: string[], input?: string) {
  const { PAPERBOY_CATALOG: _catalog, LOG_LEVEL: _level, FORCE_COLOR: _force, ...base } = process.env;
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    env: { ...base, NO_COLOR: '1', DATABASE_URL: `sqlite:${join(dir, 'paperboy.db')}` },
    encoding: 'utf8',
    ...(input !== undefined ? { input } : {}),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('paperboy console (built binary)', () => {
  it('runs --eval lines on the bundled seed and exits 0', () => {
    const r = paperboy([
      'console',
      '--eval',
      '/papers search value functions limit:2',
      '--eval',
      'summarize stop regressing',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Papers for “value functions” · page 1 of \d+ · \d+ papers/);
    expect(r.stdout).toContain('→ Next: /papers search value functions limit:2 page:2');
    expect(r.stdout).toContain(
      'Stop Regressing: Training Value Functions via Classification for Scalable Deep',
    );
    expect(r.stdout).not.toContain('\x1b[');
  });

  it('keeps the console channel in the SQLite file between runs', () => {
    const first = paperboy([
      'console',
      '--eval',
      'subscribe diffusion models time:07:15 timezone:Asia/Tokyo',
    ]);
    expect(first.code).toBe(0);
    const second = paperboy(['console', '--eval', 'settings']);
    expect(second.stdout).toContain('Topics               diffusion models');
    expect(second.stdout).toContain('Time                 07:15 (Asia/Tokyo)');
  });

  it('exits 2 when a command answers with an error', () => {
    const r = paperboy(['console', '-e', 'subscribe rl count:42']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('✗ Count must be at most 10.');
  });

  it('reads lines from stdin when there is no --eval', () => {
    const r = paperboy(['console'], 'help summarize\n/papers digest reward hacking\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('/papers summarize');
    expect(r.stdout).toContain('Digest preview: “reward hacking”');
  });

  it('says how to fix a bad DATABASE_URL in one line', () => {
    const r = spawnSync(process.execPath, [BIN, 'console', '-e', 'help'], {
      cwd: dir,
      env: { ...process.env, DATABASE_URL: 'mysql://nope' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^paperboy console: .*DATABASE_URL/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
