// Runs a TypeScript script in a child `node` process, for tests that must kill a real process or load SDKs fresh.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const hooks = fileURLToPath(new URL('ts-hooks.mjs', import.meta.url));

export interface ChildRun {
  child: ChildProcess;
  done: Promise<{ code: number | null; out: string; err: string }>;
}

/** Runs a TypeScript child script in its own `node` process with the given environment added. */
export function runChild(script: string, env: Record<string, string>): ChildRun {
  const child = spawn(process.execPath, ['--import', hooks, script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    err += d;
  });
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    child.on('exit', (code) => resolve({ code, out, err }));
  });
  return { child, done };
}
