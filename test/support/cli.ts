// Runs the `paperboy` command line in-process, as a person would type it, and keeps what it printed.
import type { CliIO } from '../../src/cli/kit.js';
import { main } from '../../src/cli.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Streams for one CLI run that keep what was written, with only `env` as the environment. */
export function captureIO(env: NodeJS.ProcessEnv = {}): { io: CliIO; stdout(): string; stderr(): string } {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    out: (t) => {
      stdout += t;
    },
    err: (t) => {
      stderr += t;
    },
    env,
  };
  return { io, stdout: () => stdout, stderr: () => stderr };
}

/** `paperboy ...args` with only `env` as its environment (never the test process's own). */
export async function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const captured = captureIO(env);
  const code = await main([...args], captured.io);
  return { code, stdout: captured.stdout(), stderr: captured.stderr() };
}
