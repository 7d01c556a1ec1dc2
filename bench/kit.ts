// Shared helpers for benchmarks: timing, heap, percentiles, and where ../shared lives.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whether run from bench/ (tsx) or dist/bench/ (compiled). */
export const ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(resolve(dir, 'package.json'))) {
    if (dirname(dir) === dir) throw new Error('bench: run from inside the Paperboy repository');
    dir = dirname(dir);
  }
  return dir;
})();

/** ../shared beside the repository: evaluation data that never enters the repo. */
export const SHARED = process.env.PAPERBOY_SHARED ?? resolve(ROOT, '..', 'shared');

export function sharedFile(...parts: string[]): string | undefined {
  const path = resolve(SHARED, ...parts);
  return existsSync(path) ? path : undefined;
}

export async function time<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

/**
 * A paired change (per item: after − before): its mean, standard error and how many items changed, and the mean
 * as "+0.12 ± 0.07". A change inside two standard errors is not evidence of a better build.
 */
export function pairedChange(diffs: readonly number[]): {
  mean: number;
  se: number;
  changed: number;
  text: string;
} {
  const n = diffs.length;
  const mean = diffs.reduce((a, x) => a + x, 0) / Math.max(1, n);
  const sd = Math.sqrt(diffs.reduce((a, x) => a + (x - mean) ** 2, 0) / Math.max(1, n - 1));
  const se = sd / Math.sqrt(Math.max(1, n));
  const changed = diffs.filter((x) => x !== 0).length;
  return { mean, se, changed, text: `${mean >= 0 ? '+' : ''}${mean.toFixed(2)} ± ${se.toFixed(2)}` };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx] as number;
}

export function heapMb(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

export interface BenchSuite {
  name: string;
  run(): Promise<void>;
}

export function report(suite: string, rows: Record<string, string | number>[]): void {
  console.log(`\n## ${suite}`);
  console.table(rows);
}

/** mulberry32: a small, fast, seeded generator, so resamples and synthetic data are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
