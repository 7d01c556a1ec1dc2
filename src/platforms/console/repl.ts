// The interactive console: node:readline with history, completion, and digests printed above the prompt.
import { createInterface } from 'node:readline';
import type { CommandSpec } from '../../app/command.js';
import { splitCommandLine } from '../../app/line/split.js';
import type { ConsoleSession } from './session.js';

export interface ReplOptions {
  session: ConsoleSession;
  commands: readonly CommandSpec[];
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream & { isTTY?: boolean };
  /** Printed once at the start. */
  welcome: string;
  prompt?: string;
}

export interface Repl {
  /** Prints text (a digest) without mangling what the person is typing. */
  print(text: string): void;
  /** Resolves when the person quits (exit, Ctrl-D). */
  closed: Promise<void>;
  close(): void;
}

/** Completes subcommand names first, then the `key:` names of that subcommand's options. */
export function completer(commands: readonly CommandSpec[]) {
  return (line: string): [string[], string] => {
    const words = line.split(/\s+/);
    const current = words[words.length - 1] ?? '';
    const before = words.slice(0, -1).filter(Boolean);
    const prefixLen = before[0]?.replace(/^\//, '').toLowerCase() === 'papers' ? 1 : 0;
    if (before.length === prefixLen) {
      const names = [...commands.map((c) => c.name), 'exit'];
      const lead = current.startsWith('/') ? '/' : '';
      const candidates = names.map((n) => lead + n).filter((n) => n.startsWith(current.toLowerCase()));
      return [candidates.map((c) => `${c} `), current];
    }
    const { sub } = splitCommandLine(before.join(' '));
    const spec = commands.find((c) => c.name === sub);
    if (!spec || current.includes(':')) return [[], current];
    const keys = Object.keys(spec.options).map((k) => `${k}:`);
    return [keys.filter((k) => k.startsWith(current.toLowerCase())), current];
  };
}

export function startRepl(options: ReplOptions): Repl {
  const terminal = options.output.isTTY === true;
  const rl = createInterface({
    input: options.input,
    output: options.output,
    prompt: options.prompt ?? 'papers> ',
    completer: completer(options.commands),
    terminal,
    historySize: 200,
  });
  let busy = false;
  let queue = Promise.resolve();
  let interrupted = false;
  let closedByUs = false;

  const write = (text: string) => {
    options.output.write(text.endsWith('\n') ? text : `${text}\n`);
  };

  let ended = false;
  const print = (text: string) => {
    if (terminal && !busy && !ended) {
      // Clear the half-typed line, print, then redraw the prompt with what was typed.
      options.output.write('\r\x1b[2K');
      write(text);
      rl.prompt(true);
    } else write(text);
  };

  const closed = new Promise<void>((resolve) => {
    rl.on('close', () => {
      ended = true;
      if (terminal && !closedByUs) options.output.write('\n');
      // Lines already read still run (piped input closes before its last command answers).
      void queue.then(resolve);
    });
  });

  rl.on('line', (line) => {
    interrupted = false;
    queue = queue.then(async () => {
      busy = true;
      try {
        const result = await options.session.handle(line);
        // A blank line between the answer and the next prompt keeps a long session readable.
        if (result.text) write(`${result.text}\n\n`);
        if (result.quit) {
          closedByUs = true;
          rl.close();
          return;
        }
      } finally {
        busy = false;
      }
      rl.prompt();
    });
  });

  rl.on('SIGINT', () => {
    if (rl.line.length > 0) {
      rl.write(null, { ctrl: true, name: 'u' });
      interrupted = false;
    } else if (interrupted) {
      rl.close();
    } else {
      interrupted = true;
      options.output.write('\n(To quit, type exit or press Ctrl-D; Ctrl-C again quits too.)\n');
      rl.prompt();
    }
  });

  write(options.welcome);
  rl.prompt();
  return { print, closed, close: () => rl.close() };
}
