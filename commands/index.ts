// The /papers command and its subcommands, in the order platforms list them.
import type { CommandSpec } from '../src/app/command.js';
import { cite } from './cite.js';
import { digest } from './digest.js';
import { follow, unfollow } from './follow.js';
import { createHelpCommand } from './help.js';
import { list } from './list.js';
import { notify } from './notify.js';
import { readinggroup } from './readinggroup.js';
import { save } from './save.js';
import { search } from './search.js';
import { settings } from './settings.js';
import { subscribe } from './subscribe.js';
import { summarize } from './summarize.js';
import { trends } from './trends.js';
import { unsubscribe } from './unsubscribe.js';
import { vote } from './vote.js';

export {
  cardActions,
  moreLikeThisAction,
  nominateAction,
  saveAction,
  summarizeAction,
  voteActions,
} from './lib/actions.js';

/** The one top-level slash command. */
export const PAPERS = {
  name: 'papers',
  description: 'Trending research papers: search, summaries and a daily digest',
} as const;

/** Every subcommand but help, in display order; help comes last. */
const commands = [
  search,
  summarize,
  save,
  vote,
  list,
  cite,
  digest,
  trends,
  subscribe,
  unsubscribe,
  follow,
  unfollow,
  notify,
  readinggroup,
  settings,
] as unknown as readonly CommandSpec[];

/**
 * Run by the buttons under every paper: registered and callable by hand, but left out of help's list, which
 * teaches the commands people type.
 */
const buttonCommands: ReadonlySet<CommandSpec> = new Set([vote as unknown as CommandSpec]);

export const help = createHelpCommand(
  [...commands.filter((c) => !buttonCommands.has(c)).map((c) => c.name), 'help'],
  () => papersCommands,
);

/** Every subcommand, in display order. */
export const papersCommands: readonly CommandSpec[] = [...commands, help as unknown as CommandSpec];

/** Looks a subcommand up by name. */
export function findCommand(name: string): CommandSpec | undefined {
  return papersCommands.find((c) => c.name === name);
}
