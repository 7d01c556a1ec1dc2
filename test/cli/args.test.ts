// The command line answers bad arguments in its own words (never Node's parseArgs text) and with exit code 2.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../search/papers.js';
import { runCli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'paperboy-cli-args-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const catalog = join(dir, 'catalog.jsonl');
writeFileSync(catalog, CATALOG.map((p) => JSON.stringify(p)).join('\n'));

const paperboy = (...args: string[]) => runCli(args);

describe('bad arguments', () => {
  it.each([
    [['search', '--lim', '3', 'rl'], 'paperboy search: unknown option --lim: did you mean --limit?'],
    [['search', 'rl', '--limit'], 'paperboy search: --limit needs a value'],
    [
      ['search', '--limit', '--json', 'rl'],
      'paperboy search: --limit needs a value, got the option --json (write --limit=--json if that is the value)',
    ],
    [['search', '--json=yes', 'rl'], 'paperboy search: --json takes no value (write just --json)'],
    [
      ['catalog', 'extra'],
      'paperboy catalog: unexpected argument "extra": this command takes only options (see --help)',
    ],
  ])('%j → one line of our own', async (args, line) => {
    const r = await paperboy(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${line}\n`);
    expect(r.stderr).not.toMatch(/ambiguous|positional argument|place it at the end|<value>/);
  });
});

describe('paperboy digest --count', () => {
  it('accepts what the bot accepts, 1 to 10', async () => {
    const ok = await paperboy('digest', '--topics', 'diffusion', '--count', '10', '--catalog', catalog);
    expect(ok.code).toBe(0);
    const over = await paperboy('digest', '--topics', 'diffusion', '--count', '11', '--catalog', catalog);
    expect(over.code).toBe(2);
    expect(over.stderr).toBe('paperboy digest: --count must be a whole number from 1 to 10 (got "11")\n');
  });
});

describe('paperboy search --batch', () => {
  it('refuses a binary file with exit code 2 and one line, printing no results', async () => {
    const binary = join(dir, 'image.png');
    writeFileSync(
      binary,
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
    );
    const r = await paperboy('search', '--catalog', catalog, '--batch', binary);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `paperboy search: ${binary} is a binary file, not a batch: give one {"id","query"} JSON object per line\n`,
    );
  });
});
