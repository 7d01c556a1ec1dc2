// Slash-command registration JSON for /papers (from the neutral command specs), its limit checks and the invite link.
import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { z } from 'zod';
import type { CommandSpec, OptionSpec } from '../../app/command.js';
import { LIMITS } from './limits.js';
import { truncate } from './text.js';

export const TOP_COMMAND = 'papers';
export const TOP_DESCRIPTION =
  'Trending research papers: search, summaries and a daily digest for this channel';

/**
 * What the bot needs in a channel: see it, post, embed links, read history (to edit its own posts in place) and
 * post in threads. Nothing else: no mentions, no moderation.
 */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory;

export const BOT_SCOPES = ['bot', 'applications.commands'] as const;

export function inviteUrl(applicationId: string): string {
  const params = new URLSearchParams({
    client_id: applicationId,
    scope: BOT_SCOPES.join(' '),
    permissions: BOT_PERMISSIONS.toString(),
    integration_type: '0',
  });
  return `https://discord.com/oauth2/authorize?${params.toString()}`;
}

/** Discord option names are lower case: `whenEmpty` is offered as `when_empty` and mapped back on receipt. */
export function discordName(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** Finds number/string bounds declared in a zod schema, through optional/default/pipe wrappers. */
function bounds(schema: z.ZodType): { min?: number; max?: number; minLength?: number; maxLength?: number } {
  let s: unknown = schema;
  for (let depth = 0; depth < 8 && s && typeof s === 'object'; depth++) {
    const node = s as {
      minValue?: number | null;
      maxValue?: number | null;
      minLength?: number | null;
      maxLength?: number | null;
      def?: { type?: string; innerType?: unknown; in?: unknown };
    };
    const type = node.def?.type;
    if (type === 'number') {
      return {
        ...(Number.isFinite(node.minValue) ? { min: node.minValue as number } : {}),
        ...(Number.isFinite(node.maxValue) ? { max: node.maxValue as number } : {}),
      };
    }
    if (type === 'string') {
      return {
        ...(typeof node.minLength === 'number' ? { minLength: node.minLength } : {}),
        ...(typeof node.maxLength === 'number' ? { maxLength: node.maxLength } : {}),
      };
    }
    s = node.def?.innerType ?? node.def?.in;
  }
  return {};
}

function optionJson(key: string, spec: OptionSpec): APIApplicationCommandBasicOption {
  const base = {
    name: discordName(key),
    description: truncate(spec.description, LIMITS.commandDescription),
    required: spec.required,
  };
  const b = bounds(spec.schema);
  switch (spec.kind) {
    case 'integer':
      return {
        ...base,
        type: ApplicationCommandOptionType.Integer,
        ...(b.min !== undefined ? { min_value: b.min } : {}),
        ...(b.max !== undefined ? { max_value: b.max } : {}),
      };
    case 'boolean':
      return { ...base, type: ApplicationCommandOptionType.Boolean };
    case 'string': {
      const lengths = {
        ...(b.minLength !== undefined && b.minLength > 0 ? { min_length: Math.min(b.minLength, 6000) } : {}),
        ...(b.maxLength !== undefined ? { max_length: Math.min(b.maxLength, 6000) } : {}),
      };
      if (spec.choices?.length) {
        return {
          ...base,
          type: ApplicationCommandOptionType.String,
          choices: spec.choices.slice(0, LIMITS.commandChoices).map((c) => ({
            name: truncate(c.name, LIMITS.choiceName),
            value: c.value,
          })),
        };
      }
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        ...lengths,
        ...(spec.autocomplete ? { autocomplete: true } : {}),
      };
    }
  }
}

function subcommandJson(spec: CommandSpec): APIApplicationCommandSubcommandOption {
  const entries = Object.entries(spec.options as Record<string, OptionSpec>);
  // Discord wants required options before optional ones.
  const ordered = [...entries.filter(([, o]) => o.required), ...entries.filter(([, o]) => !o.required)];
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: discordName(spec.name),
    description: truncate(spec.description, LIMITS.commandDescription),
    options: ordered.map(([key, option]) => optionJson(key, option)),
  };
}

/** The registration body for PUT /applications/{id}/commands (or a guild's): one /papers with subcommands. */
export function registrationJson(
  specs: readonly CommandSpec[],
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [
    {
      type: ApplicationCommandType.ChatInput,
      name: TOP_COMMAND,
      description: TOP_DESCRIPTION,
      contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
      integration_types: [ApplicationIntegrationType.GuildInstall],
      options: specs.map(subcommandJson),
    },
  ];
}

type AnyOption = {
  name: string;
  description: string;
  required?: boolean;
  options?: AnyOption[];
  choices?: { name: string; value: string | number }[];
};

/** Characters Discord counts toward a command's 8,000: names, descriptions, choice names and values. */
export function commandChars(command: AnyOption): number {
  let n = command.name.length + command.description.length;
  for (const c of command.choices ?? []) n += c.name.length + String(c.value).length;
  for (const o of command.options ?? []) n += commandChars(o);
  return n;
}

const NAME = /^[-_\p{L}\p{N}]{1,32}$/u;

/** Every way the JSON breaks Discord's rules, as readable lines (empty when it is fine). */
export function registrationProblems(commands: readonly AnyOption[]): string[] {
  const problems: string[] = [];
  const check = (o: AnyOption, path: string) => {
    if (!NAME.test(o.name) || o.name !== o.name.toLowerCase()) {
      problems.push(`${path}: name "${o.name}" must match ${NAME} in lower case`);
    }
    if (o.description.length < 1 || o.description.length > LIMITS.commandDescription) {
      problems.push(`${path}: description must be 1–100 characters (has ${o.description.length})`);
    }
    if ((o.options?.length ?? 0) > LIMITS.commandOptions) {
      problems.push(`${path}: at most 25 options (has ${o.options?.length})`);
    }
    if ((o.choices?.length ?? 0) > LIMITS.commandChoices) {
      problems.push(`${path}: at most 25 choices (has ${o.choices?.length})`);
    }
    for (const c of o.choices ?? []) {
      if (
        c.name.length < 1 ||
        c.name.length > LIMITS.choiceName ||
        String(c.value).length > LIMITS.choiceValue
      ) {
        problems.push(
          `${path}: choice "${c.name}" must have a name of 1–100 and a value of at most 100 characters`,
        );
      }
    }
    const firstOptional = (o.options ?? []).findIndex((x) => x.required !== true);
    if (firstOptional >= 0 && (o.options ?? []).slice(firstOptional).some((x) => x.required === true)) {
      problems.push(`${path}: required options must come before optional ones`);
    }
    const names = (o.options ?? []).map((x) => x.name);
    const dupes = names.filter((x, i) => names.indexOf(x) !== i);
    if (dupes.length) problems.push(`${path}: duplicate option names ${dupes.join(', ')}`);
    for (const child of o.options ?? []) check(child, `${path} ${child.name}`);
  };
  for (const command of commands) {
    check(command, `/${command.name}`);
    const total = commandChars(command);
    if (total > LIMITS.commandTotalChars) {
      problems.push(`/${command.name}: ${total} characters in all, Discord allows 8,000`);
    }
  }
  return problems;
}
