// One console conversation: runs typed lines as /papers commands, with paging shortcuts and forgiving forms.
import type { CommandSpec } from '../../app/command.js';
import { splitCommandLine } from '../../app/line/split.js';
import { parseLine } from '../../app/parse-line.js';
import { createRuntime, type Runtime } from '../../app/runtime.js';
import type { CommandContext, Services } from '../../app/types.js';
import type { Action, PaperCard, View } from '../../views/types.js';
import { cardKeys, PAPER_BUTTON_WORDS, PRESS_FALLBACKS, parsePress } from './card-keys.js';
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
  /**
   * A list printed outside the conversation (the console's digest): its numbers become the ones "save 2" and
   * "summarize 2" pick from, as after a search.
   */
  shown(view: View): void;
}

const QUIT = new Set(['exit', 'quit', ':q', '/exit', '/quit', 'bye']);
const NEXT = new Set(['next', 'n', 'more']);
const PREV = new Set(['prev', 'previous', 'p', 'back']);

export function createConsoleSession(options: {
  services: Services;
  commands: readonly CommandSpec[];
  context: () => CommandContext;
  render?: RenderOptions;
  /** The shared command pipeline (default: one over these services and commands). */
  runtime?: Runtime;
}): ConsoleSession {
  const runtime =
    options.runtime ?? createRuntime({ commands: options.commands, services: options.services });
  let last: View | undefined;
  /** Cards by the number the last list showed them with. */
  let numbered = new Map<number, PaperCard>();
  const text = (view: View) =>
    renderView(withShortcuts(withoutShare(view), options.render?.width ?? 80), options.render);
  /** The answer, then any extra messages (a heads-up), a blank line apart. */
  const show = (view: View, ...more: View[]): LineResult => ({
    text: [view, ...more].map(text).join('\n\n'),
    failed: view.kind === 'error',
    quit: false,
  });

  function remember(view: View): void {
    if (view.kind !== 'list') return;
    last = view;
    const first = view.page?.first ?? 1;
    numbered = new Map(view.cards.map((card, i) => [first + i, card]));
  }

  /**
   * "save 2", "summarize 2": the button of that word on result 2 of the last list, run as its click would run
   * it ("vote 2" presses 👍 when the card has no Vote button). Undefined when the word is no button here, so the
   * line runs as typed.
   */
  async function press(word: string, n: number): Promise<LineResult | undefined> {
    const card = numbered.get(n);
    const fallback = PRESS_FALLBACKS.get(word);
    if (card) {
      const keys = cardKeys(card);
      const key = keys.find((k) => k.word === word) ?? keys.find((k) => k.word === fallback);
      if (key) return run(key.action.command);
      if (word === 'summarize') return run(`/papers summarize ${card.id}`);
      return word === 'vote' ? run(`/papers vote ${card.id} up`) : undefined;
    }
    const known =
      PAPER_BUTTON_WORDS.has(word) ||
      fallback !== undefined ||
      [...numbered.values()].some((c) => cardKeys(c).some((k) => k.word === word));
    if (!known) return undefined;
    const shown = [...numbered.keys()];
    if (shown.length === 0) {
      return show({
        kind: 'error',
        text: `There is no list to pick result ${n} from yet.`,
        hint: `Search first (search diffusion models), then: ${word} ${n}`,
      });
    }
    return show({
      kind: 'error',
      text: `The last list shows results ${Math.min(...shown)}–${Math.max(...shown)}, not ${n}.`,
      hint: `Type next for the next page, or ${word} with a number from the list.`,
    });
  }

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
    const { views } = await runtime.run({ command: { line }, ctx: options.context() });
    const [view = { kind: 'error', text: 'Nothing to show.' }, ...more] = views;
    // Paging and numbers refer to the last list, also after a summary read from it.
    remember(view);
    return show(view, ...more);
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
      const pressed = parsePress(line);
      const answer = pressed ? await press(pressed.word, pressed.n) : undefined;
      return answer ?? run(line);
    },
    shown: remember,
  };
}

/** Only the person at the terminal reads the console: there is no one to share an answer with. */
function withoutShare(view: View): View {
  if (view.kind === 'error' || !view.actions?.some((a) => a.share)) return view;
  const actions = view.actions.filter((a) => !a.share);
  const { actions: _dropped, ...rest } = view;
  return actions.length > 0 ? { ...rest, actions } : rest;
}

/**
 * A long query would wrap "→ Next: /papers search …" over lines: the query is cut to fit ("…"), and `next` and
 * `prev` still turn the page whatever is shown.
 */
function withShortcuts(view: View, width: number): View {
  if (view.kind !== 'list' || !view.page) return view;
  const { prev, next, ...page } = view.page;
  const shorten = (action: Action): Action => ({
    ...action,
    command: cutQuery(action.command, width - action.label.length - 4),
  });
  return {
    ...view,
    page: { ...page, ...(prev ? { prev: shorten(prev) } : {}), ...(next ? { next: shorten(next) } : {}) },
  };
}

/** "/papers search <query> limit:2 page:3" within `room` characters: the query loses its end, the options stay. */
function cutQuery(command: string, room: number): string {
  if (command.length <= room) return command;
  const m = /^(\/papers \S+ )(.*?)((?: [\w-]+:\S+)*)$/.exec(command);
  if (!m) return command;
  const [, head = '', query = '', tail = ''] = m;
  const keep = room - head.length - tail.length - 1;
  if (keep < 8) return command;
  return `${head}${query.slice(0, keep).trimEnd()}…${tail}`;
}
