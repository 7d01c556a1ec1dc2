// Start-up benchmark: `paperboy start` (what `npm start` runs) from launch until the console has answered and quit.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BenchSuite, percentile, ROOT, report } from './kit.js';

const RUNS = 5;

/** One start of the console on the bundled seed, with `exit` piped in: the time a person waits for the prompt. */
function startMs(databaseUrl: string): { ms: number; ok: boolean } {
  const began = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'paperboy.js'), 'start'], {
    cwd: ROOT,
    input: 'exit\n',
    encoding: 'utf8',
    env: {
      ...process.env,
      NO_COLOR: '1',
      PAPERBOY_SOURCES: 'none',
      DATABASE_URL: databaseUrl,
      PAPERBOY_MODE: 'console',
    },
  });
  return { ms: Number(process.hrtime.bigint() - began) / 1e6, ok: r.status === 0 };
}

const suite: BenchSuite = {
  name: 'startup',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-bench-startup-'));
    try {
      const url = `sqlite:${join(dir, 'p.db')}`;
      startMs(url); // creates and migrates the database, as a first start does
      const runs = Array.from({ length: RUNS }, () => startMs(url));
      const sorted = runs.map((r) => r.ms).sort((a, b) => a - b);
      report('startup', [
        {
          measure: `paperboy start → console answered 'exit' (${RUNS} runs, target ≤ 2000 ms)`,
          'median ms': Math.round(percentile(sorted, 50)),
          'min ms': Math.round(sorted[0] ?? 0),
          ok: runs.every((r) => r.ok) ? 'yes' : 'NO',
        },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default suite;
