// The console as a program: builds the services, then runs a script (--eval, piped lines) or the interactive REPL.
import type { Logger } from 'pino';
import { papersCommands } from '../../../commands/index.js';
import type { Services } from '../../app/types.js';
import { type Config, readConfig } from '../../config.js';
import type { DeliveryPort } from '../../digest/types.js';
import { createLogger } from '../../logger.js';
import { ConsoleDelivery } from './channel.js';
import { colorEnabled, type RenderOptions } from './render.js';
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
  /** Lines to run instead of reading the terminal (`--eval`). */
  evals?: string[];
  color?: boolean;
  width?: number;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream;
  createServices(config: Config, logger: Logger): Promise<S>;
  /** Starts the daily digest for the console channel (interactive sessions only). */
  startDigests?(services: S, port: DeliveryPort, config: Config): BackgroundJob | undefined;
}

/** Exit codes as the CLI uses them: 0 ok, 2 when a command answered with an error, 1 when Paperboy itself failed. */
export async function runConsoleApp<S extends ConsoleServices>(
  options: ConsoleAppOptions<S>,
): Promise<number> {
  const config = readConfig(options.env);
  // The console is for reading: only warnings and errors are logged (to stderr) unless LOG_LEVEL says otherwise.
  const logger = createLogger(options.env.LOG_LEVEL ? config.logLevel : 'warn', options.stderr);
  const render: RenderOptions = {
    color: options.color ?? colorEnabled(options.stdout, options.env),
    width: options.width ?? Math.min(100, options.stdout.columns ?? 80),
  };
  const services = await options.createServices(config, logger);
  try {
    const write = (text: string) => options.stdout.write(text);
    if (options.evals && options.evals.length > 0) {
      const { failed } = await runScript(
        options.evals,
        { services, commands: papersCommands, render },
        write,
      );
      return failed > 0 ? 2 : 0;
    }
    if (options.stdin.isTTY !== true) {
      const { failed } = await runScript(
        readLines(options.stdin),
        { services, commands: papersCommands, render },
        write,
      );
      return failed > 0 ? 2 : 0;
    }
    const repl = startInteractive({
      services,
      commands: papersCommands,
      render,
      input: options.stdin,
      output: options.stdout,
      welcome: `${WELCOME}\n${services.describe()}\n`,
    });
    const job = options.startDigests?.(
      services,
      new ConsoleDelivery((text) => repl.print(text), render),
      config,
    );
    await repl.closed;
    await job?.stop();
    return 0;
  } finally {
    await services.close();
  }
}
