// `npm run bench`: runs every benchmark suite and prints its figures (reported, never asserted).
import type { BenchSuite } from './kit.js';

const suites: Array<() => Promise<BenchSuite>> = [
  async () => (await import('./catalog.js')).default,
  async () => (await import('./store.js')).default,
  async () => (await import('./commands.js')).default,
  async () => (await import('./digest.js')).default,
  async () => (await import('./feedback.js')).default,
  async () => (await import('./sources.js')).default,
  async () => (await import('./search.js')).default,
  async () => (await import('./summarize.js')).default,
  async () => (await import('./faults.js')).default,
  async () => (await import('./hostile.js')).default,
  async () => (await import('./startup.js')).default,
];

const only = process.argv[2];
for (const load of suites) {
  const suite = await load();
  if (only && suite.name !== only) continue;
  await suite.run();
}
