// `paperboy catalog`: in-process through main(), and through the built binary where the process is the point.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { BIN, ensureBuilt, ROOT } from '../support/dist.js';

const fixture = (name: string) => join(ROOT, 'test', 'fixtures', 'catalog', name);
// A store that does not exist: these tests are about the files alone (test/sources covers the store part).
const NO_STORE = { DATABASE_URL: `sqlite:${join(ROOT, 'test', 'no-such-dir', 'none.db')}` };

/** `paperboy ...args` in this process, with only NO_STORE and `env` as its environment. */
function paperboy(args: string[], env: Record<string, string> = {}) {
  return runCli(args, { ...NO_STORE, ...env });
}

/** The built binary in its own process: exit codes, real stdout/stderr, pipes. */
function binary(args: string[]) {
  const { PAPERBOY_CATALOG: _ignored, ...base } = process.env;
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...base, ...NO_STORE },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => ensureBuilt(), 120_000);

describe('paperboy catalog', () => {
  it('summarises the bundled seed: 57 papers and the 11 links their abstracts contain (built binary)', () => {
    const r = binary(['catalog']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^57 papers from 1 catalog file:/);
    expect(r.stdout).toContain('seeds/000_d6223e3cb437b556.txt  (trending page, 57 papers)');
    expect(r.stdout).toContain('Listed      2025-05-08');
    expect(r.stdout).toContain('11 links found: 7 code repositories, 4 project pages');
    expect(r.stdout).toContain(
      '   #1 Derivative-Free Guidance in Continuous and Discrete Diffusion Models with Soft Value-Based Decoding',
    );
    expect(r.stdout).toContain(
      '  #57 PAL: Pluralistic Alignment Framework for Learning from Heterogeneous Preferences',
    );
    expect(r.stdout).toContain('code     https://github.com/masa-ue/SVDD');
    expect(r.stdout).not.toMatch(/\{https|\\"|``/);
  });

  it('prints every paper and warning as JSON with --json', async () => {
    const r = await paperboy(['catalog', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      papers: { id: string; title: string; abstract: string; links: Record<string, string> }[];
      warnings: unknown[];
    };
    expect(Object.keys(out)).toEqual(['papers', 'warnings']);
    expect(out.papers).toHaveLength(57);
    expect(out.warnings).toEqual([]);
    const links = out.papers.flatMap((p) => [p.links.code, p.links.project].filter(Boolean));
    expect(links).toHaveLength(11);
    for (const p of out.papers) {
      expect(p.id).toMatch(/^[a-z0-9-]+$/);
      expect(p.title.length).toBeGreaterThan(10);
      expect(p.abstract.length).toBeGreaterThan(300);
    }
  });

  it('loads a partly broken file: warnings on stderr (one line each) and in the JSON, exit 0', async () => {
    const file = fixture('hostile.jsonl');
    const r = await paperboy(['catalog', '--catalog', file, '--json']);
    expect(r.code).toBe(0);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(8);
    expect(lines[1]).toBe(`paperboy: warning: ${file}:3: expected one JSON object per line, got an array`);
    const out = JSON.parse(r.stdout) as {
      papers: unknown[];
      warnings: { file: string; line: number; reason: string }[];
    };
    expect(out.papers).toHaveLength(6);
    expect(out.warnings).toHaveLength(8);
    expect(out.warnings[0]).toEqual({ file, line: 2, reason: expect.stringMatching(/^invalid JSON/) });
  });

  it.each([
    [
      'a missing file',
      'missing.jsonl',
      /^paperboy catalog: .*missing\.jsonl: no such file \(check --catalog or PAPERBOY_CATALOG\)\n$/,
    ],
    ['an empty file', 'empty.jsonl', /^paperboy catalog: .*empty\.jsonl: is empty\n$/],
    ['binary garbage', 'garbage.bin', /^paperboy catalog: .*garbage\.bin: is binary data, not a catalog/],
    [
      'a file without any paper',
      'all-bad.jsonl',
      /^paperboy catalog: .*all-bad\.jsonl: no paper could be loaded/,
    ],
  ])('stops on %s with one line and exit 2, no stack trace', async (_what, name, message) => {
    const r = await paperboy(['catalog', '--catalog', fixture(name)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('stops on a missing file with one line and exit 2, no stack trace (built binary)', () => {
    const r = binary(['catalog', '--catalog', fixture('missing.jsonl')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^paperboy catalog: .*missing\.jsonl: no such file \(check --catalog or PAPERBOY_CATALOG\)\n$/,
    );
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('merges repeated --catalog files', async () => {
    const r = await paperboy([
      'catalog',
      '--json',
      '--catalog',
      fixture('beir-corpus.jsonl'),
      '-c',
      fixture('arxiv-listing.jsonl'),
    ]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { papers: unknown[] }).papers).toHaveLength(8);
  });

  it('reads PAPERBOY_CATALOG (comma-separated) when no --catalog is given, and --catalog wins over it', async () => {
    const env = { PAPERBOY_CATALOG: `${fixture('beir-corpus.jsonl')}, @seed` };
    const fromEnv = await paperboy(['catalog', '--json'], env);
    expect((JSON.parse(fromEnv.stdout) as { papers: unknown[] }).papers).toHaveLength(62);
    const flag = await paperboy(['catalog', '--json', '--catalog', fixture('arxiv-listing.jsonl')], env);
    expect((JSON.parse(flag.stdout) as { papers: unknown[] }).papers).toHaveLength(3);
  });

  it('lists as many papers as --limit asks', async () => {
    const r = await paperboy(['catalog', '--limit', '3']);
    expect(r.stdout).toContain('Top 3 of 57 papers:');
    expect(r.stdout).toContain('#3 Stop Regressing');
    expect(r.stdout).not.toContain('#4 ');
    expect(r.stdout).toContain('… 54 more papers');
  });

  it('answers bad usage with one line and exit 2', async () => {
    for (const args of [
      ['catalog', '--catalog', ''],
      ['catalog', '--limit', 'many'],
      ['catalog', '--nope'],
      ['catalog', 'extra'],
    ]) {
      const r = await paperboy(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });

  it('documents its options with --help', async () => {
    const r = await paperboy(['catalog', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('paperboy catalog [--catalog PATH]... [--json]');
    expect(r.stdout).toContain('PAPERBOY_CATALOG');
  });

  it('stops quietly when the reader closes the pipe early (built binary)', () => {
    const r = spawnSync(
      'bash',
      ['-c', `node ${JSON.stringify(BIN)} catalog --json | head -c 10 >/dev/null; echo "\${PIPESTATUS[0]}"`],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(r.stdout.trim()).toBe('0');
    expect(r.stderr).toBe('');
  });
});
