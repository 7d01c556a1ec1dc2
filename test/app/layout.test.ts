// The dependency rule the runtime relies on: commands/ builds on src/, and only main.ts brings the two together.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
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

/** Each file's relative imports (type-only ones too: a cycle of types still knots two modules together). */
function importGraph(): Map<string, string[]> {
  const names = new Set(files.map((f) => f.name));
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const targets: string[] = [];
    for (const m of f.text.matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)) {
      const path = relative(ROOT, resolve(ROOT, dirname(f.name), m[1] as string)).replace(/\.js$/, '.ts');
      const target = names.has(path) ? path : path.replace(/\.ts$/, '/index.ts');
      if (names.has(target)) targets.push(target);
    }
    graph.set(f.name, targets);
  }
  return graph;
}

/** Every import cycle met by a depth-first walk, each as the files around it. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push(stack.slice(stack.indexOf(next)));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

describe('layout', () => {
  it('has no import cycles in src/', () => {
    expect(cycles(importGraph()).map((c) => c.join(' -> '))).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself)', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(cycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

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
