// /papers help [command]: what Paperboy can do, with examples; or the usage of one subcommand.
import { z } from 'zod';
import type { OptionSpec } from '../src/app/command.js';
import { type CommandSpec, defineCommand } from '../src/app/command.js';
import { didYouMean } from '../src/app/line/did-you-mean.js';

/**
 * Built from the names it lists (in that order) and every command it can explain; the commands are read at run
 * time, so help can describe itself. A command left out of the names is still explained when asked for by name.
 */
export function createHelpCommand(names: readonly string[], commands: () => readonly CommandSpec[]) {
  return defineCommand({
    name: 'help',
    description: 'What Paperboy can do, with examples',
    usage: '/papers help [command]',
    examples: ['/papers help', '/papers help subscribe'],
    isHelp: true,
    options: {
      command: {
        kind: 'string',
        description: 'A command to explain',
        schema: z.string().trim().toLowerCase().min(1),
        required: false,
        positional: 'one',
        choices: names.map((n) => ({ name: n, value: n })),
      } satisfies OptionSpec<z.ZodType<string, unknown>>,
    },
    async run(input) {
      const all = commands();
      const shown = names.flatMap((n) => all.filter((c) => c.name === n));
      if (input.command) {
        const name = input.command.replace(/^\/?papers\s+/, '');
        const spec = all.find((c) => c.name === name);
        if (!spec) {
          const guess = didYouMean(
            name,
            all.map((c) => c.name),
          );
          return {
            kind: 'error',
            text: `There is no /papers ${name}.${guess ? ` Did you mean ${guess}?` : ''}`,
            hint: `Commands: ${names.join(', ')}`,
            ephemeral: true,
          };
        }
        return explain(spec);
      }
      return {
        kind: 'notice',
        title: 'Paperboy: trending research papers',
        text: 'Search and summarise trending papers, and get a daily digest in this channel. Commands:',
        fields: shown.map((c) => ({
          name: shortUsage(c.usage),
          value: `${c.description}.${c.admin === true ? ' For channel managers.' : ''}\nExample: ${c.examples[0] ?? c.usage}`,
        })),
        ephemeral: true,
      };
    },
  });
}

/** The usage line cut after whole parts at about 60 characters: "/papers settings [pause|resume] […]". */
function shortUsage(usage: string, max = 60): string {
  const parts = usage.match(/<[^>]*>|\[[^\]]*\]|\S+/g) ?? [usage];
  let out = '';
  for (const part of parts) {
    const next = out ? `${out} ${part}` : part;
    if (next.length > max && out) return `${out} […]`;
    out = next;
  }
  return out;
}

function explain(spec: CommandSpec) {
  const options = Object.entries(spec.options as Record<string, OptionSpec>).map(([name, o]) => {
    const how = o.positional ? `${name} — typed as is, or as ${name}:"…"` : `${name}:…`;
    return `• ${how}${o.required ? ' (required)' : ''}: ${o.description}`;
  });
  const who =
    spec.admin === true
      ? 'Only people who can manage the channel can use it.'
      : spec.admin === 'changes'
        ? 'Anyone can look; only people who can manage the channel can change it.'
        : '';
  return {
    kind: 'notice' as const,
    title: `/papers ${spec.name}`,
    text: [spec.description + '.', who].filter(Boolean).join(' '),
    fields: [
      { name: 'Usage', value: spec.usage },
      ...(options.length > 0 ? [{ name: 'Options', value: options.join('\n') }] : []),
      { name: 'Examples', value: spec.examples.join('\n') },
    ],
    ephemeral: true,
  };
}
