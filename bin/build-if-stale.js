// Before `paperboy start` runs the compiled bot: rebuilds dist/ when a source file is newer than it, else nothing.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUILT = join(ROOT, 'dist', 'src', 'main.js');
// What tsconfig.build.json compiles, plus the configs themselves.
const SOURCES = ['src', 'commands', 'bench', 'tsconfig.json', 'tsconfig.build.json'];

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/** The newest modification time of the .ts/.json files under `path` (0 when there are none). */
function newest(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return /\.(ts|json)$/.test(path) ? stat.mtimeMs : 0;
  let max = 0;
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

/**
 * True when dist/ is missing or older than a source. An installed package without its sources (or without
 * TypeScript) runs the dist/ it shipped with.
 */
export function isStale(root = ROOT) {
  const built = mtime(join(root, 'dist', 'src', 'main.js'));
  if (mtime(join(root, 'src')) === undefined) return false;
  if (built === undefined) return true;
  return SOURCES.some((source) => newest(join(root, source)) > built);
}

function hasTypeScript() {
  try {
    createRequire(join(ROOT, 'package.json')).resolve('typescript');
    return true;
  } catch {
    return false;
  }
}

/** Runs `npm run build` when dist/ is stale; returns false (having said why on stderr) when the build failed. */
export function buildIfStale(stderr = process.stderr) {
  if (!isStale()) return true;
  // An installed package has no compiler (a dev dependency): it runs the dist/ it shipped with.
  if (!hasTypeScript()) {
    if (mtime(BUILT) !== undefined) return true;
    stderr.write('paperboy: not built yet and TypeScript is not installed: run `npm install` first\n');
    return false;
  }
  const reason = mtime(BUILT) === undefined ? 'no build yet' : 'sources changed since the last build';
  stderr.write(`paperboy: ${reason}: building (npm run build)…\n`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (result.status === 0) return true;
  stderr.write('paperboy: the build failed (see above): fix the TypeScript errors, or run `npm run build`\n');
  return false;
}
