// The dependency rule the runtime relies on: commands/ builds on src/, and only main.ts brings the two together.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const files = sources(join(ROOT, 'src')).map((path) => ({
  name: relative(ROOT, path),
  text: readFileSync(path, 'utf8'),
}));

describe('layout', () => {
  it('imports commands/ only from the composition root, src/main.ts', () => {
    const importing = files.filter((f) =>
      /from '(?:\.\.\/)+commands\/|import\('(?:\.\.\/)+commands\//.test(f.text),
    );
    expect(importing.map((f) => f.name)).toEqual(['src/main.ts']);
  });

  it('asks commands what they need instead of checking their names', () => {
    const checks = files.filter((f) => /\b(?:spec|c|command)\.name === '/.test(f.text));
    expect(checks.map((f) => f.name)).toEqual([]);
  });
});
