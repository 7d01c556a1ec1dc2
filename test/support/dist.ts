// Tests that spawn the built program (dist/) build it first when a source is newer than the build.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const MAIN = join(ROOT, 'dist', 'src', 'main.js');
export const BIN = join(ROOT, 'bin', 'paperboy.js');

/** What tsconfig.build.json compiles, plus the configs (as bin/build-if-stale.js checks). */
const SOURCES = ['src', 'commands', 'bench', 'tsconfig.json', 'tsconfig.build.json'];
const LOCK = join(ROOT, 'dist', '.test-build-lock');

function newest(path: string): number {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return /\.(ts|json)$/.test(path) ? stat.mtimeMs : 0;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function stale(): boolean {
  let built = 0;
  try {
    built = statSync(MAIN).mtimeMs;
  } catch {
    // not built yet
  }
  return built < Math.max(...SOURCES.map((source) => newest(join(ROOT, source))));
}

/** Whether the process holding the lock is gone (a killed run): its pid is in the lock, not its age. */
function abandoned(): boolean {
  try {
    process.kill(Number(readFileSync(join(LOCK, 'pid'), 'utf8')), 0);
    return false;
  } catch (error) {
    // No pid file yet: its owner is between mkdir and write; EPERM: alive, someone else's.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds dist/ when a source is newer. Test files run in parallel workers: one builds while the others wait,
 * so no test spawns a program that another file's `tsc` is half-way through rewriting.
 */
export function ensureBuilt(): void {
  if (!stale()) return;
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      break;
    } catch {
      if (abandoned()) rmSync(LOCK, { recursive: true, force: true });
      else sleep(200);
    }
  }
  try {
    if (stale()) execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'pipe' });
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
