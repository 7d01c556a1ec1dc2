// `npm start` rebuilds only when a source is newer than dist/ (a start takes a second, not a tsc run).
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isStale } from '../../bin/build-if-stale.js';

const dir = mkdtempSync(join(tmpdir(), 'paperboy-stale-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A checkout with one source and (optionally) a build, each with the given modification time (seconds). */
function checkout(name: string, source: number, built?: number): string {
  const root = join(dir, name);
  mkdirSync(join(root, 'src', 'app'), { recursive: true });
  writeFileSync(join(root, 'src', 'app', 'a.ts'), 'export {};\n');
  utimesSync(join(root, 'src', 'app', 'a.ts'), source, source);
  if (built !== undefined) {
    mkdirSync(join(root, 'dist', 'src'), { recursive: true });
    writeFileSync(join(root, 'dist', 'src', 'main.js'), '\n');
    utimesSync(join(root, 'dist', 'src', 'main.js'), built, built);
  }
  return root;
}

describe('isStale', () => {
  it('is false when the build is newer than every source', () => {
    expect(isStale(checkout('fresh', 1_000, 2_000))).toBe(false);
  });

  it('is true when a source changed after the build', () => {
    expect(isStale(checkout('changed', 3_000, 2_000))).toBe(true);
  });

  it('is true when there is no build yet', () => {
    expect(isStale(checkout('unbuilt', 1_000))).toBe(true);
  });

  it('is false for an installed package without sources', () => {
    const root = join(dir, 'installed');
    mkdirSync(join(root, 'dist', 'src'), { recursive: true });
    expect(isStale(root)).toBe(false);
  });
});
