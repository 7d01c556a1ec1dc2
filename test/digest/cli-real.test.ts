// `paperboy digest` through the real CLI entry point: bundled catalog, real search, a real SQLite ledger.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/kit.js';
import { main } from '../../src/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'paperboy-digest-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function paperboy(env: NodeJS.ProcessEnv, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t), env };
  const code = await main(['digest', ...args], io);
  return { code, out: out.join(''), err: err.join('') };
}

describe('paperboy digest (real catalog and store)', () => {
  const env = { DATABASE_URL: `sqlite:${join(dir, 'paperboy.db')}` };

  it('previews the bundled catalog as JSON without creating a database', async () => {
    const r = await paperboy(
      { DATABASE_URL: `sqlite:${join(dir, 'none.db')}` },
      '--topics',
      'diffusion; rlhf',
      '--json',
      '--date',
      '2026-01-01',
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ channel: null, date: '2026-01-01' });
    expect(json.papers).toHaveLength(5);
    for (const p of json.papers) {
      expect(Object.keys(p).sort()).toEqual(['id', 'reason', 'title', 'tldr']);
      expect(p.tldr.length).toBeGreaterThan(10);
    }
  });

  it('commits picks to a channel ledger so the next committed run never repeats them', async () => {
    const args = [
      '--topics',
      'diffusion; rlhf',
      '--channel',
      'slack:T1:C1',
      '--count',
      '4',
      '--commit',
      '--json',
    ];
    const first = JSON.parse((await paperboy(env, ...args)).out);
    const second = JSON.parse((await paperboy(env, ...args)).out);
    expect(first.channel).toBe('slack:T1:C1');
    const ids = [...first.papers, ...second.papers].map((p: { id: string }) => p.id);
    expect(ids).toHaveLength(8);
    expect(new Set(ids).size).toBe(8);
  });

  it('says what to fix on bad input, with exit code 2', async () => {
    const r = await paperboy(env, '--topics', 'x', '--channel', 'irc:x');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^paperboy digest: "irc:x" is not a channel key/);
    const bad = await paperboy({ DATABASE_URL: 'mysql://x' }, '--topics', 'x', '--channel', 'slack:T:C');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/DATABASE_URL/);
  });
});
