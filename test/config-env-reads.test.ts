// Every environment variable is read in src/config.ts: no other module of src/ looks at process.env or names a
// variable on an environment object, apart from the few named here with the reason they must.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../src');

/** Files that touch process.env, and why they may. */
const MAY_TOUCH_PROCESS_ENV: Record<string, string> = {
  'config.ts': 'the one place variables are read',
  'main.ts':
    'start() hands the whole process environment to .env loading and readConfig; it reads no variable',
  'cli/kit.ts': 'the CLI hands the whole process environment to each command, which passes it to config.ts',
  'platforms/discord/gateway.ts':
    'SHARDING_MANAGER and SHARDS are set by discord.js for its shard children, not by whoever runs Paperboy',
};

/** Files that read a variable by name off an environment object (env.NAME). */
const MAY_READ_A_VARIABLE: Record<string, string> = {
  'config.ts': 'the one place variables are read',
  'platforms/discord/gateway.ts': 'discord.js sets SHARDING_MANAGER and SHARDS for its shard children',
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [relative(SRC, path).split('\\').join('/')] : [];
  });
}

/** The code without its comments, so a doc comment that mentions process.env does not count. */
function code(file: string): string {
  return readFileSync(join(SRC, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

describe('environment variables', () => {
  const files = sources(SRC);

  it('finds the sources it checks', () => {
    expect(files).toContain('config.ts');
    expect(files.length).toBeGreaterThan(50);
  });

  it('are reached through process.env only by config.ts and the files that must', () => {
    const touching = files.filter((f) => /\bprocess\.env\b/.test(code(f)));
    expect(touching.filter((f) => !(f in MAY_TOUCH_PROCESS_ENV))).toEqual([]);
  });

  it('are read by name only in config.ts (and discord.js’s own sharding variables)', () => {
    const reading = files.filter((f) => /\benv\s*(\.\s*[A-Z][A-Z0-9_]*\b|\[\s*['"`])/.test(code(f)));
    expect(reading.filter((f) => !(f in MAY_READ_A_VARIABLE))).toEqual([]);
  });

  it('names no allowed file that no longer needs it', () => {
    const touching = new Set(files.filter((f) => /\bprocess\.env\b/.test(code(f))));
    expect(Object.keys(MAY_TOUCH_PROCESS_ENV).filter((f) => !touching.has(f))).toEqual([]);
  });
});
