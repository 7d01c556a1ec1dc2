// `paperboy tldr` and `paperboy summarize`: in-process through main(), and through the built binary for stdin.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { BIN, ensureBuilt, ROOT } from '../support/dist.js';

const dir = mkdtempSync(join(tmpdir(), 'paperboy-tldr-'));

/** `paperboy ...args` in this process, with an empty environment (no catalog, no LLM). */
const paperboy = (args: string[]) => runCli(args);

/** The built binary in its own process, `input` on its stdin. */
function binary(args: string[], input: string) {
  const { PAPERBOY_CATALOG: _c, LLM_BASE_URL: _b, LLM_MODEL: _m, ...base } = process.env;
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: base,
    encoding: 'utf8',
    input,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const ABSTRACT =
  'Mixed precision training is widely used. However, the loss scale must be tuned for every model. In this paper, we propose adaptive loss scaling, which sets layer-wise loss scales automatically. Experiments show 18% faster convergence.';

beforeAll(() => ensureBuilt(), 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('paperboy tldr', () => {
  it('prints the TL;DR of one abstract, led by its opening topic as --batch leads it', async () => {
    const r = await paperboy(['tldr', ABSTRACT]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Mixed precision training: We propose adaptive loss scaling.*\.\n$/);
  });

  it('prints the TL;DR and key points as JSON', async () => {
    const r = await paperboy(['tldr', '--json', '--title', 'Adaptive Loss Scaling', ABSTRACT]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { tldr: string; keyPoints: string[] };
    expect(out.tldr).toMatch(/adaptive loss scaling/);
    expect(out.keyPoints.length).toBeGreaterThanOrEqual(2);
  });

  it('reads the text from stdin with "-" (built binary)', () => {
    const r = binary(['tldr', '-'], ABSTRACT);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Mixed precision training: We propose adaptive loss scaling/);
  });

  it('says there is no abstract to summarise, exit 2', async () => {
    const r = await paperboy(['tldr', '  ']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no abstract to summarise/i);
    expect(r.stdout).toBe('');
  });

  it('summarises {"id","text"} and SciTLDR lines, warning once per bad line', async () => {
    const batch = file(
      'batch.jsonl',
      [
        JSON.stringify({ id: 'a', text: ABSTRACT }),
        '{"id": "broken", "text": ',
        JSON.stringify({
          paper_id: 'SJ1',
          source: ['Graphs are common.', 'We propose a graph model for molecules.'],
          target: ['x'],
          title: 'Graph model',
        }),
        JSON.stringify({ id: 7, text: '' }),
        JSON.stringify({ name: 'no id' }),
        '',
        JSON.stringify({
          id: 'b',
          abstract: 'We study attention sinks in transformers.',
          title: 'Attention sinks',
        }),
      ].join('\n'),
    );
    const r = await paperboy(['tldr', '--batch', batch]);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; tldr: string });
    expect(lines.map((l) => l.id)).toEqual(['a', 'SJ1', '7', 'b']);
    // Without a title, the topic the abstract opens with leads its TL;DR when the word model favours it.
    expect(lines[0]?.tldr).toMatch(/^Mixed precision training: We propose adaptive loss scaling/);
    expect(lines[1]?.tldr).toBe('We propose a graph model for molecules.');
    expect(lines[2]?.tldr).toBe('');
    expect(Object.keys(lines[0] ?? {})).toEqual(['id', 'tldr']);
    const warnings = r.stderr.trim().split('\n');
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/batch\.jsonl:2: not valid JSON; skipped/);
    expect(warnings[1]).toMatch(/batch\.jsonl:4: No abstract to summarise\. \(id 7\)/);
    expect(warnings[2]).toMatch(/batch\.jsonl:5: expected \{"id","text"\}/);
  });

  it('reads the batch from stdin (built binary)', () => {
    const r = binary(['tldr', '--batch', '-'], `${JSON.stringify({ id: 'a', text: ABSTRACT })}\n`);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).id).toBe('a');
  });

  it('stops with one line when the batch file is missing or has no usable line', async () => {
    const missing = await paperboy(['tldr', '--batch', join(dir, 'nope.jsonl')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^paperboy tldr: cannot read .*nope\.jsonl: ENOENT\n$/);
    const junk = await paperboy(['tldr', '--batch', file('junk.jsonl', 'junk\nmore junk\n')]);
    expect(junk.code).toBe(2);
    expect(junk.stderr).toMatch(/no usable line in .*junk\.jsonl \(2 skipped\)/);
  });

  it('explains its options with --help', async () => {
    const r = await paperboy(['tldr', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--batch FILE');
  });
});

describe('paperboy summarize', () => {
  const catalog = () =>
    file(
      'catalog.jsonl',
      [
        JSON.stringify({
          id: '2001.00001',
          title: 'Adaptive Loss Scaling for Mixed Precision Training',
          abstract: `${ABSTRACT} Code: https://github.com/example/als`,
          authors: ['Ada Lovelace', 'Alan Turing'],
        }),
        JSON.stringify({
          id: '2001.00002',
          title: 'Latent Diffusion Models for Video Generation',
          abstract:
            'Video generation is expensive. We propose a latent diffusion model that generates long videos from text. It reaches an FVD of 212 on UCF-101.',
          authors: ['Grace Hopper'],
        }),
      ].join('\n'),
    );

  it('finds a paper by its id and prints its TL;DR, key points, authors and links', async () => {
    const r = await paperboy(['summarize', '2001.00001', '--catalog', catalog()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Adaptive Loss Scaling for Mixed Precision Training\n/);
    expect(r.stdout).toMatch(/TL;DR {2}We propose adaptive loss scaling/);
    expect(r.stdout).toContain('Authors  Ada Lovelace, Alan Turing');
    expect(r.stdout).toContain('https://github.com/example/als');
  });

  it('finds a paper by title words and answers JSON with --json', async () => {
    const r = await paperboy(['summarize', 'latent', 'diffusion', 'video', '--catalog', catalog(), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['id', 'title', 'tldr', 'keyPoints', 'authors', 'links']);
    expect(out.id).toBe('2001.00002');
    expect(out.tldr).toMatch(/latent diffusion model/);
    expect(out.authors).toEqual(['Grace Hopper']);
  });

  it('says no paper matches, exit 2', async () => {
    const r = await paperboy(['summarize', 'quantum', 'gravity', '--catalog', catalog()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^paperboy summarize: no paper matches "quantum gravity"/);
  });

  it('summarises a seed paper by default', async () => {
    const r = await paperboy(['summarize', 'offline reinforcement learning multi-step reasoning', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).tldr).toMatch(/OREO/);
  });
});
