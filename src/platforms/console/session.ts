// One console conversation: runs typed lines as /papers commands, with paging shortcuts and forgiving forms.
import type { CommandSpec } from '../../app/command.js';
import { parseLine, runLine, splitCommandLine } from '../../app/parse-line.js';
import type { CommandContext, Services } from '../../app/types.js';
import type { Action, View } from '../../views/types.js';
import { type RenderOptions, renderView } from './render.js';

export interface LineResult {
  /** Rendered reply ('' when there is nothing to say). */
  text: string;
  /** The reply was an error view (a script exits 2). */
  failed: boolean;
  quit: boolean;
}

export interface ConsoleSession {
  handle(line: string): Promise<LineResult>;
}

const QUIT = new Set(['exit', 'quit', ':q', '/exit', '/quit', 'bye']);
const NEXT = new Set(['next', 'n', 'more']);
const PREV = new Set(['prev', 'previous', 'p', 'back']);

export function createConsoleSession(options: {
  services: Services;
  commands: readonly CommandSpec[];
  context: () => CommandContext;
  render?: RenderOptions;
}): ConsoleSession {
  let last: View | undefined;
  const show = (view: View): LineResult => ({
    text: renderView(withoutShare(view), options.render),
    failed: view.kind === 'error',
    quit: false,
  });

  async function follow(action: Action | undefined, word: string): Promise<LineResult> {
    if (!action) {
      return show({
        kind: 'error',
        text: `There is no ${word} page here.`,
        hint: 'Search first: search <words>',
      });
    }
    return run(action.command);
  }

  async function run(line: string): Promise<LineResult> {
    const parsed = parseLine(line, options.commands);
    if (!parsed.ok && !parsed.spec && !line.trim().startsWith('/')) {
      // Someone typed plain words: offer the search they probably meant.
      const { sub, args } = splitCommandLine(line);
      const words = [sub, args].filter(Boolean).join(' ');
      const view = parsed.view;
      if (view.kind === 'error' && !view.text.includes('Did you mean')) {
        return show({ ...view, hint: `To search for it: search ${words}\n${view.hint ?? ''}`.trim() });
      }
    }
    const { view } = await runLine(line, options.context(), options.services, options.commands);
    last = view;
    return show(view);
  }

  return {
    async handle(input) {
      const line = input.trim();
      if (line === '' || line.startsWith('#')) return { text: '', failed: false, quit: false };
      const word = line.toLowerCase();
      if (QUIT.has(word)) return { text: '', failed: false, quit: true };
      const page = last?.kind === 'list' ? last.page : undefined;
      if (NEXT.has(word)) return follow(page?.next, 'next');
      if (PREV.has(word)) return follow(page?.prev, 'previous');
      return run(line);
    },
  };
}

/** Only the person at the terminal reads the console: there is no one to share an answer with. */
function withoutShare(view: View): View {
  if (view.kind === 'error' || !view.actions?.some((a) => a.share)) return view;
  const actions = view.actions.filter((a) => !a.share);
  const { actions: _dropped, ...rest } = view;
  return actions.length > 0 ? { ...rest, actions } : rest;
}
