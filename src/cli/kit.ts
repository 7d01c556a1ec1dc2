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
    throw new UsageError(argumentProblem(error, args, Object.keys(options)));
  }
}

/**
 * Node's parseArgs messages ("argument is ambiguous", "place it at the end of the command after '--'") are for
 * programmers: say what was wrong with what the person typed, in our words.
 */
export function argumentProblem(error: unknown, args: readonly string[], names: readonly string[]): string {
  const e = error as { code?: string; message?: string };
  const message = e.message ?? String(error);
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  // "-n, --limit <value>" → "--limit"
  const option = /--[\w-]+/.exec(quoted)?.[0] ?? quoted;
  const known = names.map((n) => `--${n}`);
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const typed = option.replace(/=.*$/, '');
      const close = known.filter((k) => k.startsWith(typed) || typed.startsWith(k));
      const hint =
        close.length > 0
          ? `did you mean ${close.join(' or ')}?`
          : `options: ${[...known, '--help'].join(', ')}`;
      return `unknown option ${typed}: ${hint}`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      if (/does not take an argument/.test(message)) return `${option} takes no value (write just ${option})`;
      // Missing, or followed by something that looks like another option ("argument is ambiguous").
      const short = /(?:^|\s)(-\w),/.exec(quoted)?.[1];
      const at = args.findIndex((a) => a === option || a === short);
      const next = at >= 0 ? args[at + 1] : undefined;
      return next?.startsWith('-')
        ? `${option} needs a value, got the option ${next} (write ${option}=${next} if that is the value)`
        : `${option} needs a value`;
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${quoted}": this command takes only options (see --help)`;
    default:
      return message;
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
