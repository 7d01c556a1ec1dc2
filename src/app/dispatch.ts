// Runs one command from raw option values: validation, permission check and error views, the same on every platform.

import type { View } from '../views/types.js';
import type { CommandSpec, OptionSpec } from './command.js';
import type { CommandContext, Services } from './types.js';

/** Raw values as a platform hands them: text from Slack/console, typed values from Discord. */
export type RawOptions = Record<string, unknown>;

export type Validated = { ok: true; input: Record<string, unknown> } | { ok: false; view: View };

function usageError(spec: CommandSpec, text: string): View {
  return { kind: 'error', text, hint: `Usage: ${spec.usage}`, ephemeral: true };
}

/** Validates raw option values against the command's declarations; unknown options are refused by name. */
export function validateOptions(spec: CommandSpec, raw: RawOptions): Validated {
  const declared = spec.options as Record<string, OptionSpec>;
  const unknown = Object.keys(raw).filter((k) => !(k in declared));
  if (unknown.length > 0) {
    const names = Object.keys(declared).join(', ') || 'none';
    return {
      ok: false,
      view: usageError(spec, `Unknown option ${unknown.map((u) => `"${u}"`).join(', ')}. Options: ${names}.`),
    };
  }
  const input: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(declared)) {
    const value = raw[name];
    if (value === undefined || value === null || value === '') {
      if (option.required)
        return { ok: false, view: usageError(spec, `Missing ${name}: ${option.description}.`) };
      continue;
    }
    const parsed = option.schema.safeParse(value);
    if (!parsed.success) {
      const why = parsed.error.issues[0]?.message ?? 'is not valid';
      return {
        ok: false,
        view: usageError(spec, `${name} ${why.replace(/^Invalid input:?\s*/i, 'is invalid: ')}`),
      };
    }
    input[name] = parsed.data;
  }
  return { ok: true, input };
}

/**
 * The one entry point platforms call. Never throws: an unexpected failure is logged with its stack and the user
 * gets a short ephemeral apology.
 */
export async function runCommand(
  spec: CommandSpec,
  raw: RawOptions,
  ctx: CommandContext,
  services: Services,
): Promise<View> {
  if (spec.admin && !ctx.user.canManage) {
    return {
      kind: 'error',
      text: `Only people who can manage this channel can use /papers ${spec.name}.`,
      hint: 'Ask a channel or workspace admin, or have them add you to PAPERBOY_ADMINS.',
      ephemeral: true,
    };
  }
  const validated = validateOptions(spec, raw);
  if (!validated.ok) return validated.view;
  try {
    return await spec.run(validated.input as never, ctx, services);
  } catch (error) {
    services.logger.error(
      { err: error, command: spec.name, requestId: ctx.requestId, channel: ctx.channel },
      'command failed',
    );
    return {
      kind: 'error',
      text: 'Sorry, something went wrong on our side. Please try again in a moment.',
      ephemeral: true,
    };
  }
}
