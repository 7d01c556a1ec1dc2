// Shared plumbing for `paperboy` subcommands: the I/O port, usage errors and exit codes.
import { type ParseArgsConfig, parseArgs } from 'node:util';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
}

export const processIO: CliIO = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
};

/** Exit codes: 0 success, 2 bad usage or bad input, 1 internal failure. */
export const EXIT = { ok: 0, internal: 1, usage: 2 } as const;

/** An expected problem with what the user gave us: printed as one line, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs with `--help` built in and errors turned into UsageError. */
export function parseCli<O extends Options>(args: string[], options: O, allowPositionals = true) {
  try {
    return parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export function intOption(
  value: string | undefined,
  name: string,
  min: number,
  max: number,
  fallback: number,
) {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got "${value}")`);
  }
  return n;
}
