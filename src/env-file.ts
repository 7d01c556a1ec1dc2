// Reads `.env` into the environment at start-up; a variable already set in the real environment wins.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

export interface EnvFileResult {
  /** The file read, or undefined when there was none. */
  path?: string;
  /** Variables taken from the file (not those the environment already set). */
  loaded: string[];
}

/**
 * Same syntax as Node's `process.loadEnvFile` (it is Node's own parser), but the target is passed in so a test can
 * use a plain object, and a missing file is simply no file: `.env` is optional.
 */
export function loadEnvFile(env: NodeJS.ProcessEnv, path = resolve('.env')): EnvFileResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { loaded: [] };
    throw new EnvFileError(`cannot read ${path}: ${(error as Error).message} (fix or remove the .env file)`);
  }
  const loaded: string[] = [];
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (env[name] !== undefined) continue;
    env[name] = value;
    loaded.push(name);
  }
  return { path, loaded };
}

/** An unreadable `.env`: one line saying which file, exit 2. */
export class EnvFileError extends Error {
  override readonly name = 'EnvFileError';
}
