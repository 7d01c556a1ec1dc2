// The console as a program: builds the services, then runs a script (--eval, piped lines) or the interactive REPL.
import type { Logger } from 'pino';
import type { CommandSpec } from '../../app/command.js';
import { createRuntime } from '../../app/runtime.js';
import type { Services } from '../../app/types.js';
import { type Config, readConfig } from '../../config.js';
import type { DeliveryPort } from '../../digest/types.js';
import { createLogger } from '../../logger.js';
import { ConsoleDelivery } from './channel.js';
import { textLogStream } from './log-sink.js';
import { colorEnabled, type RenderOptions, wrap } from './render.js';
import { readLines, runScript, startInteractive, WELCOME } from './start.js';

/** What the console needs from the composition root. */
export interface ConsoleServices extends Services {
  /** One line for the welcome: what was loaded from where. */
  describe(): string;
  close(): Promise<void>;
}

/** Something that runs digests on schedule while the console is open (the digest scheduler). */
export interface BackgroundJob {
  stop(): Promise<void>;
}

export interface ConsoleAppOptions<S extends ConsoleServices = ConsoleServices> {
  env: NodeJS.ProcessEnv;
  /** The /papers subcommands (the composition root passes them in). */
  commands: readonly CommandSpec[];
  /** Lines to run instead of reading the terminal (`--eval`). */
  evals?: string[];
  color?: boolean;
  width?: number;
  /** Why the console and not a chat platform, for the banner (`npm start` without tokens). */
  reason?: string;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream;
  createServices(config: Config, logger: Logger): Promise<S>;
  /**
   * Starts what runs while an interactive console is open (the console channel's digest, live sources);
   * `note` prints a line above the prompt.
   */
  startBackground?(
    services: S,
    port: DeliveryPort,
    config: Config,
    note: (text: string) => void,
  ): BackgroundJob;
}

/** Exit codes as the CLI uses them: 0 ok, 2 when a command answered with an error, 1 when Paperboy itself failed. */
export async function runConsoleApp<S extends ConsoleServices>(
  options: ConsoleAppOptions<S>,
): Promise<number> {
  const config = readConfig(options.env);
  // The console is for reading: only warnings and errors are logged, as plain lines, unless LOG_LEVEL says
  // otherwise; while the REPL runs they print above the prompt.
  let log: (text: string) => void = (text) => {
    options.stderr.write(text);
  };
  const logger = createLogger(
    config.console.logLevelSet ? config.logLevel : 'warn',
    textLogStream(() => log),
  );
  const render: RenderOptions = {
    color: options.color ?? colorEnabled(options.stdout, config.console.color),
    width: options.width ?? Math.min(100, options.stdout.columns ?? 80),
  };
  const services = await options.createServices(config, logger);
  // One person at their own terminal (or a script of many lines) is not someone to slow down: no rate limit.
  const { limiter: _unlimited, ...typed } = services;
  const { commands } = options;
  const session = {
    services: typed,
    commands,
    render,
    runtime: createRuntime({ commands, services: typed }),
  };
  try {
    const write = (text: string) => options.stdout.write(text);
    if (options.evals && options.evals.length > 0) {
      const { failed } = await runScript(options.evals, session, write);
      return failed > 0 ? 2 : 0;
    }
    if (options.stdin.isTTY !== true) {
      const { failed } = await runScript(readLines(options.stdin), session, write);
      return failed > 0 ? 2 : 0;
    }
    const repl = startInteractive({
      ...session,
      input: options.stdin,
      output: options.stdout,
      // Wrapped like the replies, so a narrow terminal doesn't fold the banner mid-word.
      welcome: `${wrap([WELCOME, options.reason, services.describe()].filter(Boolean).join('\n'), render.width ?? 80).join('\n')}\n`,
    });
    const dim = (text: string) => (render.color ? `\x1b[2m${text.trimEnd()}\x1b[22m` : text.trimEnd());
    log = (text) => repl.print(dim(text));
    const port = new ConsoleDelivery(
      (text) => repl.print(`${text}\n`),
      render,
      (view) => repl.session.shown(view),
    );
    const job = options.startBackground?.(services, port, config, (text) => repl.print(dim(text)));
    await repl.closed;
    log = (text) => options.stderr.write(text);
    await job?.stop();
    return 0;
  } finally {
    await services.close();
  }
}
