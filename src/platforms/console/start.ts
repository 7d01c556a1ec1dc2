// Runs the console either over a script of lines (--eval, piped stdin) or interactively at a terminal.
import { createInterface } from 'node:readline';
import type { CommandSpec } from '../../app/command.js';
import type { Runtime } from '../../app/runtime.js';
import type { Services } from '../../app/types.js';
import { consoleContext } from './channel.js';
import type { RenderOptions } from './render.js';
import { type Repl, startRepl } from './repl.js';
import { type ConsoleSession, createConsoleSession } from './session.js';

export interface ConsoleOptions {
  services: Services;
  commands: readonly CommandSpec[];
  render?: RenderOptions;
  /** The shared command pipeline (default: one over these services and commands). */
  runtime?: Runtime;
}

/**
 * Runs each line in order and writes every reply; returns how many replies were errors, so a script can exit 2.
 * Stops at `exit`.
 */
export async function runScript(
  lines: AsyncIterable<string> | Iterable<string>,
  options: ConsoleOptions,
  write: (text: string) => void,
): Promise<{ failed: number; ran: number }> {
  const session = createConsoleSession({ ...options, context: () => consoleContext() });
  let failed = 0;
  let ran = 0;
  for await (const line of lines) {
    const result = await session.handle(line);
    if (result.quit) break;
    if (!result.text) continue;
    ran += 1;
    if (result.failed) failed += 1;
    write(`${result.text}\n\n`);
  }
  return { failed, ran };
}

/** Lines from a stream (piped stdin), as they arrive. */
export function readLines(input: NodeJS.ReadableStream): AsyncIterable<string> {
  return createInterface({ input, terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
}

export const WELCOME = [
  'Paperboy console: trending research papers in your terminal.',
  'Try: search diffusion models · summarize stop regressing · digest reinforcement learning · help',
  'This terminal is a channel too: subscribe here (subscribe rl time:08:30) and its digest prints at that time.',
  'After a search or a digest, next and prev turn the page, and the words under a paper press its buttons: summarize 2, save 2, up 2.',
  'Type exit or press Ctrl-D to quit.',
].join('\n');

/** The interactive console; `print` lets the digest scheduler write above the prompt. */
export function startInteractive(
  options: ConsoleOptions & {
    input: NodeJS.ReadableStream;
    output: NodeJS.WritableStream & { isTTY?: boolean };
    welcome?: string;
  },
): Repl & { session: ConsoleSession } {
  const session = createConsoleSession({ ...options, context: () => consoleContext() });
  const repl = startRepl({
    session,
    commands: options.commands,
    input: options.input,
    output: options.output,
    welcome: options.welcome ?? WELCOME,
  });
  return { ...repl, session };
}
